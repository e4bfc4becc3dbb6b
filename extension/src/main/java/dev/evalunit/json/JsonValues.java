package dev.evalunit.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigurationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * JSON-like Java values: maps, lists and scalars. Comparisons, and the JSON value model of declared
 * configuration (experiment sets): {@link LinkedHashMap} objects with string keys, {@link ArrayList} lists,
 * strings, numbers, booleans and {@code null}. Whatever the source (Jackson, the Java builder, an
 * annotation), values are copied into this model first, so what reads them meets one shape.
 */
@API(status = INTERNAL, since = "0.1")
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

    /**
     * A deep, mutable copy in the JSON value model.
     *
     * @param path where the value sits, for the message; empty for the whole document
     * @param owner e.g. {@code experiment set [v1]}, for the message
     * @throws ConfigurationException when a value has no JSON form (e.g. an arbitrary Java object)
     */
    public static Object copy(Object value, String path, String owner) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Float f) {
            // Through the decimal text, so 0.2f stays 0.2 instead of 0.20000000298...
            return Double.valueOf(f.toString());
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, owner)));
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>();
            int i = 0;
            for (Object element : collection) {
                copy.add(copy(element, path + "[" + i++ + "]", owner));
            }
            return copy;
        }
        throw new ConfigurationException("[" + path + "] of " + owner + " is a " + value.getClass().getName()
                + ", which is not a JSON value. Use a string, number, boolean, list or object.");
    }

    /** A deep copy of a value already in the JSON value model. */
    public static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(deepCopy(element)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> deepCopy(Map<String, Object> map) {
        return (Map<String, Object>) deepCopy((Object) map);
    }

    /** A deep, unmodifiable copy that keeps key order and allows {@code null} values (JSON has them). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> freeze(Map<String, Object> map) {
        return (Map<String, Object>) freezeValue(map);
    }

    private static Object freezeValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), freezeValue(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(freezeValue(element)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** What a value is, for messages: never the value itself, which could be a secret. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
