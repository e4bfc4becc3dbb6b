package dev.evalunit.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.http.RateLimits;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ModelSettings")
class ModelSettingsTest {

    @Test
    @DisplayName("prints neither a configured key nor its reference")
    void toStringOmitsKey() {
        String key = String.join("-", "sk", "test", "SECRET", "123");
        ModelSettings literal = new ModelSettings("judge", "openai", "gpt", "http://h.test/v1", key, "Be brief.",
                Map.of("temperature", 0.2), Map.of("seed", 7), Duration.ofSeconds(60), 4);
        ModelSettings reference = new ModelSettings("judge", "openai", "gpt", "http://h.test/v1", "${env:JUDGE_KEY}",
                null, Map.of(), Map.of(), Duration.ofSeconds(60), 4);

        assertThat(literal.toString()).doesNotContain(key).contains("name=judge", "baseUrl=http://h.test/v1", "seed=7");
        assertThat(reference.toString()).doesNotContain("JUDGE_KEY");
    }

    @Test
    @DisplayName("offers an OpenAI model with the defaults")
    void openAiDefaults() {
        assertThat(ModelSettings.openAi("judge", "http://h.test/v1")).isEqualTo(new ModelSettings("judge", "openai",
                "judge", "http://h.test/v1", null, null, Map.of(), Map.of(), Duration.ofSeconds(60), 4));
    }

    @Test
    @DisplayName("bounds a call's requests at its retries plus one")
    void maxAttempts() {
        assertThat(ModelSettings.openAi("judge", "http://h.test/v1").maxAttempts()).isEqualTo(5);
    }

    @Test
    @DisplayName("keeps everything but the rate limits when given new ones")
    void withRateLimits() {
        ModelSettings settings = ModelSettings.openAi("judge", "http://h.test/v1");
        RateLimits limits = new RateLimits(4, OptionalDouble.of(2.5), Duration.ofSeconds(30));

        ModelSettings limited = settings.withRateLimits(limits);

        assertThat(limited.rateLimits()).isEqualTo(limits);
        assertThat(limited.withRateLimits(RateLimits.DEFAULT)).isEqualTo(settings);
        assertThat(limited.toString()).contains("rateLimits=RateLimits[maxConcurrency=4, "
                + "requestsPerSecond=OptionalDouble[2.5], maxRetryTime=PT30S, connectTimeout=Optional.empty, firstByteTimeout=Optional.empty, hedging=Optional.empty]");
    }
}
