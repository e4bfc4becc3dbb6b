package dev.evalunit.metrics;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;
import dev.evalunit.config.ConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("MetricRegistry")
class MetricRegistryTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    private static final List<String> BUILT_IN = List.of(
            "answer_relevancy", "contextual_relevancy", "faithfulness", "generation_time", "judge_adhoc",
            "judge_completude", "judge_exactness", "judge_notator", "judge_precision", "judge_rambling",
            "judge_relevant", "nb_tokens_completion", "nb_tokens_prompt", "output_length");

    @TempDir
    Path folder;

    @Test
    @DisplayName("names the 14 built-in metrics, in alphabetical order")
    void names() {
        assertThat(MetricRegistry.load().names()).isEqualTo(BUILT_IN);
    }

    @Test
    @DisplayName("finds every built-in metric through the engine's services file, one class each")
    void builtInsAreServices() {
        List<Class<? extends Metric>> types = ServiceLoader.load(Metric.class).stream()
                .map(ServiceLoader.Provider::type).toList();

        assertThat(types).hasSize(14).allSatisfy(type ->
                assertThat(type.getPackageName()).isEqualTo("dev.evalunit.metrics"));
        assertThat(ServiceLoader.load(Metric.class).stream().map(p -> p.get().descriptor().name()).sorted())
                .containsExactlyElementsOf(BUILT_IN);
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
        MetricDescriptor descriptor = MetricRegistry.load().descriptor(name);

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
        for (String name : MetricRegistry.load().names()) {
            if (!name.equals("judge_adhoc")) {
                Metric metric = MetricRegistry.load().create(name, Map.of("name", name));
                assertThat(metric.descriptor()).isEqualTo(MetricRegistry.load().descriptor(name));
            }
        }
    }

    @Test
    @DisplayName("rejects an unknown name, suggesting the closest one and listing the known ones")
    void unknown() {
        String message = "Configuration error: metric [judge_precisoin] is unknown. Did you mean [judge_precision]? "
                + "Available metrics: answer_relevancy, contextual_relevancy, faithfulness, generation_time, "
                + "judge_adhoc, judge_completude, judge_exactness, judge_notator, judge_precision, judge_rambling, "
                + "judge_relevant, nb_tokens_completion, nb_tokens_prompt, output_length. Use one of these names, or "
                + "register your own metric in META-INF/services/dev.evalunit.api.spi.Metric.";

        assertThatThrownBy(() -> MetricRegistry.load().create("judge_precisoin", Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessage(message);
        assertThatThrownBy(() -> MetricRegistry.load().descriptor("judge_precisoin")).hasMessage(message);
    }

    @Test
    @DisplayName("suggests nothing when no name is close")
    void unknownWithoutSuggestion() {
        assertThatThrownBy(() -> MetricRegistry.load().create("bleu", Map.of()))
                .hasMessageStartingWith("Configuration error: metric [bleu] is unknown. Available metrics: ")
                .hasMessageNotContaining("Did you mean");
    }

    @Test
    @DisplayName("rejects a parameter the metric does not take")
    void unknownParameter() {
        assertThatThrownBy(() -> MetricRegistry.load().create("judge_precision",
                Map.of("name", "judge_precision", "prompt", "Is {{ output }} right?")))
                .hasMessage("Configuration error: metric [judge_precision] has an unknown parameter [prompt]. "
                        + "Remove it: this metric takes none.");
        assertThatThrownBy(() -> MetricRegistry.load().create("judge_adhoc", Map.of("promt", "x")))
                .hasMessage("Configuration error: metric [judge_adhoc] has an unknown parameter [promt]. "
                        + "Remove it: this metric takes prompt.");
    }

    @Nested
    @DisplayName("creates judge_adhoc")
    class Adhoc {

        @Test
        @DisplayName("requiring the columns its prompt names, {{ output }} aside")
        void columns() {
            Metric metric = MetricRegistry.load().create("judge_adhoc",
                    Map.of("prompt", "Does {{ output }} answer {{ query }} as {{ output_true }} does? {{query}}"));

            assertThat(metric.descriptor().requiredColumns()).containsExactly("query", "output_true");
            assertThat(metric.descriptor().name()).isEqualTo("judge_adhoc");
            assertThat(metric.descriptor().usesJudge()).isTrue();
        }

        @Test
        @DisplayName("from EvalAP's nested params, with an aliased name")
        void evalapForm() {
            Metric metric = MetricRegistry.load().create("judge_adhoc", Map.of("name", "judge_adhoc",
                    "aliased_name", "Politeness", "params", Map.of("prompt", "Is {{ output }} polite to {{ query }}?")));

            assertThat(metric.descriptor().requiredColumns()).containsExactly("query");
        }

        @Test
        @DisplayName("not without a prompt")
        void missingPrompt() {
            String message = "Configuration error: metric [judge_adhoc] needs a [prompt] with {{ column }} placeholders, "
                    + "e.g. {\"name\": \"judge_adhoc\", \"prompt\": \"Is {{ output }} polite?\"}.";

            assertThatThrownBy(() -> MetricRegistry.load().create("judge_adhoc", Map.of())).hasMessage(message);
            assertThatThrownBy(() -> MetricRegistry.load().create("judge_adhoc", Map.of("prompt", " "))).hasMessage(message);
            assertThatThrownBy(() -> MetricRegistry.load().create("judge_adhoc", Map.of("prompt", 3))).hasMessage(message);
        }

        @Test
        @DisplayName("not from a prompt that does not show the answer")
        void noOutput() {
            assertThatThrownBy(() -> MetricRegistry.load().create("judge_adhoc", Map.of("prompt", "Is {{ query }} clear?")))
                    .hasMessage("Configuration error: metric [judge_adhoc] has a prompt without {{ output }}, so the "
                            + "judge would not see the answer. Put {{ output }} where the answer goes.");
        }

        @Test
        @DisplayName("not from a malformed prompt")
        void malformed() {
            assertThatThrownBy(() -> MetricRegistry.load().create("judge_adhoc", Map.of("prompt", "Is {{ output polite?")))
                    .hasMessage("Configuration error: metric [judge_adhoc] has a malformed prompt: template "
                            + "[Is {{ output polite?] has an unclosed {{. Close it with }}.");
        }
    }

    @Nested
    @DisplayName("with a user's metrics in a services file")
    class UserMetrics {

        @Test
        @DisplayName("creates them by name beside the built-in ones, with their direction")
        void registered() throws Exception {
            try (URLClassLoader loader = ServiceMetricFixtures.withServices(folder,
                    "# a user's metrics", ServiceMetricFixtures.Shouting.class.getName())) {
                MetricRegistry registry = MetricRegistry.load(loader);

                assertThat(registry.names()).hasSize(15).contains("shouting");
                Metric shouting = registry.create("shouting", Map.of("name", "shouting"));
                assertThat(shouting.descriptor().higherIsBetter()).isFalse();
                assertThat(shouting.observe(new MetricInput(Map.of(), Generation.preGenerated("NO way"), null, 0))
                        .score()).isEqualTo(0.4);
            }
        }

        @Test
        @DisplayName("refuses two metrics with one name, naming both classes")
        void duplicate() throws Exception {
            try (URLClassLoader loader = ServiceMetricFixtures.withServices(folder,
                    ServiceMetricFixtures.Shouting.class.getName(), ServiceMetricFixtures.OtherShouting.class.getName())) {
                assertThatThrownBy(() -> MetricRegistry.load(loader))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessage("Configuration error: metric name [shouting] is registered twice, by ["
                                + "dev.evalunit.metrics.ServiceMetricFixtures$Shouting] and ["
                                + "dev.evalunit.metrics.ServiceMetricFixtures$OtherShouting]. Rename one of them, or "
                                + "remove one from META-INF/services/dev.evalunit.api.spi.Metric.");
            }
        }

        @Test
        @DisplayName("refuses a services line that names no loadable class")
        void badLine() throws Exception {
            try (URLClassLoader loader = ServiceMetricFixtures.withServices(folder, "com.example.NoSuchMetric")) {
                assertThatThrownBy(() -> MetricRegistry.load(loader))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageStartingWith("Configuration error: a metric listed in "
                                + "[META-INF/services/dev.evalunit.api.spi.Metric] could not be loaded: ")
                        .hasMessageContaining("com.example.NoSuchMetric")
                        .hasMessageEndingWith("Fix that line: a metric is a public class with a public constructor "
                                + "without arguments.");
            }
        }

        @Test
        @DisplayName("passes the parameters they declare, flat or nested, and reports the values they reject")
        void parameters() throws Exception {
            try (URLClassLoader loader = ServiceMetricFixtures.withServices(folder,
                    ServiceMetricFixtures.Keyword.class.getName())) {
                MetricRegistry registry = MetricRegistry.load(loader);
                MetricInput input = new MetricInput(Map.of(), Generation.preGenerated("It is Canberra."), null, 0);

                assertThat(registry.create("keyword", Map.of("word", "Canberra")).observe(input).score()).isEqualTo(1.0);
                assertThat(registry.create("keyword", Map.of("params", Map.of("word", "Sydney"))).observe(input).score())
                        .isEqualTo(0.0);
                assertThatThrownBy(() -> registry.create("keyword", Map.of("word", " ")))
                        .hasMessage("Configuration error: metric [keyword] rejects its parameters: [word] must be a "
                                + "non-blank text. Fix them in the metric's entry of [metrics].");
                assertThatThrownBy(() -> registry.create("keyword", Map.of("wrd", "x")))
                        .hasMessage("Configuration error: metric [keyword] has an unknown parameter [wrd]. "
                                + "Remove it: this metric takes word.");
            }
        }
    }
}
