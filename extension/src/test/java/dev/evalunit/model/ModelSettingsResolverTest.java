package dev.evalunit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.Model;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.http.Hedging;
import dev.evalunit.http.RateLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ModelSettingsResolver")
class ModelSettingsResolverTest {

    @Model(name = "judge", model = "inline-model", baseUrl = "http://inline.test/v1", apiKey = "${env:INLINE_KEY}",
            systemPrompt = "Inline system.", temperature = 0.3, maxTokens = 50, extraParams = "{\"seed\": 1}")
    static class FullyDeclared {
    }

    @Model(name = "judge", baseUrl = "http://inline.test/v1")
    static class OnlyBaseUrl {
    }

    @Model(name = "judge", baseUrl = "http://inline.test/v1", temperature = 0.0, maxTokens = 0)
    static class ZeroSampling {
    }

    @Model(name = "judge", baseUrl = "http://inline.test/v1", apiKey = "sk-literal-in-annotation")
    static class LiteralKey {
    }

    @Model(name = "judge", baseUrl = "http://inline.test/v1", extraParams = "[1, 2]")
    static class ExtraParamsArray {
    }

    @Model(name = "judge", baseUrl = "not a url")
    static class MalformedBaseUrl {
    }

    private static Optional<Model> inline(Class<?> declaring) {
        return Optional.of(declaring.getAnnotation(Model.class));
    }

    private static ModelSettings resolve(Map<String, String> config, Optional<Model> inline) {
        return new ModelSettingsResolver(EvalConfig.of(config)).resolve("judge", inline);
    }

    private static Map<String, String> fullConfiguration() {
        Map<String, String> config = new HashMap<>();
        config.put("evalunit.models.judge.provider", "openai");
        config.put("evalunit.models.judge.model", "configured-model");
        config.put("evalunit.models.judge.base-url", "http://configured.test/v1");
        config.put("evalunit.models.judge.api-key", "${env:CONFIGURED_KEY}");
        config.put("evalunit.models.judge.system-prompt", "Configured system.");
        config.put("evalunit.models.judge.temperature", "0.7");
        config.put("evalunit.models.judge.top-p", "0.9");
        config.put("evalunit.models.judge.max-tokens", "300");
        config.put("evalunit.models.judge.extra-params", "{\"seed\": 7, \"stop\": null}");
        config.put("evalunit.models.judge.timeout-seconds", "30");
        config.put("evalunit.models.judge.max-retries", "2");
        config.put("evalunit.models.judge.max-concurrency", "16");
        config.put("evalunit.models.judge.requests-per-second", "2.5");
        config.put("evalunit.models.judge.max-retry-seconds", "30");
        return config;
    }

    @Nested
    @DisplayName("precedence")
    class Precedence {

        @Test
        @DisplayName("takes every value from the configuration when nothing is declared inline")
        void configurationOnly() {
            ModelSettings settings = resolve(fullConfiguration(), Optional.empty());

            assertThat(settings.name()).isEqualTo("judge");
            assertThat(settings.provider()).isEqualTo("openai");
            assertThat(settings.model()).isEqualTo("configured-model");
            assertThat(settings.baseUrl()).isEqualTo("http://configured.test/v1");
            assertThat(settings.apiKeyReference()).isEqualTo("${env:CONFIGURED_KEY}");
            assertThat(settings.systemPrompt()).isEqualTo("Configured system.");
            assertThat(settings.samplingParams())
                    .containsExactly(Map.entry("temperature", 0.7), Map.entry("top_p", 0.9), Map.entry("max_tokens", 300));
            assertThat(settings.extraParams()).containsEntry("seed", 7).containsEntry("stop", null).hasSize(2);
            assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.maxRetries()).isEqualTo(2);
            assertThat(settings.rateLimits())
                    .isEqualTo(new RateLimits(16, OptionalDouble.of(2.5), Duration.ofSeconds(30)));
        }

        @Test
        @DisplayName("takes the connect and first-byte timeouts from the configuration, and leaves them to their defaults")
        void timeouts() {
            Map<String, String> config = fullConfiguration();
            config.put("evalunit.models.judge.connect-timeout-seconds", "3");
            config.put("evalunit.models.judge.first-byte-timeout-seconds", "25");

            RateLimits limits = resolve(config, Optional.empty()).rateLimits();
            RateLimits defaults = resolve(fullConfiguration(), Optional.empty()).rateLimits();

            assertThat(limits.connectTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(3));
            assertThat(limits.firstByteTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(25));
            assertThat(defaults.connectTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(10));
            assertThat(defaults.firstByteTimeout(Duration.ofSeconds(30))).as("a third of timeout-seconds")
                    .isEqualTo(Duration.ofSeconds(10));
        }

