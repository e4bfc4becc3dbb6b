package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalunit.api.experiment.Generation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a metric sees of one row.
 *
 * @param row the dataset row with canonical column names ({@code query}, {@code output_true},
 *     {@code context}, {@code retrieval_context}) after {@code columns_map}
 * @param generation the model's answer to the row (never failed: rows without an answer are not scored)
 * @param judge the judge model, or {@code null} when the set declares none
 * @param sampleIndex which repeat this is, so that judge calls of repeats stay independent
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MetricInput(Map<String, Object> row, Generation generation, ModelClient judge, int sampleIndex) {
    public MetricInput {
        row = Collections.unmodifiableMap(new LinkedHashMap<>(row));
    }

    /** A row cell as text; missing or null is {@code ""}. */
    public String text(String column) {
        Object value = row.get(column);
        return value == null ? "" : value.toString();
    }
}
