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
     * Whether two maps hold equal keys in the same order, each with the very same value object: a
     * cheap test that both are copies of one map (as {@code ModelRequest} copies a schema's top level
     * on every call) and so write the same JSON. {@code false} says nothing: the caller then compares
     * the long way or writes the value again.
     */
    public static boolean sameEntries(Map<?, ?> a, Map<?, ?> b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.size() != b.size()) {
            return false;
        }
        Iterator<? extends Map.Entry<?, ?>> entriesB = b.entrySet().iterator();
        for (Map.Entry<?, ?> entryA : a.entrySet()) {
            Map.Entry<?, ?> entryB = entriesB.next();
            if (entryA.getValue() != entryB.getValue() || !Objects.equals(entryA.getKey(), entryB.getKey())) {
                return false;
            }
        }
        return true;
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
