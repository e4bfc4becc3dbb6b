package dev.evalunit.experiment.spec;

import dev.evalunit.json.JsonValueText;
import dev.evalunit.json.JsonValues;
import dev.evalunit.config.ConfigurationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EvalAP's {@code cv} block: every combination of {@code grid_params} deep-merged onto {@code common_params},
 * each combination {@code repeat} times with its repeats adjacent. Experiments are named {@code <set>__<index>}.
 */
final class CvExpansion {

    static final List<String> KEYS = List.of("common_params", "grid_params", "repeat");

    private CvExpansion() {
    }

    static List<ExperimentDraft> expand(Object cv, String setName) {
        if (!(cv instanceof Map<?, ?> cvMap)) {
            throw new ConfigurationException("[cv] of experiment set [" + setName
                    + "] must be an object. Give it common_params, grid_params and repeat.");
        }
        UnknownKeys.require(cvMap, KEYS, "[cv] of experiment set [" + setName + "]");
        Map<String, Object> common = DottedKeys.expand(ModelShorthand.expand(
                object(cvMap.get("common_params"), "cv.common_params", setName)));
        Map<String, List<Object>> axes = axes(object(cvMap.get("grid_params"), "cv.grid_params", setName), setName);
        int repeat = repeat(cvMap.get("repeat"), setName);

        List<ExperimentDraft> drafts = new ArrayList<>();
        for (Map<String, Object> combination : GridProduct.of(axes)) {
            Map<String, Object> configuration = common;
            for (Map.Entry<String, Object> axis : combination.entrySet()) {
                Map<String, Object> overlay = new LinkedHashMap<>();
                overlay.put(axis.getKey(), axis.getValue());
                configuration = DeepMerge.merge(configuration, DottedKeys.expand(ModelShorthand.expand(overlay)));
            }
            for (int run = 0; run < repeat; run++) {
                drafts.add(new ExperimentDraft(setName + "__" + drafts.size(), JsonValues.deepCopy(configuration)));
            }
        }
        return drafts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String key, String setName) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new ConfigurationException("[" + key + "] of experiment set [" + setName + "] must be an object, but was "
                + JsonValues.describe(value) + ". Write it as {\"parameter\": value, ...}.");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Object>> axes(Map<String, Object> grid, String setName) {
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        grid.forEach((key, values) -> {
            if (!(values instanceof List<?> list) || list.isEmpty()) {
                throw new ConfigurationException("grid parameter [" + key + "] of experiment set [" + setName
                        + "] must be a non-empty list of values.");
            }
            axes.put(key, (List<Object>) list);
        });
        return axes;
    }

    private static int repeat(Object value, String setName) {
        if (value == null) {
            return 1;
        }
        BigDecimal number = null;
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal
                || value instanceof Double d && Double.isFinite(d)) {
            number = new BigDecimal(value.toString());
        }
        boolean whole = number != null && number.signum() > 0 && number.stripTrailingZeros().scale() <= 0
                && number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
        if (!whole) {
            throw new ConfigurationException("[cv.repeat] of experiment set [" + setName
                    + "] must be a positive whole number, but was " + JsonValueText.compact(value) + ".");
        }
        return number.intValueExact();
    }
}
