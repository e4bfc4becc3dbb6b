package dev.evalunit.json;

import static dev.evalunit.testing.Cases.argumentSet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("JsonText")
class JsonTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What Jackson's generator writes for {@code value}: the text JsonText replaces on the per-call paths. */
    private static String jackson(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String encoder(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    @Nested
    @DisplayName("escapes as Jackson's default generator does")
    class AsJackson {

        @Test
        @DisplayName("every char from U+0000 to U+FFFF, alone, as JsonStringEncoder and ObjectMapper write it")
        void everyCharAlone() {
            List<String> differences = new ArrayList<>();
            for (int c = 0; c <= 0xFFFF; c++) {
                String value = String.valueOf((char) c);
                String written = JsonText.string(value);
                if (!written.equals(encoder(value)) || !written.equals(jackson(value))) {
                    differences.add(String.format("U+%04X -> %s", c, written));
                }
            }
            assertThat(differences).isEmpty();
        }

        @Test
        @DisplayName("every char from U+0000 to U+FFFF, between plain text, as JsonStringEncoder and ObjectMapper write it")
        void everyCharInText() {
            List<String> differences = new ArrayList<>();
            for (int c = 0; c <= 0xFFFF; c++) {
                String value = "ab" + (char) c + "cd" + (char) c;
                String written = JsonText.appendString(new StringBuilder("x"), value).substring(1);
                if (!written.equals(encoder(value)) || !written.equals(jackson(value))) {
                    differences.add(String.format("U+%04X -> %s", c, written));
                }
            }
            assertThat(differences).isEmpty();
        }

        static Stream<Arguments> texts() {
            return Stream.of(
                    argumentSet("empty", ""),
                    argumentSet("plain ASCII", "Which response is better?"),
                    argumentSet("only characters to escape", "\"\\\b\t\n\f\r\u0000\u001f"),
                    argumentSet("escapes back to back at both ends", "\n\"quoted\"\n"),
                    argumentSet("a Windows path", "C:\\Users\\eval\\data.jsonl"),
                    argumentSet("a slash, left as is", "a/b </script>"),
                    argumentSet("DEL and C1 controls, left as is", "\u007f\u0080\u0085\u009f"),
                    argumentSet("line and paragraph separators, left as is", "a\u2028b\u2029c"),
                    argumentSet("a surrogate pair", "smile \uD83D\uDE00!"),
                    argumentSet("lone surrogates", "\uDE00 then \uD83D"),
                    argumentSet("accents and CJK", "Café naïve 日本語"),
                    argumentSet("a byte order mark and U+FFFF", "\uFEFFtext\uFFFF"),
                    argumentSet("a long text with a few escapes", "line\n".repeat(500) + "\"end\""));
        }

        @ParameterizedTest
        @MethodSource("texts")
        @DisplayName("a text")
        void text(String value) {
            assertThat(JsonText.string(value)).isEqualTo(jackson(value)).isEqualTo(encoder(value));
        }
    }

    @Nested
    @DisplayName("writes, as a specification,")
    class Pinned {

        @Test
        @DisplayName("quotes and backslashes escaped, the short forms for \\b \\t \\n \\f \\r")
        void shortForms() {
            assertThat(JsonText.string("say \"hi\" \\ \b\t\n\f\r"))
                    .isEqualTo("\"say \\\"hi\\\" \\\\ \\b\\t\\n\\f\\r\"");
        }

        @Test
        @DisplayName("other control characters as \\u00XX with upper-case hex digits")
        void otherControls() {
            assertThat(JsonText.string("\u0000\u0001\u000b\u001a\u001f")).isEqualTo("\"\\u0000\\u0001\\u000B\\u001A\\u001F\"");
        }

        @Test
        @DisplayName("everything else as is: DEL, non-ASCII, surrogates")
        void restAsIs() {
            assertThat(JsonText.string("\u007fé\u2028\uD83D\uDE00\uDE00")).isEqualTo("\"\u007fé\u2028\uD83D\uDE00\uDE00\"");
        }

        @Test
        @DisplayName("null as the JSON literal null, unquoted")
        void nullValue() {
            assertThat(JsonText.string(null)).isEqualTo("null");
            assertThat(JsonText.appendString(new StringBuilder("["), null)).hasToString("[null");
        }

        @Test
        @DisplayName("appending to what the builder holds, and returning that builder")
        void appends() {
            StringBuilder out = new StringBuilder("{\"a\":");

            StringBuilder returned = JsonText.appendString(out, "x\ny");

            assertThat(returned).isSameAs(out).hasToString("{\"a\":\"x\\ny\"");
        }

        @Test
        @DisplayName("any CharSequence, not only a String")
        void charSequence() {
            assertThat(JsonText.string(new StringBuilder("tab\there"))).isEqualTo("\"tab\\there\"");
        }
    }

    @Nested
    @DisplayName("writes JSON-like values")
    class Values {

        static Stream<Object> values() {
            java.util.Map<String, Object> nested = new java.util.LinkedHashMap<>();
            nested.put("zeta", List.of(1, 2.5, "three", true));
            nested.put("alpha", null);
            nested.put("mid", java.util.Map.of("k", 7L));
            return Stream.of(null, "text \"quoted\"\n", 0, -7, Long.MAX_VALUE, (short) 3, (byte) 4,
                    new java.math.BigInteger("123456789012345678901234567890"), 0.0, -0.0, 0.1, 1e-7, 1e21, 2.5f,
                    Double.MIN_VALUE, Double.MAX_VALUE, true, false, List.of(), java.util.Map.of(), nested,
                    List.of(nested, List.of("x")));
        }

        @ParameterizedTest
        @MethodSource("values")
        @DisplayName("as ObjectMapper.writeValueAsString does, keys in their order")
        void likeJackson(Object value) throws Exception {
            StringBuilder out = new StringBuilder();

            assertThat(JsonText.appendValue(out, value, false)).isTrue();
            assertThat(out.toString()).isEqualTo(JSON.writeValueAsString(value));
        }

        @Test
        @DisplayName("with every map's keys sorted when asked")
        void sorted() {
            StringBuilder out = new StringBuilder();
            java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
            map.put("b", java.util.Map.of("y", 1));
            map.put("a", List.of(java.util.Map.of("d", 1)));

            assertThat(JsonText.appendValue(out, map, true)).isTrue();
            assertThat(out.toString()).isEqualTo("{\"a\":[{\"d\":1}],\"b\":{\"y\":1}}");
        }

        @ParameterizedTest
        @MethodSource("others")
        @DisplayName("and declines others, for the caller to ask Jackson: decimals, non-finite numbers, objects, non-string keys")
        void declines(Object value) {
            assertThat(JsonText.appendValue(new StringBuilder(), value, false)).isFalse();
        }

        static Stream<Object> others() {
            return Stream.of(new java.math.BigDecimal("0.50"), Double.NaN, Double.POSITIVE_INFINITY, Float.NaN,
                    new Object(), java.util.Map.of(1, "one"), List.of(java.util.Optional.empty()));
        }
    }
}