        @Test
        @DisplayName("hedges only when hedge-after-percentile is set, with a floor of 100 ms unless hedge-min-ms says otherwise")
        void hedging() {
            Map<String, String> config = fullConfiguration();
            config.put("evalunit.models.judge.hedge-after-percentile", "99.5");
            Map<String, String> floored = fullConfiguration();
            floored.put("evalunit.models.judge.hedge-after-percentile", "95");
            floored.put("evalunit.models.judge.hedge-min-ms", "250");

            assertThat(resolve(fullConfiguration(), Optional.empty()).rateLimits().hedging()).isEmpty();
            assertThat(resolve(config, Optional.empty()).rateLimits().hedging())
                    .contains(new Hedging(99.5, Duration.ofMillis(100)));
            assertThat(resolve(floored, Optional.empty()).rateLimits().hedging())
                    .contains(new Hedging(95, Duration.ofMillis(250)));
        }

        @Test
        @DisplayName("lets every attribute set inline win over the configuration, and keeps the rest from it")
        void inlineWins() {
            ModelSettings settings = resolve(fullConfiguration(), inline(FullyDeclared.class));

            assertThat(settings.model()).isEqualTo("inline-model");
            assertThat(settings.baseUrl()).isEqualTo("http://inline.test/v1");
            assertThat(settings.apiKeyReference()).isEqualTo("${env:INLINE_KEY}");
            assertThat(settings.systemPrompt()).isEqualTo("Inline system.");
            assertThat(settings.samplingParams())
                    .containsExactly(Map.entry("temperature", 0.3), Map.entry("top_p", 0.9), Map.entry("max_tokens", 50));
            assertThat(settings.extraParams()).containsExactly(Map.entry("seed", 1));
            assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.maxRetries()).isEqualTo(2);
        }

        @Test
        @DisplayName("treats empty, NaN and negative inline attributes as not set")
        void unsetInlineAttributes() {
            ModelSettings settings = resolve(fullConfiguration(), inline(OnlyBaseUrl.class));

            assertThat(settings.baseUrl()).isEqualTo("http://inline.test/v1");
            assertThat(settings.model()).isEqualTo("configured-model");
            assertThat(settings.apiKeyReference()).isEqualTo("${env:CONFIGURED_KEY}");
            assertThat(settings.systemPrompt()).isEqualTo("Configured system.");
            assertThat(settings.samplingParams()).containsEntry("temperature", 0.7).containsEntry("max_tokens", 300);
            assertThat(settings.extraParams()).containsEntry("seed", 7);
        }

        @Test
        @DisplayName("counts an inline temperature and max tokens of zero as set")
        void zeroIsSet() {
            ModelSettings settings = resolve(fullConfiguration(), inline(ZeroSampling.class));

            assertThat(settings.samplingParams()).containsEntry("temperature", 0.0).containsEntry("max_tokens", 0);
        }

        @Test
        @DisplayName("falls back to the defaults: model = name, no key, no sampling, 60 s, 4 retries")
        void defaults() {
            ModelSettings settings = resolve(Map.of(), inline(OnlyBaseUrl.class));

            assertThat(settings).isEqualTo(new ModelSettings("judge", "openai", "judge", "http://inline.test/v1", null,
                    null, Map.of(), Map.of(), Duration.ofSeconds(60), 4));
        }

        @Test
        @DisplayName("falls back to the default rate limits: 64 in flight per endpoint, no rate cap, 120 s of retrying")
        void defaultRateLimits() {
            ModelSettings settings = resolve(Map.of(), inline(OnlyBaseUrl.class));

            assertThat(settings.rateLimits())
                    .isEqualTo(new RateLimits(64, OptionalDouble.empty(), Duration.ofSeconds(120)))
                    .isEqualTo(RateLimits.DEFAULT);
        }

        @Test
        @DisplayName("takes the rate limits from the configuration also when the model is declared inline")
        void rateLimitsWithInlineModel() {
            ModelSettings settings = resolve(Map.of("evalunit.models.judge.requests-per-second", "0.5"),
                    inline(FullyDeclared.class));

            assertThat(settings.rateLimits().requestsPerSecond()).hasValue(0.5);
        }

    }

    @Nested
    @DisplayName("base URLs")
    class BaseUrls {

        @Test
        @DisplayName("a model declared by its provider alone calls the provider's public API")
        void providerDefault() {
            assertThat(resolve(Map.of("evalunit.models.judge.provider", "anthropic"), Optional.empty()).baseUrl())
                    .isEqualTo("https://api.anthropic.com");
            assertThat(resolve(Map.of("evalunit.models.judge.provider", "openai"), Optional.empty()).baseUrl())
                    .isEqualTo("https://api.openai.com/v1");
        }

        @Test
        @DisplayName("a base-url replaces the public API whole, for a proxy or a stand-in")
        void custom() {
            assertThat(resolve(Map.of("evalunit.models.judge.provider", "anthropic",
                    "evalunit.models.judge.base-url", "http://127.0.0.1:8080/proxy"), Optional.empty()).baseUrl())
                    .isEqualTo("http://127.0.0.1:8080/proxy");
        }

        @Test
        @DisplayName("counts a model with a provider and no base-url among the declared ones")
        void declared() {
            assertThat(DeclaredModels.names(EvalConfig.of(Map.of("evalunit.models.claude.provider", "anthropic",
                    "evalunit.models.gpt.base-url", "http://127.0.0.1:1/v1")), java.util.List.of()))
                    .containsExactly("claude", "gpt");
        }

        @Test
        @DisplayName("the anthropic provider refuses a max-tokens below 1, naming the model and the provider")
        void anthropicMaxTokens() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.provider", "anthropic",
                    "evalunit.models.judge.max-tokens", "0"), Optional.empty()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: model [judge] (provider [anthropic]): [max-tokens] must be 1 or"
                            + " more for the Messages API. Raise it, or leave it unset for 1024.");
        }
    }

    @Nested
    @DisplayName("reports")
    class Errors {

        @Test
        @DisplayName("a model declared nowhere")
        void undeclared() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.model", "gpt"), Optional.empty()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: model [judge] is not declared. No model is declared. Set"
                            + " evalunit.models.judge.base-url in "
                            + "junit-platform.properties or declare @Model(name = \"judge\", baseUrl = ...).");
        }

        @Test
        @DisplayName("an inline API key that is the key itself, without repeating it")
        void literalInlineKey() {
            assertThatThrownBy(() -> resolve(Map.of(), inline(LiteralKey.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: the API key of model [judge] is not a reference. "
                            + "Write ${env:NAME} or ${file:PATH} instead of the key itself.")
                    .message().doesNotContain("sk-literal-in-annotation");
        }

        @Test
        @DisplayName("a configured API key that looks like a broken reference")
        void brokenReference() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.base-url", "http://configured.test/v1",
                    "evalunit.models.judge.api-key", "${ENV:KEY}"), Optional.empty()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.api-key] holds a reference evalunit does not "
                            + "read. Write ${env:NAME} or ${file:PATH} instead of the key itself.");
        }

        @Test
        @DisplayName("a configured API key that is the key itself, without repeating it")
        void literalKeyInConfiguration() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.base-url", "http://configured.test/v1",
                    "evalunit.models.judge.api-key", "sk-configured-literal"), Optional.empty()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.api-key] holds a key itself, not a reference."
                            + " Write ${env:NAME} or ${file:PATH} instead of the key itself.")
                    .message().doesNotContain("sk-configured-literal");
        }

        @Test
        @DisplayName("a configured ${sys:NAME} reference: system properties are copied into Surefire's reports")
        void systemPropertyReference() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.base-url", "http://configured.test/v1",
                    "evalunit.models.judge.api-key", "${sys:JUDGE_KEY}"), Optional.empty()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.api-key] holds a reference evalunit does not "
                            + "read. Write ${env:NAME} or ${file:PATH} instead of the key itself.");
        }

        @Test
        @DisplayName("configured extra params that are not a JSON object")
        void configuredExtraParams() {
            Map<String, String> config = Map.of("evalunit.models.judge.base-url", "http://configured.test/v1",
                    "evalunit.models.judge.extra-params", "seed=7");

            assertThatThrownBy(() -> resolve(config, Optional.empty()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.extra-params] must be a JSON object, "
                            + "e.g. {\"seed\": 7}.");
        }

        @Test
        @DisplayName("inline extra params that are JSON but not an object")
        void inlineExtraParams() {
            assertThatThrownBy(() -> resolve(Map.of(), inline(ExtraParamsArray.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [@Model(name = \"judge\").extraParams] must be a JSON object, "
                            + "e.g. {\"seed\": 7}.");
        }

        @Test
        @DisplayName("a configured base URL that is not an http(s) URL")
        void configuredBaseUrl() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.base-url", "ftp://files.test/v1"),
                    Optional.empty()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.base-url] must be an http(s) URL, "
                            + "e.g. https://api.openai.com/v1.");
        }

        @Test
        @DisplayName("an inline base URL that is not an http(s) URL")
        void inlineBaseUrl() {
            assertThatThrownBy(() -> resolve(Map.of(), inline(MalformedBaseUrl.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [@Model(name = \"judge\").baseUrl] must be an http(s) URL, "
                            + "e.g. https://api.openai.com/v1.");
        }

        @Test
        @DisplayName("a provider not on the class path")
        void unknownProvider() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.provider", "mistral"),
                    inline(OnlyBaseUrl.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: model [judge] has unknown provider [mistral]. Providers found: anthropic, gemini, openai, vertex. "
                            + "For another provider, put its jar on the test class path (it registers itself in "
                            + "META-INF/services/dev.evalunit.api.spi.ModelProvider).");
        }

        @Test
        @DisplayName("a negative number of retries")
        void negativeRetries() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.max-retries", "-1"), inline(OnlyBaseUrl.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.max-retries] must be zero or more, but was -1.");
        }

        @Test
        @DisplayName("a maximum concurrency that is not positive")
        void zeroConcurrency() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.max-concurrency", "0"),
                    inline(OnlyBaseUrl.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.max-concurrency] must be positive, but was 0.");
        }

        @Test
        @DisplayName("a maximum concurrency that is not a whole number")
        void fractionalConcurrency() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.max-concurrency", "2.5"),
                    inline(OnlyBaseUrl.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.max-concurrency] must be a whole number, "
                            + "but was '2.5'.");
        }

        @Test
        @DisplayName("a requests-per-second cap that is zero, negative or not finite, as written")
        void rateNotPositive() {
            for (String rate : new String[] {"0", "-1.5", "NaN", "Infinity"}) {
                assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.requests-per-second", rate),
                        inline(OnlyBaseUrl.class)))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessage("Configuration error: [evalunit.models.judge.requests-per-second] must be a positive "
                                + "number, e.g. 2.5, but was " + rate + ". Leave it unset for no cap.");
            }
        }

        @Test
        @DisplayName("a requests-per-second cap that is not a number")
        void rateNotANumber() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.requests-per-second", "fast"),
                    inline(OnlyBaseUrl.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.requests-per-second] must be a number, "
                            + "but was 'fast'.");
        }

        @Test
        @DisplayName("a connect timeout that is not a whole number of seconds")
        void connectTimeoutWithUnit() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.connect-timeout-seconds", "5s"),
                    inline(OnlyBaseUrl.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.connect-timeout-seconds] must be a whole"
                            + " number, but was '5s'.");
        }

        @Test
        @DisplayName("a retry time limit that is not positive")
        void zeroRetryTime() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.max-retry-seconds", "0"),
                    inline(OnlyBaseUrl.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.max-retry-seconds] must be positive, "
                            + "but was 0.");
        }

        @Test
        @DisplayName("a retry time limit that is not a whole number of seconds")
        void retryTimeWithUnit() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.max-retry-seconds", "2m"),
                    inline(OnlyBaseUrl.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.max-retry-seconds] must be a whole number, "
                            + "but was '2m'.");
        }

        @Test
        @DisplayName("a hedging percentile outside 50 to 99.9")
        void hedgePercentileOutOfRange() {
            for (String value : new String[] {"49.9", "100", "-5"}) {
                assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.hedge-after-percentile", value),
                        inline(OnlyBaseUrl.class)))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessage("Configuration error: [evalunit.models.judge.hedge-after-percentile] must be a"
                                + " percentile from 50 to 99.9, e.g. 95, but was " + value
                                + ". Leave it unset for no hedging.");
            }
        }

        @Test
        @DisplayName("a hedging floor that is not positive")
        void hedgeFloorZero() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.hedge-after-percentile", "95",
                    "evalunit.models.judge.hedge-min-ms", "0"), inline(OnlyBaseUrl.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.hedge-min-ms] must be positive, but was 0.");
        }

        @Test
        @DisplayName("a timeout that is not positive")
        void zeroTimeout() {
            assertThatThrownBy(() -> resolve(Map.of("evalunit.models.judge.timeout-seconds", "0"),
                    inline(OnlyBaseUrl.class)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.judge.timeout-seconds] must be positive, but was 0.");
        }
    }
}
