package dev.evalunit.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Every configuration key, read from JUnit configuration parameters ({@code junit-platform.properties},
 * {@code -D}) or, on the command line, from system properties. The README documents each one.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConfigKeys {
    public static final String PREFIX = "evalunit.";

    /** Most model calls in flight at once, across both sides and the autorater. Default 8. */
    public static final String CONCURRENCY = "evalunit.concurrency";
    /** Where reports are written. Default {@code target/evalunit}. */
    public static final String REPORT_DIR = "evalunit.report.dir";
    /** Autorater calls per example. Default 4. */
    public static final String AUTORATER_SAMPLES = "evalunit.autorater.samples";
    /** Token limit of one autorater input. Default 4096. */
    public static final String AUTORATER_MAX_INPUT_TOKENS = "evalunit.autorater.max-input-tokens";
    /**
     * How many more times the autorater asks a sample whose reply held no verdict (prose) before the sample
     * counts as {@code ERROR}; 0 asks once. Default 1 (autorater package).
     */
    public static final String AUTORATER_REASK_ATTEMPTS = "evalunit.autorater.reask-attempts";
    /** How model calls use the response cache: {@code live}, {@code replay}, {@code record} or {@code off}. Default live. */
    public static final String CACHE_MODE = "evalunit.cache.mode";
    /** The response cache's directory; a relative path is resolved against the working directory. Default {@code .evalunit/cache}. */
    public static final String CACHE_DIR = "evalunit.cache.dir";

    /**
     * Accepted and not read: the version of evalunit a build pins, as the README's pom names it. A build
     * that sets it with {@code -Devalunit.version=...} hands it to the tests as a system property.
     */
    public static final String VERSION = "evalunit.version";

    /**
     * Spec files (the {@code evalunit-specs} test engine): comma-separated globs of class path resources,
     * relative to a class path root. Default {@value #DEFAULT_SPECS_INCLUDE}.
     */
    public static final String SPECS_INCLUDE = "evalunit.specs.include";
    public static final String DEFAULT_SPECS_INCLUDE = "evals/**/*.autosxs.json,evals/**/*.experiment-set.json";
    /**
     * {@code false} stops the spec-file engine from looking for spec files in the class path roots of the
     * test classes a build tool selects (how Surefire and Gradle ask); explicit resource, file and class path
     * root selectors still find them. Default {@code true}.
     */
    public static final String SPECS_WITH_TEST_CLASSES = "evalunit.specs.with-test-classes";
    /**
     * Gates every AutoSxS spec file must pass besides those of its {@code evalunit} block, comma-separated, each
     * {@code metric>=value} (e.g. {@code autosxs_model_a_win_rate>=0.5,cohens_kappa>=0.4}); what
     * {@code evalunit run --gate} sets. Default none.
     */
    public static final String SPECS_GATES = "evalunit.specs.gates";
    /** The judge (a declared model's name) of a spec file, or of an experiment, that names none. */
    public static final String JUDGE_DEFAULT = "evalunit.judge.default";
    /**
     * Prefix of named datasets: {@code evalunit.datasets.<name>=<path>} makes a dataset reference {@code name}
     * (e.g. {@code qa_benchmark_v2}, or a {@code gs://} location a spec file names) read {@code path}.
     */
    public static final String DATASETS_PREFIX = "evalunit.datasets.";

    /**
     * Prefix of base-URL routes: {@code evalunit.base-urls.<base_url>=<url>} sends the calls of a model an
     * experiment set gives by {@code base_url} to another URL (a proxy, a loopback stand-in), the JSON
     * unchanged; the wire format stays that of the original URL's provider.
     */
    public static final String BASE_URLS_PREFIX = "evalunit.base-urls.";

    /** Prefix of a declared model's keys: {@code evalunit.models.<name>.<key>}. */
    public static final String MODELS_PREFIX = "evalunit.models.";

    /**
     * Prefix of a model's prices: {@code evalunit.prices.<name>.<key>}, the keys and their checks in
     * {@code cost.PriceTable}.
     */
    public static final String PRICES_PREFIX = "evalunit.prices.";

    /** Keys under {@code evalunit.models.<name>.}. */
    public static final class ModelKeys {
        public static final String PROVIDER = "provider";
        public static final String MODEL = "model";
        public static final String BASE_URL = "base-url";
        public static final String API_KEY = "api-key";
        public static final String SYSTEM_PROMPT = "system-prompt";
        public static final String TEMPERATURE = "temperature";
        public static final String TOP_P = "top-p";
        public static final String MAX_TOKENS = "max-tokens";
        public static final String EXTRA_PARAMS = "extra-params";
        public static final String TIMEOUT_SECONDS = "timeout-seconds";
        public static final String MAX_RETRIES = "max-retries";

        // Rate limits (http package).
        /** Most attempts in flight at once on the model's endpoint; the adaptive limit's ceiling. Default 64. */
        public static final String MAX_CONCURRENCY = "max-concurrency";
        /** A fixed cap on the model's attempts per second, e.g. 2.5. Default: no cap. */
        public static final String REQUESTS_PER_SECOND = "requests-per-second";
        /** Time after a call's first attempt within which retries may start. Default 120. */
        public static final String MAX_RETRY_SECONDS = "max-retry-seconds";
        /** Limit on opening a connection, in seconds. Default 10 (at most {@code timeout-seconds}). */
        public static final String CONNECT_TIMEOUT_SECONDS = "connect-timeout-seconds";
        /** Limit on waiting for a reply's first byte, in seconds. Default a third of {@code timeout-seconds} (20). */
        public static final String FIRST_BYTE_TIMEOUT_SECONDS = "first-byte-timeout-seconds";
        /**
         * Hedging, off unless set: an attempt without a reply after this percentile (50 to 99.9) of the model's
         * recent latencies gets one second attempt beside it; the first reply wins.
         */
        public static final String HEDGE_AFTER_PERCENTILE = "hedge-after-percentile";
        /** The floor of the wait before a second attempt, in milliseconds. Default 100. */
        public static final String HEDGE_MIN_MS = "hedge-min-ms";

        /** Every key above: what every model has, whatever its provider; a provider's own parameters take other names. */
        public static final Set<String> ALL = Set.of(PROVIDER, MODEL, BASE_URL, API_KEY, SYSTEM_PROMPT, TEMPERATURE,
                TOP_P, MAX_TOKENS, EXTRA_PARAMS, TIMEOUT_SECONDS, MAX_RETRIES, MAX_CONCURRENCY, REQUESTS_PER_SECOND,
                MAX_RETRY_SECONDS, CONNECT_TIMEOUT_SECONDS, FIRST_BYTE_TIMEOUT_SECONDS, HEDGE_AFTER_PERCENTILE, HEDGE_MIN_MS);

        private ModelKeys() {
        }
    }

    public static final int DEFAULT_CONCURRENCY = 8;
    public static final String DEFAULT_REPORT_DIR = "target/evalunit";
    public static final int DEFAULT_AUTORATER_SAMPLES = 4;
    public static final int DEFAULT_AUTORATER_MAX_INPUT_TOKENS = 4096;
    public static final int DEFAULT_AUTORATER_REASK_ATTEMPTS = 1;
    public static final String DEFAULT_CACHE_MODE = "live";
    /** Outside {@code target/}, so that {@code mvn clean} keeps it and it can be committed. */
    public static final String DEFAULT_CACHE_DIR = ".evalunit/cache";
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_MAX_RETRIES = 4;

    // Rate limits (http package).
    public static final int DEFAULT_MAX_CONCURRENCY = 64;
    public static final int DEFAULT_MAX_RETRY_SECONDS = 120;

    // Error budget (budget package).
    /**
     * The largest share of failed examples (pairwise {@code Error} rows; an experiment's rows without
     * an answer) an evaluation may have before it fails as an infrastructure error. Default 0.10.
     */
    public static final String ERROR_BUDGET = "evalunit.error-budget";
    public static final double DEFAULT_ERROR_BUDGET = 0.10;

    /**
     * The most one evaluation may spend, in US dollars at the prices of {@code evalunit.prices.*} (cost
     * package). Default: no limit.
     */
    public static final String MAX_COST_USD = "evalunit.budget.max-cost-usd";

    /**
     * {@code true} lets an experiment pass although one of its metrics produced no value on any row (budget
     * package). Default {@code false}: such an experiment fails, with the commonest reasons.
     */
    public static final String ALLOW_EMPTY_METRICS = "evalunit.experiments.allow-empty-metrics";

    // Batch execution (batch package).
    /** How an evaluation's calls are made: {@code live} (default) or {@code batch}, through the providers' batch APIs. */
    public static final String EXECUTION = "evalunit.execution";
    public static final String DEFAULT_EXECUTION = "live";
    /** How long to wait between two polls of a batch, e.g. {@code 30s}, {@code 2m}, {@code 500ms}. Default 30s. */
    public static final String BATCH_POLL_INTERVAL = "evalunit.batch.poll-interval";
    public static final String DEFAULT_BATCH_POLL_INTERVAL = "30s";
    /** The longest a run waits for one batch before its requests become errors (a rerun resumes polling). Default 25h. */
    public static final String BATCH_MAX_WAIT = "evalunit.batch.max-wait";
    public static final String DEFAULT_BATCH_MAX_WAIT = "25h";
    /** {@code true} sends a request whose batch line failed, expired or was cancelled again live. Default {@code false}. */
    public static final String BATCH_RETRY_LIVE = "evalunit.batch.retry-live";

    /**
     * The part of every evaluation a run runs, {@code K/N} (shard package, {@code Shard}): the K-th of N
     * deterministic parts, by a stable hash of each example's ids. Default: all of it.
     */
    public static final String SHARD = "evalunit.shard";

    /**
     * Every key outside {@code evalunit.models.}: the values of this class's own {@code public static
     * final String} constants that are keys (prefixes, which end with a dot, left out), read from the
     * class itself so that no list of keys is kept twice. Sorted.
     */
    public static Set<String> topLevelKeys() {
        Set<String> keys = new TreeSet<>();
        for (Field field : ConfigKeys.class.getFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() == String.class && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)) {
                String value = constant(field);
                if (value.startsWith(PREFIX) && !value.endsWith(".")) {
                    keys.add(value);
                }
            }
        }
        return keys;
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String modelKey(String modelName, String key) {
        return MODELS_PREFIX + modelName + "." + key;
    }

    private ConfigKeys() {
    }
}
