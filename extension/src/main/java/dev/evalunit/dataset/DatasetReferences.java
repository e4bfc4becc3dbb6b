package dev.evalunit.dataset;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A dataset reference as the seeds write it, made loadable: a comma-separated list of files is one
 * dataset (AutoSxS's {@code evaluation_dataset}), and each part that names a dataset configured with
 * {@code evalunit.datasets.<part>=<path>} (EvalAP's {@code "qa_benchmark_v2"}, or a {@code gs://}
 * location a spec file keeps) reads that path instead. Cloud locations left unmapped are refused,
 * saying what to do.
 */
@API(status = INTERNAL, since = "0.1")
public final class DatasetReferences {

    /** Separates the files of one dataset in a reference. */
    static final String SEPARATOR = ",";
    private static final List<String> CLOUD_SCHEMES = List.of("gs://", "bq://");

    private DatasetReferences() {
    }

    /** The reference with each part mapped through the configuration; a reference without mapping is returned as is. */
    public static String resolve(EvalConfig config, String reference) {
        if (reference == null || reference.isBlank()) {
            return reference;
        }
        List<String> parts = new ArrayList<>();
        for (String part : split(reference)) {
            String resolved = config.get(ConfigKeys.DATASETS_PREFIX + part).map(String::strip).orElse(part);
            checkLocal(part, resolved);
            parts.add(resolved);
        }
        return String.join(SEPARATOR, parts);
    }

    /** The files of a reference: its comma-separated parts, stripped, empty parts left out. */
    static List<String> split(String reference) {
        List<String> parts = new ArrayList<>();
        for (String part : reference.split(SEPARATOR)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private static void checkLocal(String given, String resolved) {
        String lower = resolved.toLowerCase(Locale.ROOT);
        for (String scheme : CLOUD_SCHEMES) {
            if (lower.startsWith(scheme)) {
                throw new ConfigurationException("dataset [" + given + "] is a Google Cloud location, which evalunit does not"
                        + " read. Copy it to a file (e.g. gcloud storage cp, or bq extract as JSON Lines) and set "
                        + ConfigKeys.DATASETS_PREFIX + given + "=<path of the copy>, keeping the JSON as it is.");
            }
        }
    }
}
