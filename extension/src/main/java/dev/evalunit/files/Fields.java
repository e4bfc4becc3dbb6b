package dev.evalunit.files;

import dev.evalunit.config.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object read from a contract file, with typed access to its fields: a missing field or one
 * of the wrong type is a {@link ConfigurationException} naming the file (and line), the field and
 * what was found.
 */
final class Fields {

    private final Map<String, Object> values;
    private final String where;

    private Fields(Map<String, Object> values, String where) {
        this.values = values;
        this.where = where;
    }

    /** @param where e.g. {@code metrics file [path]}, for messages */
    static Fields of(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigurationException(where + " is not a JSON object. Use a file evalunit wrote.");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((key, field) -> values.put((String) key, field));
        return new Fields(values, where);
    }

    /** Where this object was read, for messages: e.g. {@code observations file [path] line 3}. */
    String where() {
        return where;
    }

    /** The field names in file order. */
    List<String> names() {
        return List.copyOf(values.keySet());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value as read (see {@code JsonReading}), {@code null} for a JSON null. */
    Object value(String name) {
        return present(name);
    }

    /** Text, or {@code null}. */
    String text(String name) {
        return typed(name, String.class, "text");
    }

    /** A number, or {@code null}. */
    Double number(String name) {
        Number number = typed(name, Number.class, "a number");
        return number == null ? null : number.doubleValue();
    }

    /** A whole number, or {@code null}. */
    Integer count(String name) {
        Object value = present(name);
        if (value != null && !(value instanceof Integer)) {
            throw wrongType(name, value, "a whole number");
        }
        return (Integer) value;
    }

    /** A whole number, never {@code null}. */
    int integer(String name) {
        Object value = present(name);
        if (!(value instanceof Integer number)) {
            throw wrongType(name, value, "a whole number");
        }
        return number;
    }

    boolean bool(String name) {
        Object value = present(name);
        if (!(value instanceof Boolean bool)) {
            throw wrongType(name, value, "true or false");
        }
        return bool;
    }

    /** A nested object as a plain map, e.g. a configuration. */
    @SuppressWarnings("unchecked")
    Map<String, Object> map(String name) {
        Object value = present(name);
        if (!(value instanceof Map<?, ?>)) {
            throw wrongType(name, value, "a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /** A nested object, or {@code null}. */
    Fields object(String name) {
        Object value = present(name);
        return value == null ? null : of(value, where + " field [" + name + "]");
    }

    /** A nested object, never {@code null}. */
    Fields requiredObject(String name) {
        Fields object = object(name);
        if (object == null) {
            throw wrongType(name, null, "a JSON object");
        }
        return object;
    }

    /** An array of text. */
    List<String> texts(String name) {
        List<String> texts = new ArrayList<>();
        for (Object item : list(name)) {
            if (!(item instanceof String text)) {
                throw wrongType(name, item, "an array of text");
            }
            texts.add(text);
        }
        return texts;
    }

    /** An array of whole numbers. */
    List<Integer> integers(String name) {
        List<Integer> integers = new ArrayList<>();
        for (Object item : list(name)) {
            if (!(item instanceof Integer number)) {
                throw wrongType(name, item, "an array of whole numbers");
            }
            integers.add(number);
        }
        return integers;
    }

    /** An array of objects. */
    List<Fields> objects(String name) {
        List<Fields> objects = new ArrayList<>();
        List<?> items = list(name);
        for (int i = 0; i < items.size(); i++) {
            objects.add(of(items.get(i), where + " field [" + name + "][" + i + "]"));
        }
        return objects;
    }

    private List<?> list(String name) {
        Object value = present(name);
        if (!(value instanceof List<?> list)) {
            throw wrongType(name, value, "an array");
        }
        return list;
    }

    private <T> T typed(String name, Class<T> type, String expected) {
        Object value = present(name);
        if (value != null && !type.isInstance(value)) {
            throw wrongType(name, value, expected);
        }
        return type.cast(value);
    }

    private Object present(String name) {
        if (!values.containsKey(name)) {
            throw new ConfigurationException(where + " has no field [" + name + "]. Use a file evalunit wrote.");
        }
        return values.get(name);
    }

    private ConfigurationException wrongType(String name, Object value, String expected) {
        return new ConfigurationException(where + " field [" + name + "] is [" + value + "], not " + expected
                + ". Use a file evalunit wrote.");
    }
}
