package dev.evalunit.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.config.ConfigurationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A JSON Lines line")
class JsonLinesSourceTest {

    private static final String EVERY_KIND = "{\"s\":\"a \\\"quoted\\\" \\u00e9 \\ud83d\\ude00\\n\",\"i\":-7,\"l\":12345678901,"
            + "\"big\":123456789012345678901234567890,\"d\":1.5,\"e\":1e3,\"neg\":-0.25,\"t\":true,\"f\":false,\"n\":null,"
            + "\"o\":{\"b\":[1, 2.0, \"x\"], \"a\": {}},\"arr\":[ ],\"empty\":\"\"}";

    private static Map<String, Object> parsed(String line) {
        return JsonLinesSource.parseObject("data.jsonl", 4, line);
    }

    @Nested
    @DisplayName("is read into cells")
    class Cells {

        @Test
        @DisplayName("cell for cell, and type for type, as the line's tree gives them: nested values as their compact JSON text")
        void sameAsTree() throws Exception {
            Map<String, Object> cells = parsed(EVERY_KIND);

            assertThat(cells).isEqualTo(JsonLinesSource.cells(new ObjectMapper().readTree(EVERY_KIND)));
            assertThat(cells.keySet()).containsExactly("s", "i", "l", "big", "d", "e", "neg", "t", "f", "n", "o", "arr", "empty");
            assertThat(new ArrayList<>(cells.values())).containsExactly(
                    "a \"quoted\" \u00e9 \ud83d\ude00\n", -7, 12345678901L, new BigInteger("123456789012345678901234567890"),
                    1.5, 1000.0, -0.25, true, false, null, "{\"b\":[1,2.0,\"x\"],\"a\":{}}", "[]", "");
            assertThat(cells.get("i")).isInstanceOf(Integer.class);
            assertThat(cells.get("l")).isInstanceOf(Long.class);
        }

        @Test
        @DisplayName("from the first characters of a buffer only, as the file's scan hands them")
        void partOfABuffer() {
            char[] buffer = "{\"id\":1}{\"id\":2}".toCharArray();

            assertThat(JsonLinesSource.parseObject("data.jsonl", 1, buffer, 8)).containsExactly(Map.entry("id", 1));
        }

        @Test
        @DisplayName("an empty object as no cells")
        void emptyObject() {
            assertThat(parsed(" {} ")).isEmpty();
        }
    }

    @Nested
    @DisplayName("that is not one JSON object is refused by its line number")
    class Mistakes {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                [1]              | found an array
                "text"           | found a string
                3                | found a number
                true             | found a boolean
                null             | found null
                {} {}            | it holds more than one JSON value
                [1] 2            | it holds more than one JSON value
                {"a":1} x        | Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
                """)
        @DisplayName("naming what it is instead")
        void named(String line, String reason) {
            assertThatThrownBy(() -> parsed(line))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: dataset [data.jsonl] line 4 is not a JSON object: " + reason + ". Fix that line.");
        }

        @Test
        @DisplayName("naming a field given twice")
        void duplicateField() {
            assertThatThrownBy(() -> parsed("{\"id\":1,\"q\":\"a\",\"id\":2}"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Configuration error: dataset [data.jsonl] line 4 is not a JSON object: Duplicate field 'id'");
        }

        @Test
        @DisplayName("naming where an object is cut short")
        void cutShort() {
            assertThatThrownBy(() -> parsed("{\"id\":1,\"q\":"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Configuration error: dataset [data.jsonl] line 4 is not a JSON object: Unexpected end-of-input");
        }
    }
}
