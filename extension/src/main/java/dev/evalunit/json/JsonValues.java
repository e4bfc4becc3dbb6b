package dev.evalunit.json;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Comparisons of JSON-like Java values: maps, lists and scalars. */
public final class JsonValues {

    private JsonValues() {
    }

    /**
     * Whether {@code a} and {@code b} would be written as the same JSON text: equal, with the keys of
     * every map in the same order ({@link Map#equals} ignores the order).
     */
    public static boolean sameInOrder(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Map<?, ?> mapA && b instanceof Map<?, ?> mapB) {
            if (mapA.size() != mapB.size()) {
                return false;
            }
            Iterator<? extends Map.Entry<?, ?>> entriesB = mapB.entrySet().iterator();
            for (Map.Entry<?, ?> entryA : mapA.entrySet()) {
                Map.Entry<?, ?> entryB = entriesB.next();
                if (!Objects.equals(entryA.getKey(), entryB.getKey()) || !sameInOrder(entryA.getValue(), entryB.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> listA && b instanceof List<?> listB) {
            if (listA.size() != listB.size()) {
                return false;
            }
            for (int i = 0; i < listA.size(); i++) {
                if (!sameInOrder(listA.get(i), listB.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
