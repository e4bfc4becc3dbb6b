package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.dataset.DatasetRow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The columns metrics read. Metrics name canonical columns ({@code query}, {@code output_true},
 * {@code context}, {@code retrieval_context}); an experiment's {@code columns_map} says which dataset
 * column holds each, e.g. {@code {"query": "question", "output_true": "answer"}}. A canonical name
 * that is not mapped is read from the column of the same name.
 */
@API(status = INTERNAL, since = "0.1")
public final class MetricColumns {

    /** Dataset column names used in messages to show how to map each canonical column. */
    private static final Map<String, String> EXAMPLES = Map.of(
            "query", "question", "output_true", "answer", "context", "document", "retrieval_context", "passages");

    /**
     * The row as metrics see it: every cell under its own name, plus each mapped canonical name holding
     * the cell of its column (replacing a column of that name). A mapped column that the row lacks
     * leaves the canonical name out.
     */
    public static Map<String, Object> canonicalRow(DatasetRow row, Map<String, String> columnsMap) {
        Map<String, Object> canonical = new LinkedHashMap<>(row.values());
        if (columnsMap != null) {
            columnsMap.forEach((name, column) -> {
                if (row.has(column)) {
                    canonical.put(name, row.get(column));
                } else {
                    canonical.remove(name);
                }
            });
        }
        return Collections.unmodifiableMap(canonical);
    }

    /**
     * Checks, before any model call, that the dataset holds what every metric reads: each
     * {@code columns_map} target exists, each required column is in the dataset or mapped, each
     * {@code judge_adhoc} placeholder names a column, and a judge model is declared when a metric needs one.
     *
     * @param where the experiment, as messages name it, e.g. {@code experiment [m1__0]}
     * @throws ConfigurationException naming the first problem found
     */
    public static void check(Dataset dataset, Map<String, String> columnsMap, List<Metric> metrics, boolean hasJudge,
                             String where) {
        Map<String, String> map = columnsMap == null ? Map.of() : columnsMap;
        map.forEach((name, column) -> checkMapping(dataset, name, column, where));
        for (Metric metric : metrics) {
            MetricDescriptor descriptor = metric.descriptor();
            if (descriptor.usesJudge() && !hasJudge) {
                throw new ConfigurationException("metric [" + descriptor.name() + "] of " + where
                        + " needs a judge model. Set judge_model.");
            }
            JudgeSpec spec = metric instanceof JudgeMetric judge ? judge.spec() : null;
            for (String column : descriptor.requiredColumns()) {
                String fallback = spec == null ? null : spec.fallbacks().get(column);
                if (found(dataset, map, column) || fallback != null && found(dataset, map, fallback)) {
                    continue;
                }
                if (spec != null && spec.userWritten()) {
                    throw new ConfigurationException("metric [" + descriptor.name() + "] of " + where
                            + " has placeholder [{{ " + column + " }}], which names no column of dataset ["
                            + dataset.source() + "]. Columns: " + dataset.columnList() + ". Use one of these "
                            + "columns or {{ output }} for the answer, or map [" + column + "] to a column with "
                            + "columns_map.");
                }
                String needs = fallback == null ? "[" + column + "]" : "[" + column + "] (or [" + fallback + "])";
                throw new ConfigurationException("metric [" + descriptor.name() + "] of " + where + " needs column "
                        + needs + ", which dataset [" + dataset.source() + "] lacks. Columns: " + dataset.columnList()
                        + ". Add it or map it with columns_map, e.g. \"columns_map\": {\"" + column + "\": \""
                        + EXAMPLES.getOrDefault(column, "your_column") + "\"}.");
            }
        }
    }

    private static void checkMapping(Dataset dataset, String name, String column, String where) {
        if (name.equals(JudgeMetric.OUTPUT)) {
            throw new ConfigurationException("columns_map of " + where + " maps [output], which always means the "
                    + "model's answer. Remove it; map columns to query, output_true, context or retrieval_context.");
        }
        if (!dataset.hasColumn(column)) {
            throw new ConfigurationException("columns_map of " + where + " maps [" + name + "] to column [" + column
                    + "], which dataset [" + dataset.source() + "] lacks. Columns: " + dataset.columnList()
                    + ". Map it to one of these columns.");
        }
    }

    private static boolean found(Dataset dataset, Map<String, String> columnsMap, String column) {
        return columnsMap.containsKey(column) || dataset.hasColumn(column);
    }

    private MetricColumns() {
    }
}
