package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.Model;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.experiment.spec.UnknownKeys;
import dev.evalunit.json.JsonValues;
import dev.evalunit.stats.pairwise.Ranking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Reads tournament JSON (a file, or a {@code TournamentDefinition}'s {@code asJson()}) into a
 * {@link TournamentSpec}: the keys and their types; the planner checks the rest, as for the annotation.
 * <pre>
 * {"name", "evaluation_dataset", "id_columns", "task",
 *  "autorater": {"model", "inference_instruction", "inference_context", "samples", "max_input_tokens"},
 *  "candidates": {"models", "temperatures", "repeat", "prompt_parameters"},
 *  "baseline", "round_robin", "bootstrap_rounds", "seed"}
 * </pre>
 * A prompt parameter is {@code {"column": ...}} or {@code {"template": ...}}.
 */
@API(status = INTERNAL, since = "0.1")
public final class TournamentParser {

    static final List<String> KEYS = List.of("name", "evaluation_dataset", "id_columns", "task", "autorater",
            "candidates", "baseline", "round_robin", "bootstrap_rounds", "seed");
    static final List<String> AUTORATER_KEYS = List.of("model", "inference_instruction", "inference_context", "samples",
            "max_input_tokens");
    static final List<String> CANDIDATE_KEYS = List.of("models", "temperatures", "repeat", "prompt_parameters");
    static final List<String> PROMPT_KEYS = List.of("column", "template");

    private TournamentParser() {
    }

    /**
     * @param source names the declaration in messages, e.g. {@code tournament file [t.json]}
     * @param defaultName the name when the JSON gives none
     */
    public static TournamentSpec parse(Map<String, Object> json, String source, String defaultName, List<Model> inline) {
        Reader top = new Reader(json, source);
        UnknownKeys.require(json, KEYS, source);
        Reader judge = top.object("autorater", AUTORATER_KEYS);
        Reader candidates = top.object("candidates", CANDIDATE_KEYS);
        String name = top.text("name", "");
        return new TournamentSpec(name.isBlank() ? defaultName : name.trim(),
                top.text("evaluation_dataset", ""),
                top.texts("id_columns"),
                top.text("task", ""),
                judge.text("model", ""),
                judge.prompt("inference_instruction"),
                judge.prompt("inference_context"),
                judge.integer("samples", null),
                judge.integer("max_input_tokens", null),
                candidates.texts("models"),
                candidates.numbers("temperatures"),
                candidates.integer("repeat", 1),
                candidates.prompts("prompt_parameters"),
                top.text("baseline", ""),
                top.flag("round_robin"),
                top.integer("bootstrap_rounds", Ranking.DEFAULT_ROUNDS),
                top.whole("seed", Ranking.DEFAULT_SEED),
                inline);
    }

    /** Typed access to one JSON object, naming the key's path in every message. */
    private record Reader(Map<?, ?> json, String owner) {

        private ConfigurationException wrong(String key, String expected, Object value) {
            return new ConfigurationException(owner + " has [" + key + "] " + JsonValues.describe(value)
                    + ". Give " + expected + ".");
        }

        Reader object(String key, List<String> accepted) {
            Object value = json.get(key);
            if (value == null) {
                return new Reader(Map.of(), owner + " [" + key + "]");
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw wrong(key, "a JSON object", value);
            }
            UnknownKeys.require(map, accepted, owner + " [" + key + "]");
            return new Reader(map, owner + " [" + key + "]");
        }

        String text(String key, String absent) {
            Object value = json.get(key);
            if (value == null) {
                return absent;
            }
            if (!(value instanceof String text)) {
                throw wrong(key, "a string", value);
            }
            return text;
        }

        List<String> texts(String key) {
            List<String> texts = new ArrayList<>();
            for (Object item : list(key, "an array of strings")) {
                if (!(item instanceof String text)) {
                    throw wrong(key, "an array of strings", json.get(key));
                }
                texts.add(text);
            }
            return texts;
        }

        List<Double> numbers(String key) {
            List<Double> numbers = new ArrayList<>();
            for (Object item : list(key, "an array of numbers")) {
                if (!(item instanceof Number number)) {
                    throw wrong(key, "an array of numbers", json.get(key));
                }
                numbers.add(number.doubleValue());
            }
            return numbers;
        }

        private List<?> list(String key, String expected) {
            Object value = json.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> items)) {
                throw wrong(key, expected, value);
            }
            return items;
        }

        Integer integer(String key, Integer absent) {
            Object value = json.get(key);
            if (value == null) {
                return absent;
            }
            if (!(value instanceof Integer number)) {
                throw wrong(key, "a whole number", value);
            }
            return number;
        }

        long whole(String key, long absent) {
            Object value = json.get(key);
            if (value == null) {
                return absent;
            }
            if (!(value instanceof Integer || value instanceof Long)) {
                throw wrong(key, "a whole number", value);
            }
            return ((Number) value).longValue();
        }

        boolean flag(String key) {
            Object value = json.get(key);
            if (value == null) {
                return false;
            }
            if (!(value instanceof Boolean flag)) {
                throw wrong(key, "true or false", value);
            }
            return flag;
        }

        PromptSpec prompt(String key) {
            Reader prompt = object(key, PROMPT_KEYS);
            return new PromptSpec(prompt.text("column", ""), prompt.text("template", ""));
        }

        Map<String, PromptSpec> prompts(String key) {
            Reader params = object(key, List.copyOf(mapKeys(json.get(key))));
            Map<String, PromptSpec> prompts = new LinkedHashMap<>();
            for (Object name : params.json().keySet()) {
                prompts.put(String.valueOf(name), params.prompt(String.valueOf(name)));
            }
            return prompts;
        }

        private static List<String> mapKeys(Object value) {
            return value instanceof Map<?, ?> map ? map.keySet().stream().map(String::valueOf).toList() : List.of();
        }
    }
}
