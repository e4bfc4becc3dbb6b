package dev.evalunit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A pairwise tournament declared in Java: the same structure as the tournament JSON (see
 * {@code docs/pairwise.md}), built fluently and validated by the engine exactly as the JSON is.
 *
 * <pre>{@code
 * static TournamentDefinition capitals() {
 *     return TournamentDefinition.named("capitals")
 *             .dataset("datasets/capitals.jsonl").idColumns("id").task(Task.QUESTION_ANSWERING)
 *             .autorater("judge", "{{ query }}")
 *             .models("m1", "m2", "m3").prompt("Answer in one sentence. {{ query }}")
 *             .baseline("m1")
 *             .build();
 * }
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class TournamentDefinition {

    private final Map<String, Object> json;

    private TournamentDefinition(Map<String, Object> json) {
        this.json = json;
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The definition as tournament JSON (maps, lists, strings, numbers, booleans). */
    public Map<String, Object> asJson() {
        return json;
    }

    /** Collects a tournament's parts; {@link #build()} checks nothing: the engine does, as for JSON. */
    public static final class Builder {
        private final Map<String, Object> json = new LinkedHashMap<>();
        private final Map<String, Object> autorater = new LinkedHashMap<>();
        private final Map<String, Object> candidates = new LinkedHashMap<>();

        private Builder(String name) {
            json.put("name", Objects.requireNonNull(name, "name"));
        }

        /** {@code evaluation_dataset}: a JSONL or CSV file, as a class path resource or a file path. */
        public Builder dataset(String dataset) {
            json.put("evaluation_dataset", dataset);
            return this;
        }

        public Builder idColumns(String... columns) {
            json.put("id_columns", List.of(columns));
            return this;
        }

        public Builder task(Task task) {
            json.put("task", task.id());
            return this;
        }

        /** The judge and its instruction, a template such as {@code Answer the question: {{ question }}}. */
        public Builder autorater(String model, String instructionTemplate) {
            autorater.put("model", model);
            autorater.put("inference_instruction", Map.of("template", instructionTemplate));
            return this;
        }

        /** The autorater's context, a template; none by default. */
        public Builder autoraterContext(String contextTemplate) {
            autorater.put("inference_context", Map.of("template", contextTemplate));
            return this;
        }

        /** Autorater calls per example; the configuration's by default. */
        public Builder autoraterSamples(int samples) {
            autorater.put("samples", samples);
            return this;
        }

        /** Declared model names: the grid's first axis. */
        public Builder models(String... models) {
            candidates.put("models", List.of(models));
            return this;
        }

        /** Sampling temperatures: a second grid axis. */
        public Builder temperatures(double... temperatures) {
            List<Double> values = new ArrayList<>();
            for (double t : temperatures) {
                values.add(t);
            }
            candidates.put("temperatures", values);
            return this;
        }

        public Builder repeat(int repeat) {
            candidates.put("repeat", repeat);
            return this;
        }

        /** The candidates' {@code prompt} parameter, a template such as {@code {{ question }}}. */
        public Builder prompt(String template) {
            candidates.put("prompt_parameters", Map.of("prompt", Map.of("template", template)));
            return this;
        }

        public Builder baseline(String baseline) {
            json.put("baseline", baseline);
            return this;
        }

        /** Every pair of candidates, not only each against the baseline. */
        public Builder roundRobin() {
            json.put("round_robin", true);
            return this;
        }

        public Builder bootstrapRounds(int rounds) {
            json.put("bootstrap_rounds", rounds);
            return this;
        }

        public Builder seed(long seed) {
            json.put("seed", seed);
            return this;
        }

        public TournamentDefinition build() {
            Map<String, Object> built = new LinkedHashMap<>(json);
            built.put("autorater", new LinkedHashMap<>(autorater));
            built.put("candidates", new LinkedHashMap<>(candidates));
            return new TournamentDefinition(java.util.Collections.unmodifiableMap(built));
        }
    }
}
