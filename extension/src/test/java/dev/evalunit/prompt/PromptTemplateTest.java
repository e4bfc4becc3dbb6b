package dev.evalunit.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.config.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PromptTemplate")
class PromptTemplateTest {

    @Nested
    @DisplayName("finds placeholders")
    class Placeholders {

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"{{question}}", "{{ question }}", "{{  question }}", "{{question  }}", "{{\tquestion\n}}"})
        @DisplayName("with or without spaces inside the braces")
        void spacing(String template) {
            PromptTemplate parsed = PromptTemplate.parse("Q: " + template + "?");

            assertThat(parsed.placeholders()).containsExactly("question");
            assertThat(parsed.render(name -> "<" + name + ">")).isEqualTo("Q: <question>?");
        }

        @Test
        @DisplayName("once each, in order of first appearance")
        void distinctInOrder() {
            PromptTemplate template = PromptTemplate.parse("{{ b }} {{a}} {{ b }} {{ c }}");

            assertThat(template.placeholders()).containsExactly("b", "a", "c");
        }

        @Test
        @DisplayName("with names made of letters, digits, _, . and -")
        void nameCharacters() {
            PromptTemplate template = PromptTemplate.parse("{{ _x }}{{ doc.title }}{{ human-pref2 }}");

            assertThat(template.placeholders()).containsExactly("_x", "doc.title", "human-pref2");
        }

        @Test
        @DisplayName("and none in plain text, single braces included")
        void none() {
            PromptTemplate template = PromptTemplate.parse("Return {\"answer\": \"...\"} }} only");

            assertThat(template.placeholders()).isEmpty();
            assertThat(template.render(name -> "unused")).isEqualTo("Return {\"answer\": \"...\"} }} only");
        }
    }

    @Nested
    @DisplayName("renders")
    class Render {

        @Test
        @DisplayName("every occurrence of every placeholder")
        void everyOccurrence() {
            PromptTemplate template = PromptTemplate.parse("{{ a }}-{{b}}-{{ a }}");

            assertThat(template.render(Map.of("a", "1", "b", "2")::get)).isEqualTo("1-2-1");
        }

        @Test
        @DisplayName("in one pass: a value that looks like a placeholder is inserted as is")
        void noReExpansion() {
            PromptTemplate template = PromptTemplate.parse("Context: {{ context }} / Q: {{ question }}");

            String rendered = template.render(Map.of("context", "{{ question }} and {{ context }}", "question", "why?")::get);

            assertThat(rendered).isEqualTo("Context: {{ question }} and {{ context }} / Q: why?");
        }

        @Test
        @DisplayName("values with regex specials such as $ and backslashes literally")
        void literalValues() {
            assertThat(PromptTemplate.parse("{{ x }}").render(name -> "$1 \\n $")).isEqualTo("$1 \\n $");
        }

        @Test
        @DisplayName("and refuses a null value, naming the placeholder")
        void nullValue() {
            assertThatThrownBy(() -> PromptTemplate.parse("{{ x }}").render(name -> null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("no value for placeholder [x]");
        }
    }

    @Nested
    @DisplayName("rejects")
    class Errors {

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"Answer {{ question", "{{ a }} then {{", "{{ a } }"})
        @DisplayName("an unclosed {{")
        void unclosed(String template) {
            assertThatThrownBy(() -> PromptTemplate.parse(template))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: template [" + template + "] has an unclosed {{. Close it with }}.");
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"{{}}", "{{ 1st }}", "{{ two words }}", "{{ a+b }}"})
        @DisplayName("a placeholder whose name is not a column name")
        void invalidName(String placeholder) {
            String template = "Q: " + placeholder;

            assertThatThrownBy(() -> PromptTemplate.parse(template))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: template [" + template + "] has an invalid placeholder [" + placeholder
                            + "]. Name a column: letters, digits, _, . and -, starting with a letter or _.");
        }
    }

    @Test
    @DisplayName("equals another template of the same text and shows that text")
    void valueSemantics() {
        assertThat(PromptTemplate.parse("{{ a }}")).isEqualTo(PromptTemplate.parse("{{ a }}"))
                .hasSameHashCodeAs(PromptTemplate.parse("{{ a }}"))
                .isNotEqualTo(PromptTemplate.parse("{{a}}"))
                .hasToString("{{ a }}");
        assertThat(PromptTemplate.parse("{{ a }}").text()).isEqualTo("{{ a }}");
    }
}
