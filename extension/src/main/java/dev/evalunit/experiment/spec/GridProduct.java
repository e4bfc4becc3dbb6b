package dev.evalunit.experiment.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cartesian product of grid axes, in declaration order, the last axis varying fastest (as EvalAP does). */
final class GridProduct {

    private GridProduct() {
    }

    /**
     * @param axes each axis's key and its values, in declaration order
     * @return one map per combination, axis key to value, in declaration order; one empty map without axes
     */
    static List<Map<String, Object>> of(Map<String, List<Object>> axes) {
        List<Map<String, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        axes.forEach((key, values) -> {
            List<Map<String, Object>> extended = new ArrayList<>();
            for (Map<String, Object> prefix : combinations) {
                for (Object value : values) {
                    Map<String, Object> combination = new LinkedHashMap<>(prefix);
                    combination.put(key, value);
                    extended.add(combination);
                }
            }
            combinations.clear();
            combinations.addAll(extended);
        });
        return combinations;
    }
}
