package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One dataset row of one experiment: one line of its observations file.
 *
 * @param rowId the row's id (the {@code id} column when the dataset has one, else the 1-based row number)
 * @param generation the model's answer and its cost
 * @param scores each metric's observation, by metric name, in the experiment's metric order
 */
@API(status = STABLE, since = "0.1")
public record RowResult(Object rowId, Generation generation, Map<String, MetricObservation> scores) {
    public RowResult {
        Objects.requireNonNull(rowId, "rowId");
        Objects.requireNonNull(generation, "generation");
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }
}
