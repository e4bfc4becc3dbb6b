package dev.evalunit.cache;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.cost.CostBudget;
import dev.evalunit.cost.Spending;
import dev.evalunit.model.ClientDecorator;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;

/**
 * The response cache of one run: wraps every model client in a {@link CachingModelClient} (unless the
 * mode is {@code off}). Entries live in the directory that {@value ConfigKeys#CACHE_DIR} names, by
 * default {@value ConfigKeys#DEFAULT_CACHE_DIR} under the working directory (the module's directory
 * under Maven): outside {@code target/}, so that {@code mvn clean} keeps it and it can be committed for
 * an offline CI that runs with {@code replay}. Deleting the directory clears it. Nothing is created
 * until the first reply is stored, so {@code replay} stores nothing; when the run ends, the index of
 * the cache is saved in a directory that exists ({@link SavedIndex}: derived, ignored by git). Every
 * model's API key is masked in what the cache stores and returns, should a server echo it.
 *
 * <p>Each evaluation counts where its replies came from in {@link CacheCounts} of its own: the JUnit
 * layer creates its clients through {@link #countingInto(CacheCounts)}. Clients made through
 * {@link #decorate} count into the run's {@link #counts()}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ModelCache implements ClientDecorator {

    private final CacheMode mode;
    private final CacheStore store;
    private final SecretMask mask;
    private final AtomicBoolean warned = new AtomicBoolean();
    private final CacheCounts counts;

    private ModelCache(CacheMode mode, Path directory, SecretReference secrets) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.mask = new SecretMask(Objects.requireNonNull(secrets, "secrets"));
        this.store = new CacheStore(directory.toAbsolutePath().normalize(), mask);
        this.counts = newCounts();
    }

    /**
     * The cache that {@value ConfigKeys#CACHE_MODE} and {@value ConfigKeys#CACHE_DIR} describe.
     *
     * @throws ConfigurationException when the mode is unknown or the directory is not a path
     */
    public static ModelCache from(EvalConfig config) {
        return from(config, SecretReference.fromProcess());
    }

    /**
     * The cache that {@value ConfigKeys#CACHE_MODE} and {@value ConfigKeys#CACHE_DIR} describe, masking
     * the keys that {@code secrets} resolves.
     *
     * @throws ConfigurationException when the mode is unknown or the directory is not a path
     */
    public static ModelCache from(EvalConfig config, SecretReference secrets) {
        CacheMode mode = CacheMode.parse(config.get(ConfigKeys.CACHE_MODE).orElse(ConfigKeys.DEFAULT_CACHE_MODE));
        String directory = config.get(ConfigKeys.CACHE_DIR).orElse(ConfigKeys.DEFAULT_CACHE_DIR);
        try {
            return new ModelCache(mode, Path.of(directory), secrets);
        } catch (InvalidPathException e) {
            throw new ConfigurationException("[" + ConfigKeys.CACHE_DIR + "] is not a valid path: '" + directory
                    + "'. Give a directory, e.g. " + ConfigKeys.DEFAULT_CACHE_DIR + ".");
        }
    }

    /** @param directory where entries live; a relative path is resolved against the working directory */
    public static ModelCache of(CacheMode mode, Path directory) {
        return of(mode, directory, SecretReference.fromProcess());
    }

    /**
     * @param secrets resolves the models' API keys as their clients do, so that a key a server echoes
     *     is masked in what the cache stores and returns
     */
    public static ModelCache of(CacheMode mode, Path directory, SecretReference secrets) {
        return new ModelCache(mode, directory, secrets);
    }

    public CacheMode mode() {
        return mode;
    }

    /** The absolute directory entries live in. */
    public Path directory() {
        return store.directory();
    }

    /** Counts of the clients made through {@link #decorate}, i.e. without counts of their own. */
    public CacheCounts counts() {
        return counts;
    }

    /** New counts, zero, whose summary ends with this cache's mode and directory. */
    public CacheCounts newCounts() {
        return newCounts(CostBudget.none().newSpending());
    }

    /** New counts, zero, whose calls are held to {@code spending} (one evaluation's, against its cost budget). */
    public CacheCounts newCounts(Spending spending) {
        return new CacheCounts("cache: " + mode.id() + ", " + shown(directory()), spending);
    }

    /** Wraps clients as {@link #decorate} does, counting their replies and calls into {@code counts}. */
    public ClientDecorator countingInto(CacheCounts counts) {
        Objects.requireNonNull(counts, "counts");
        return new ClientDecorator() {
            @Override
            public ModelClient decorate(ModelClient client, ModelSettings settings) {
                return ModelCache.this.decorate(client, settings, counts);
            }

            @Override
            public boolean callsModels() {
                return ModelCache.this.callsModels();
            }
        };
    }

    @Override
    public ModelClient decorate(ModelClient client, ModelSettings settings) {
        return decorate(client, settings, counts);
    }

    /** False in {@code replay}: a miss fails without a call, so no model's API key is ever resolved. */
    @Override
    public boolean callsModels() {
        return mode != CacheMode.REPLAY;
    }

    private ModelClient decorate(ModelClient client, ModelSettings settings, CacheCounts into) {
        // In replay nothing is stored, and what is read was masked when stored: no key to learn (nor resolve).
        if (mode != CacheMode.OFF && callsModels()) {
            mask.learn(settings);
        }
        // Inside the cache: a reply the cache gives costs nothing, so only calls are held to the budget.
        return new CachingModelClient(into.spending().guard(client, settings), settings, this, into);
    }

    /** Relative to the working directory when inside it ({@code .evalunit/cache}), else absolute. */
    private static String shown(Path directory) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        return directory.startsWith(workingDirectory) && !directory.equals(workingDirectory)
                ? workingDirectory.relativize(directory).toString() : directory.toString();
    }

    /**
     * Reads the cache's index now, on the calling thread, when this mode uses it (every mode but {@code off}): what the
     * first look-up or entry would read, so that a thread of its own can read it while the run plans. Harmless to
     * call more than once, or not at all.
     */
    public void prepareEntries() {
        if (mode != CacheMode.OFF) {
            store.prepare();
        }
    }

    CacheStore store() {
        return store;
    }

    /** Reads and writes one model's entries directly, for replies that come from elsewhere (a batch API). */
    public ModelEntries entries(ModelSettings settings) {
        return new ModelEntries(this, settings);
    }

    /**
     * Stores a reply already masked; a failure to write is said once and the run goes on: the call
     * succeeded, and its reply is worth more to this run than the entry is to the next.
     */
    void write(CacheKey key, String anyEndpointHash, ModelReply reply) {
        try {
            store.write(key, anyEndpointHash, reply);
        } catch (IOException | RuntimeException e) {
            writeFailed(e);
        }
    }

    /** {@code reply} with every known API key masked in its text. */
    ModelReply masked(ModelReply reply) {
        String text = mask.apply(reply.text());
        return Objects.equals(text, reply.text()) ? reply
                : new ModelReply(text, reply.promptTokens(), reply.completionTokens(), reply.latency());
    }

    /** Closes the segment this run appends to and saves the index; a later entry opens the segment again. */
    @Override
    public void close() {
        try {
            store.close();
        } catch (IOException e) {
            writeFailed(e);
        }
    }

    /** Says once per run why replies are not being stored, rather than failing calls that succeeded. */
    void writeFailed(Exception e) {
        if (warned.compareAndSet(false, true)) {
            System.err.println("[evalunit] the response cache cannot store replies in " + directory() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + ". This run goes on; the next one will call the models again.");
        }
    }
}
