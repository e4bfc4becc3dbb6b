package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An experiment set declared in Java: the same structure as EvalAP's experiment-set JSON
 * ({@code name}, {@code readme}, {@code cv.common_params}, {@code cv.grid_params}, {@code cv.repeat}),
 * built fluently and validated by the engine exactly as the JSON is.
 *
 * <pre>{@code
 * static ExperimentSetDefinition comparison() {
 *     return ExperimentSetDefinition.named("model_comparison_v1")
 *             .common("dataset", "datasets/qa.jsonl")
 *             .common("metrics", List.of("judge_precision", "output_length"))
 *             .common("judge_model", "judge")
 *             .grid("model", List.of(Map.of("name", "m1"), Map.of("name", "m2")))
 *             .grid("model.sampling_params.temperature", List.of(0.2, 0.8))
 *             .repeat(3)
 *             .build();
 * }
 * }</pre>
 * A dotted key ({@code model.sampling_params.temperature}) stands for nested objects.
 */
@API(status = STABLE, since = "0.1")
public final class ExperimentSetDefinition {

    private final Map<String, Object> json;

    private ExperimentSetDefinition(Map<String, Object> json) {
        this.json = json;
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The definition as EvalAP's experiment-set JSON object (maps, lists, strings, numbers). */
    public Map<String, Object> asJson() {
        return json;
    }

    public static final class Builder {
        private final String name;
        private String readme = "";
        private final Map<String, Object> common = new LinkedHashMap<>();
        private final Map<String, Object> grid = new LinkedHashMap<>();
        private int repeat = 1;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder readme(String readme) {
            this.readme = Objects.requireNonNull(readme, "readme");
            return this;
        }

        /** A common parameter; a dotted key nests. */
        public Builder common(String key, Object value) {
            put(common, key, value);
            return this;
        }

        /** A grid axis: the values it takes; a dotted key nests. Axes vary last-declared fastest. */
        public Builder grid(String key, List<?> values) {
            put(grid, key, new ArrayList<>(values));
            return this;
        }

        public Builder repeat(int repeat) {
            this.repeat = repeat;
            return this;
        }

        public ExperimentSetDefinition build() {
            Map<String, Object> cv = new LinkedHashMap<>();
            cv.put("common_params", common);
            cv.put("grid_params", grid);
            cv.put("repeat", repeat);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", name);
            json.put("readme", readme);
            json.put("cv", cv);
            return new ExperimentSetDefinition(Collections.unmodifiableMap(json));
        }

        // Dotted keys are kept as written: the engine expands them, for JSON and Java alike.
        private static void put(Map<String, Object> target, String key, Object value) {
            target.put(Objects.requireNonNull(key, "key"), value);
        }
    }
}
