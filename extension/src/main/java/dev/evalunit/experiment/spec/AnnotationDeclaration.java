package dev.evalunit.experiment.spec;

import dev.evalunit.api.ExperimentSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attribute form of {@link ExperimentSet} as EvalAP's experiment-set JSON, so that it is validated and
 * expanded exactly as a file is. Attributes left at their defaults are left out, so a missing dataset or model
 * is reported as such.
 */
final class AnnotationDeclaration {

    private AnnotationDeclaration() {
    }

    static Map<String, Object> toJson(ExperimentSet annotation, String defaultName) {
        Map<String, Object> common = new LinkedHashMap<>();
        if (!annotation.dataset().isBlank()) {
            common.put("dataset", annotation.dataset());
        }
        if (annotation.metrics().length > 0) {
            common.put("metrics", new ArrayList<>(Arrays.asList(annotation.metrics())));
        }
        if (!annotation.judgeModel().isBlank()) {
            common.put("judge_model", annotation.judgeModel());
        }
        Map<String, Object> grid = new LinkedHashMap<>();
        if (annotation.models().length > 0 || annotation.methods().length > 0) {
            List<Object> models = new ArrayList<>();
            for (String model : annotation.models()) {
                models.add(new LinkedHashMap<>(Map.of("name", model)));
            }
            for (String method : annotation.methods()) {
                models.add(new LinkedHashMap<>(Map.of(InProcessMethod.METHOD, method)));
            }
            grid.put("model", models);
        }
        if (annotation.temperatures().length > 0) {
            grid.put("model.sampling_params.temperature",
                    new ArrayList<>(Arrays.stream(annotation.temperatures()).boxed().toList()));
        }
        Map<String, Object> cv = new LinkedHashMap<>();
        cv.put("common_params", common);
        cv.put("grid_params", grid);
        cv.put("repeat", annotation.repeat());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", annotation.name().isBlank() ? defaultName : annotation.name());
        json.put("cv", cv);
        return json;
    }
}
