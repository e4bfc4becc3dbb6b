package dev.evalunit.metrics;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.config.ConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("MetricRegistry")
class MetricRegistryTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    @DisplayName("names every metric: operational, then LLM-judge, then RAG")
    void names() {
        assertThat(MetricRegistry.names()).containsExactly(
                "output_length", "generation_time", "nb_tokens_prompt", "nb_tokens_completion",
                "judge_precision", "judge_exactness", "judge_notator", "judge_completude", "judge_relevant",
                "judge_rambling", "judge_adhoc", "answer_relevancy", "faithfulness", "contextual_relevancy");
    }

    @ParameterizedTest(name = "{0}: {1} to {2}, higher is better: {3}, columns [{4}], judge: {5}")
    @CsvSource(delimiter = '|', value = {
            "output_length|0|Infinity|false|''|false",
            "generation_time|0|Infinity|false|''|false",
            "nb_tokens_prompt|0|Infinity|false|''|false",
            "nb_tokens_completion|0|Infinity|false|''|false",
            "judge_precision|0|1|true|query output_true|true",
            "judge_exactness|0|1|true|query output_true|true",
            "judge_notator|1|10|true|query output_true|true",
            "judge_completude|0|100|true|output_true|true",
            "judge_relevant|1|10|true|query|true",
            "judge_rambling|1|10|false|query|true",
            "judge_adhoc|0|1|true|''|true",
            "answer_relevancy|0|1|true|query|true",
            "faithfulness|0|1|true|retrieval_context|true",
            "contextual_relevancy|0|1|true|query retrieval_context|true"})
    @DisplayName("describes each metric: scale, direction, required columns, judge")
    void descriptors(String name, double min, double max, boolean higherIsBetter, String columns, boolean usesJudge) {
        MetricDescriptor descriptor = MetricRegistry.descriptor(name);

        assertThat(descriptor.name()).isEqualTo(name);
        assertThat(descriptor.min()).isEqualTo(min);
        assertThat(descriptor.max()).isEqualTo(max);
        assertThat(descriptor.higherIsBetter()).isEqualTo(higherIsBetter);
        assertThat(descriptor.requiredColumns()).isEqualTo(columns.isEmpty() ? List.of() : List.of(columns.split(" ")));
        assertThat(descriptor.usesJudge()).isEqualTo(usesJudge);
        assertThat(descriptor.description()).isNotBlank().endsWith(".");
    }

    @Test
    @DisplayName("creates every metric but judge_adhoc from its name alone, with the same descriptor")
    void createsByName() {
        for (String name : MetricRegistry.names()) {
            if (!name.equals("judge_adhoc")) {
                Metric metric = MetricRegistry.create(name, Map.of("name", name));
                assertThat(metric.descriptor()).isEqualTo(MetricRegistry.descriptor(name));
            }
        }
    }

    @Test
    @DisplayName("rejects an unknown name, listing the known ones")
    void unknown() {
        String message = "Configuration error: metric [judge_precisoin] is unknown. Known metrics: output_length, "
                + "generation_time, nb_tokens_prompt, nb_tokens_completion, judge_precision, judge_exactness, "
                + "judge_notator, judge_completude, judge_relevant, judge_rambling, judge_adhoc, answer_relevancy, "
                + "faithfulness, contextual_relevancy.";

        assertThatThrownBy(() -> MetricRegistry.create("judge_precisoin", Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessage(message);
        assertThatThrownBy(() -> MetricRegistry.descriptor("judge_precisoin")).hasMessage(message);
    }

    @Test
    @DisplayName("rejects a parameter the metric does not take")
    void unknownParameter() {
        assertThatThrownBy(() -> MetricRegistry.create("judge_precision",
                Map.of("name", "judge_precision", "prompt", "Is {{ output }} right?")))
                .hasMessage("Configuration error: metric [judge_precision] has an unknown parameter [prompt]. "
                        + "Remove it: this metric takes none.");
        assertThatThrownBy(() -> MetricRegistry.create("judge_adhoc", Map.of("promt", "x")))
                .hasMessage("Configuration error: metric [judge_adhoc] has an unknown parameter [promt]. "
                        + "Remove it: this metric takes prompt.");
    }

    @Nested
    @DisplayName("creates judge_adhoc")
    class Adhoc {

        @Test
        @DisplayName("requiring the columns its prompt names, {{ output }} aside")
        void columns() {
            Metric metric = MetricRegistry.create("judge_adhoc",
                    Map.of("prompt", "Does {{ output }} answer {{ query }} as {{ output_true }} does? {{query}}"));

            assertThat(metric.descriptor().requiredColumns()).containsExactly("query", "output_true");
            assertThat(metric.descriptor().name()).isEqualTo("judge_adhoc");
            assertThat(metric.descriptor().usesJudge()).isTrue();
        }

        @Test
        @DisplayName("from EvalAP's nested params, with an aliased name")
        void evalapForm() {
            Metric metric = MetricRegistry.create("judge_adhoc", Map.of("name", "judge_adhoc",
                    "aliased_name", "Politeness", "params", Map.of("prompt", "Is {{ output }} polite to {{ query }}?")));

            assertThat(metric.descriptor().requiredColumns()).containsExactly("query");
        }

        @Test
        @DisplayName("not without a prompt")
        void missingPrompt() {
            String message = "Configuration error: metric [judge_adhoc] needs a [prompt] with {{ column }} placeholders, "
                    + "e.g. {\"name\": \"judge_adhoc\", \"prompt\": \"Is {{ output }} polite?\"}.";

            assertThatThrownBy(() -> MetricRegistry.create("judge_adhoc", Map.of())).hasMessage(message);
            assertThatThrownBy(() -> MetricRegistry.create("judge_adhoc", Map.of("prompt", " "))).hasMessage(message);
            assertThatThrownBy(() -> MetricRegistry.create("judge_adhoc", Map.of("prompt", 3))).hasMessage(message);
        }

        @Test
        @DisplayName("not from a prompt that does not show the answer")
        void noOutput() {
            assertThatThrownBy(() -> MetricRegistry.create("judge_adhoc", Map.of("prompt", "Is {{ query }} clear?")))
                    .hasMessage("Configuration error: metric [judge_adhoc] has a prompt without {{ output }}, so the "
                            + "judge would not see the answer. Put {{ output }} where the answer goes.");
        }

        @Test
        @DisplayName("not from a malformed prompt")
        void malformed() {
            assertThatThrownBy(() -> MetricRegistry.create("judge_adhoc", Map.of("prompt", "Is {{ output polite?")))
                    .hasMessage("Configuration error: metric [judge_adhoc] has a malformed prompt: template "
                            + "[Is {{ output polite?] has an unclosed {{. Close it with }}.");
        }
    }
}
