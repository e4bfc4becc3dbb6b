package dev.evalunit.metrics;

import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Operational metrics")
class OperationalMetricsTest {

    private static MetricObservation observe(String metric, Generation generation) {
        Metric created = MetricRegistry.load().create(metric, Map.of());
        return created.observe(new MetricInput(Map.of(), generation, null, 0));
    }

    @Nested
    @DisplayName("output_length")
    class OutputLength {

        @ParameterizedTest(name = "[{0}] has {1} words")
        @CsvSource(delimiter = '|', value = {
                "The bridge opened in 1937.|5",
                "'  spaced   out\tand\nbroken  '|4",
                "one|1",
                "''|0",
                "'   '|0"})
        @DisplayName("counts the words separated by white space")
        void countsWords(String output, int words) {
            assertThat(observe("output_length", Generation.preGenerated(output)))
                    .isEqualTo(MetricObservation.of(words));
        }

        @Test
        @DisplayName("treats a no-break space as white space, as Python's split does")
        void noBreakSpace() {
            assertThat(observe("output_length", Generation.preGenerated("May\u00A028, 1937")).score()).isEqualTo(3.0);
        }
    }

    @Nested
    @DisplayName("generation_time")
    class GenerationTime {

        @Test
        @DisplayName("is the generation's seconds as measured, not truncated")
        void seconds() {
            Generation generation = new Generation("x", 0.0123456, 10, 2, null);

            assertThat(observe("generation_time", generation)).isEqualTo(MetricObservation.of(0.0123456));
        }

        @Test
        @DisplayName("fails for a pre-generated output, which has no time")
        void preGenerated() {
            assertThat(observe("generation_time", Generation.preGenerated("x"))).isEqualTo(
                    MetricObservation.failed("no generation time: the output was pre-generated", null));
        }
    }

    @Nested
    @DisplayName("nb_tokens_prompt and nb_tokens_completion")
    class Tokens {

        @Test
        @DisplayName("are the usage the model reported")
        void usage() {
            Generation generation = new Generation("x", 0.5, 42, 7, null);

            assertThat(observe("nb_tokens_prompt", generation)).isEqualTo(MetricObservation.of(42));
            assertThat(observe("nb_tokens_completion", generation)).isEqualTo(MetricObservation.of(7));
        }

        @Test
        @DisplayName("fail when the model reported no usage")
        void noUsage() {
            Generation generation = new Generation("x", 0.5, null, null, null);

            assertThat(observe("nb_tokens_prompt", generation))
                    .isEqualTo(MetricObservation.failed("the model reported no token usage", null));
            assertThat(observe("nb_tokens_completion", generation))
                    .isEqualTo(MetricObservation.failed("the model reported no token usage", null));
        }

        @Test
        @DisplayName("fail for a pre-generated output, saying so")
        void preGenerated() {
            assertThat(observe("nb_tokens_completion", Generation.preGenerated("x")))
                    .isEqualTo(MetricObservation.failed("no token usage: the output was pre-generated", null));
        }
    }
}
