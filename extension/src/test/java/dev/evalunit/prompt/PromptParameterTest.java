package dev.evalunit.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.dataset.DatasetRow;
import dev.evalunit.prompt.PromptParameter.ColumnParameter;
import dev.evalunit.prompt.PromptParameter.TemplateParameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("PromptParameter")
class PromptParameterTest {

    private static final String WHERE = "model A's prompt parameter [prompt]";

    private static DatasetRow row() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("question", "Who wrote Hamlet?");
        values.put("context", "Hamlet is a tragedy by Shakespeare.");
        values.put("year", 1603);
        values.put("note", null);
        return new DatasetRow(1, values);
    }

    private static final Dataset DATASET =
            new Dataset("qa.jsonl", List.of("question", "context", "year", "note"), List.of(row()));

    @Nested
    @DisplayName("of(column, template, where)")
    class Of {

        @Test
        @DisplayName("makes a column parameter, trimming the column name")
        void column() {
            assertThat(PromptParameter.of(" question ", "", WHERE)).isEqualTo(new ColumnParameter("question"));
        }

        @Test
        @DisplayName("makes a template parameter, keeping the text as written")
        void template() {
            PromptParameter parameter = PromptParameter.of(null, " Q: {{ question }} ", WHERE);

            assertThat(parameter).isInstanceOf(TemplateParameter.class);
            assertThat(((TemplateParameter) parameter).text()).isEqualTo(" Q: {{ question }} ");
        }

        @Test
        @DisplayName("rejects both a column and a template")
        void both() {
            assertThatThrownBy(() -> PromptParameter.of("question", "{{ question }}", WHERE))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: model A's prompt parameter [prompt] gives both a column and a template. Give one of them.");
        }

        @Test
        @DisplayName("rejects neither, counting blank as not given")
        void neither() {
            assertThatThrownBy(() -> PromptParameter.of(" ", null, "the autorater's instruction"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: the autorater's instruction gives neither a column nor a template. Give one of them.");
        }

        @Test
        @DisplayName("reports a malformed template")
        void malformedTemplate() {
            assertThatThrownBy(() -> PromptParameter.of("", "{{ question", WHERE))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: template [{{ question] has an unclosed {{. Close it with }}.");
        }
    }

    @Nested
    @DisplayName("a column parameter")
    class Column {

        private final PromptParameter parameter = PromptParameter.column("year");

        @Test
        @DisplayName("needs its column")
        void columns() {
            assertThat(parameter.columns()).containsExactly("year");
        }

        @Test
        @DisplayName("renders the cell as text")
        void render() {
            assertThat(parameter.render(row(), "unused")).isEqualTo("1603");
            assertThat(PromptParameter.column("note").render(row(), "unused")).isEmpty();
        }

        @Test
        @DisplayName("fails validation when the dataset lacks its column")
        void validate() {
            assertThatCode(() -> parameter.validate(DATASET, WHERE)).doesNotThrowAnyException();
            assertThatThrownBy(() -> PromptParameter.column("answer").validate(DATASET, WHERE))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: column [answer] of model A's prompt parameter [prompt] is not in dataset [qa.jsonl]. "
                            + "Columns: question, context, year, note.");
        }
    }

    @Nested
    @DisplayName("a template parameter")
    class Template {

        private final PromptParameter parameter =
                PromptParameter.template("{{ default_instruction }}\n{{context}}\nQ: {{ question }} ({{ year }})");

        @Test
        @DisplayName("needs the columns its placeholders name, but not default_instruction")
        void columns() {
            assertThat(parameter.columns()).containsExactly("context", "question", "year");
        }

        @Test
        @DisplayName("renders the row's cells and the default instruction")
        void render() {
            assertThat(parameter.render(row(), "Answer from the context."))
                    .isEqualTo("Answer from the context.\nHamlet is a tragedy by Shakespeare.\nQ: Who wrote Hamlet? (1603)");
        }

        @Test
        @DisplayName("uses the default instruction even when the dataset has a column of that name")
        void reservedName() {
            DatasetRow row = new DatasetRow(1, Map.of("default_instruction", "from the dataset"));

            assertThat(PromptParameter.template("{{ default_instruction }}").render(row, "the default"))
                    .isEqualTo("the default");
        }

        @Test
        @DisplayName("passes validation when every placeholder names a column")
        void valid() {
            assertThatCode(() -> parameter.validate(DATASET, WHERE)).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("fails validation naming the first placeholder without a column")
        void invalid() {
            PromptParameter typo = PromptParameter.template("{{ question }} {{contxt}} {{ answer }}");

            assertThatThrownBy(() -> typo.validate(DATASET, "the autorater's instruction"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: placeholder [{{ contxt }}] in the autorater's instruction names no column "
                            + "of dataset [qa.jsonl]. Columns: question, context, year, note. Fix the placeholder or add the column.");
        }

        @Test
        @DisplayName("equals another parameter of the same text")
        void equality() {
            assertThat(PromptParameter.template("{{ a }}")).isEqualTo(new TemplateParameter("{{ a }}"));
        }
    }
}
