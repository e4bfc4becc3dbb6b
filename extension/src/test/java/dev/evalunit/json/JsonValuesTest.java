package dev.evalunit.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("JsonValues")
class JsonValuesTest {

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private final Map<String, Object> properties = ordered("explanation", Map.of("type", "string"),
            "choice", Map.of("type", "string", "enum", List.of("A", "B")));
    private final Map<String, Object> schema = ordered("type", "object", "properties", properties);

    @Nested
    @DisplayName("sameEntries")
    class SameEntries {

        @Test
        @DisplayName("holds for a copy of a map's top level: same keys in the same order, the very same values")
        void copy() {
            assertThat(JsonValues.sameEntries(schema, new LinkedHashMap<>(schema))).isTrue();
            assertThat(JsonValues.sameEntries(null, null)).isTrue();
        }

        @Test
        @DisplayName("does not hold for equal values that are other objects, another order, or null against a map")
        void otherwise() {
            Map<String, Object> deepCopy = ordered("type", "object", "properties", new LinkedHashMap<>(properties));
            Map<String, Object> reordered = ordered("properties", properties, "type", "object");

            assertThat(JsonValues.sameEntries(schema, deepCopy)).isFalse();
            assertThat(JsonValues.sameEntries(schema, reordered)).isFalse();
            assertThat(JsonValues.sameEntries(null, schema)).isFalse();
            assertThat(JsonValues.sameEntries(schema, null)).isFalse();
        }
    }

    @Nested
    @DisplayName("sameInOrder")
    class SameInOrder {

        @Test
        @DisplayName("holds for equal values with every map's keys in the same order, at any depth")
        void equalInOrder() {
            Map<String, Object> deepCopy = ordered("type", "object", "properties", ordered(
                    "explanation", Map.of("type", "string"), "choice", Map.of("type", "string", "enum", List.of("A", "B"))));

            assertThat(JsonValues.sameInOrder(schema, deepCopy)).isTrue();
        }

        @Test
        @DisplayName("does not hold when a nested map's keys come in another order, which Map.equals ignores")
        void nestedOrder() {
            Map<String, Object> reordered = ordered("type", "object", "properties", ordered(
                    "choice", Map.of("type", "string", "enum", List.of("A", "B")), "explanation", Map.of("type", "string")));

            assertThat(reordered).isEqualTo(schema);
            assertThat(JsonValues.sameInOrder(schema, reordered)).isFalse();
        }

        @Test
        @DisplayName("compares lists element by element and scalars by equals")
        void listsAndScalars() {
            assertThat(JsonValues.sameInOrder(List.of(1, "a", true), List.of(1, "a", true))).isTrue();
            assertThat(JsonValues.sameInOrder(List.of(1, 2), List.of(2, 1))).isFalse();
            assertThat(JsonValues.sameInOrder(List.of(1), List.of(1, 2))).isFalse();
            assertThat(JsonValues.sameInOrder(1, 1L)).isFalse();
        }
    }
}
