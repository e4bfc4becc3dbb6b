package dev.evalunit.experiment.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model may be written as its name alone ({@code "model": "m1"}); it stands for {@code {"name": "m1"}}.
 * Expanded before dotted keys and merging, so that sampling parameters merge onto a model given by name, and
 * so that both spellings give the same configuration id.
 */
final class ModelShorthand {

    static final String MODEL = "model";

    private ModelShorthand() {
    }

    /** A copy of the object with a top-level string {@code model} replaced by {@code {"name": ...}}. */
    static Map<String, Object> expand(Map<String, Object> object) {
        Map<String, Object> expanded = new LinkedHashMap<>(object);
        if (object.get(MODEL) instanceof String name) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", name);
            expanded.put(MODEL, model);
        }
        return expanded;
    }
}
