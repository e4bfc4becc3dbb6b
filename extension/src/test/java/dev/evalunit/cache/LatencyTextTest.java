package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A stored latency")
class LatencyTextTest {

    @Test
    @DisplayName("reads back every Duration.toString as Duration.parse does: seconds with and without a fraction, minutes, hours, negative")
    void sameAsDurationParse() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 10_000; i++) {
            Duration duration = switch (i % 4) {
                case 0 -> Duration.ofNanos(random.nextLong(0, 60_000_000_000L));
                case 1 -> Duration.ofMillis(random.nextLong(0, 60_000));
                case 2 -> Duration.ofSeconds(random.nextLong(0, 60));
                default -> Duration.ofNanos(random.nextLong(-10_000_000_000_000L, 10_000_000_000_000L));
            };
            String text = duration.toString();

            assertThat(LatencyText.parse(text)).as(text).isEqualTo(Duration.parse(text)).isEqualTo(duration);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT0.000000001S", "PT59.999999999S", "PT0.5S", "PT1M2.5S", "PT-0.5S", "P1DT2S",
            "PT1.S", "pt1s", "PT1,5S"})
    @DisplayName("gives what Duration.parse gives for other texts")
    void otherForms(String text) {
        assertThat(LatencyText.parse(text)).isEqualTo(Duration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "PTS", "PT.5S", "PT12345678901234567890S", "PT1.0000000001S", "PT1x2S", "12", "PT"})
    @DisplayName("refuses what Duration.parse refuses, with its exception")
    void mistakes(String text) {
        assertThatThrownBy(() -> Duration.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> LatencyText.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
