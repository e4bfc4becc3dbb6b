package dev.evalunit.experiment.spec;

import dev.evalunit.json.JsonValues;
import java.util.Map;

/**
 * EvalAP's deep merge: objects merge key by key, recursively; anything else, lists included, is replaced by
 * the overlay. Neither input is changed.
 */
final class DeepMerge {

    private DeepMerge() {
    }

    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = JsonValues.deepCopy(base);
        overlay.forEach((key, value) -> merged.put(key, mergeValue(merged.get(key), value)));
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object base, Object overlay) {
        if (base instanceof Map<?, ?> baseMap && overlay instanceof Map<?, ?> overlayMap) {
            return merge((Map<String, Object>) baseMap, (Map<String, Object>) overlayMap);
        }
        return JsonValues.deepCopy(overlay);
    }
}
