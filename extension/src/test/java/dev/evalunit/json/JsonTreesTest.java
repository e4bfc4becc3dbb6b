package dev.evalunit.json;

import static dev.evalunit.testing.Cases.argumentSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("JsonTrees")
class JsonTreesTest {

    private static final JsonFactory STRICT = new JsonFactory();
    private static final JsonFactory LENIENT = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final ObjectMapper STRICT_MAPPER = new ObjectMapper();
    private static final ObjectMapper LENIENT_MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private static JsonNode read(JsonFactory factory, String json) throws IOException {
        try (JsonParser parser = factory.createParser(json)) {
            parser.nextToken();
            JsonNode node = JsonTrees.read(parser);
            assertThat(parser.nextToken()).as("the token after the value").isNull();
            return node;
        }
    }

    /**
     * Same tree as {@code expected}: node for node of the same class (an int node is not a long
     * node), fields in the same order ({@code JsonNode.equals} ignores their order).
     */
    private static void assertSameTree(JsonNode actual, JsonNode expected) {
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.toString()).isEqualTo(expected.toString());
        assertThat(shape(actual)).isEqualTo(shape(expected));
    }

    private static List<String> shape(JsonNode node) {
        List<String> shape = new ArrayList<>();
        shape(node, "$", shape);
        return shape;
    }

    private static void shape(JsonNode node, String path, List<String> out) {
        out.add(path + " " + node.getClass().getSimpleName());
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                shape(field.getValue(), path + "." + field.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                shape(node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                argumentSet("an empty object", "{}"),
                argumentSet("an empty array", "[]"),
                argumentSet("a verdict", "{\"explanation\": \"A is grounded.\", \"choice\": \"A\"}"),
                argumentSet("a repeated field: first place, last value", "{\"a\": 1, \"b\": 2, \"a\": {\"c\": [3]}}"),
                argumentSet("a field repeated three times with other types", "{\"x\": [1], \"y\": null, \"x\": \"s\", \"x\": true}"),
                argumentSet("a repeated field in a nested object", "{\"o\": {\"k\": 1, \"k\": 2.5}, \"o2\": {\"k\": 3}}"),
                argumentSet("every scalar", "[true, false, null, \"s\", 0, -1, 1.5, -0.0, 1e2, 1E-2]"),
                argumentSet("int bounds", "[2147483647, -2147483648]"),
                argumentSet("just past int: long", "[2147483648, -2147483649]"),
                argumentSet("long bounds", "[9223372036854775807, -9223372036854775808]"),
                argumentSet("just past long: big integer", "[9223372036854775808, -9223372036854775809]"),
                argumentSet("a 300-digit integer", "[" + "9".repeat(300) + "]"),
                argumentSet("floats: huge, tiny, overflowing, underflowing",
                        "[1.7976931348623157E308, 4.9E-324, 1e400, -1e400, 1e-400, 0.1, 123456789012345678901234567890.5]"),
                argumentSet("a float with an integral value", "{\"score\": 3.0}"),
                argumentSet("minus zero as an int", "-0"),
                argumentSet("a top-level string", "\"top\""),
                argumentSet("a top-level number", "42"),
                argumentSet("a top-level null", "null"),
                argumentSet("escapes and surrogates in strings and names",
                        "{\"k\\\"ey\\n\": \"v\\u00e9\\ud83d\\ude00\\/\\\\\", \"\": \"\", \"\\u0000\": 0}"),
                argumentSet("nested arrays and objects",
                        "{\"a\": [[], [[1, [2, {}]]], {\"b\": {\"c\": [null, {\"d\": []}]}}], \"e\": {}}"),
                argumentSet("200 levels deep", "[".repeat(100) + "{\"x\":".repeat(100) + "1"
                        + "}".repeat(100) + "]".repeat(100)),
                argumentSet("an array of many elements", "[" + "1,".repeat(999) + "1]"));
    }

    @ParameterizedTest
    @MethodSource("documents")
    @DisplayName("builds the tree ObjectMapper.readTree builds")
    void asReadTree(String json) throws IOException {
        assertSameTree(read(STRICT, json), STRICT_MAPPER.readTree(json));
    }

    static Stream<Arguments> lenientDocuments() {
        return Stream.of(
                argumentSet("a raw line break and tab inside a string", "{\"explanation\": \"line 1\nline\t2\", \"choice\": \"A\"}"),
                argumentSet("a trailing comma in an object", "{\"choice\": \"B\",}"),
                argumentSet("trailing commas in nested arrays and objects", "{\"a\": [1, 2,], \"b\": {\"c\": [],},}"),
                argumentSet("a repeated field with a trailing comma", "{\"choice\": \"A\", \"choice\": \"B\",}"));
    }

    @ParameterizedTest
    @MethodSource("lenientDocuments")
    @DisplayName("with a lenient parser, builds the tree a mapper of the same leniency builds")
    void asLenientReadTree(String json) throws IOException {
        assertSameTree(read(LENIENT, json), LENIENT_MAPPER.readTree(json));
    }

    @Nested
    @DisplayName("as a specification")
    class Pinned {

        @Test
        @DisplayName("keeps a repeated field where it first stood, with its last value")
        void repeatedField() throws IOException {
            assertThat(read(STRICT, "{\"a\": 1, \"b\": 2, \"a\": 3}")).hasToString("{\"a\":3,\"b\":2}");
        }

        @Test
        @DisplayName("makes int, long and big integer nodes by size, and doubles of other numbers")
        void numbers() throws IOException {
            JsonNode numbers = read(STRICT, "[2147483647, 2147483648, 9223372036854775808, 2.5, 1e2]");

            assertThat(numbers.get(0)).isInstanceOf(IntNode.class);
            assertThat(numbers.get(1)).isInstanceOf(LongNode.class);
            assertThat(numbers.get(2)).isInstanceOf(BigIntegerNode.class);
            assertThat(numbers.get(3)).isEqualTo(DoubleNode.valueOf(2.5));
            assertThat(numbers.get(4)).isEqualTo(DoubleNode.valueOf(100.0));
        }

        @Test
        @DisplayName("reads the value at the parser and leaves the parser on that value's last token")
        void leavesParserOnLastToken() throws IOException {
            try (JsonParser parser = STRICT.createParser("[{\"a\": [1]}, 2]")) {
                parser.nextToken();
                parser.nextToken();

                JsonNode first = JsonTrees.read(parser);

                assertThat(first).hasToString("{\"a\":[1]}");
                assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
                assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
            }
        }

        @Test
        @DisplayName("refuses a parser that has no current token")
        void noToken() throws IOException {
            try (JsonParser parser = STRICT.createParser("{}")) {
                assertThatThrownBy(() -> JsonTrees.read(parser)).isInstanceOf(IOException.class).hasMessage("no value to read");
            }
        }

        @Test
        @DisplayName("refuses a parser on a token that starts no value")
        void notAValue() throws IOException {
            try (JsonParser parser = STRICT.createParser("{\"a\": 1}")) {
                parser.nextToken();
                parser.nextToken();
                assertThatThrownBy(() -> JsonTrees.read(parser)).isInstanceOf(IOException.class).hasMessage("unexpected FIELD_NAME");
            }
        }

        @Test
        @DisplayName("lets a syntax error through as the parser's IOException")
        void brokenJson() throws IOException {
            try (JsonParser parser = STRICT.createParser("{\"a\": [1, }")) {
                parser.nextToken();
                assertThatThrownBy(() -> JsonTrees.read(parser)).isInstanceOf(IOException.class);
            }
        }
    }
}
