package dev.evalunit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelProvider;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.api.spi.ProviderContext;
import dev.evalunit.api.spi.ProviderParameter;
import dev.evalunit.api.spi.ProviderParameter.Type;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.provider.openai.OpenAiProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Model providers")
class ModelProvidersTest {

    /** A provider that only has a name and parameters; it is never asked for a client here. */
    private record Named(String name, List<ProviderParameter> parameters) implements ModelProvider {
        Named(String name) {
            this(name, List.of());
        }

        @Override
        public ModelClient create(ModelSpec spec, ProviderContext context) {
            throw new AssertionError("not called");
        }
    }

    private static final ModelProviders FOUND = new ModelProviders(List.of(new OpenAiProvider(), new Named("plain-json")));

    @Nested
    @DisplayName("are found")
    class Found {

        @Test
        @DisplayName("through META-INF/services: the engine registers openai there")
        void installed() {
            assertThat(ModelProviders.installed().get("openai", "judge")).isInstanceOf(OpenAiProvider.class);
        }

        @Test
        @DisplayName("by name, whatever its case")
        void byName() {
            assertThat(FOUND.get("OpenAI", "judge")).isInstanceOf(OpenAiProvider.class);
            assertThat(FOUND.get("plain-json", "judge").name()).isEqualTo("plain-json");
        }

        @Test
        @DisplayName("the resolver records the provider's own spelling, so cache keys stay the same")
        void canonicalName() {
            ModelSettings settings = new ModelSettingsResolver(EvalConfig.of(Map.of(
                    "evalunit.models.judge.provider", "OpenAI",
                    "evalunit.models.judge.base-url", "http://127.0.0.1:1/v1"))).resolve("judge", java.util.Optional.empty());

            assertThat(settings.provider()).isEqualTo("openai");
        }
    }

    @Nested
    @DisplayName("an unknown name is a configuration error")
    class Unknown {

        @Test
        @DisplayName("naming the model, listing the providers found, suggesting a close one")
        void didYouMean() {
            assertThatThrownBy(() -> FOUND.get("opnai", "judge"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: model [judge] has unknown provider [opnai]. Did you mean openai? "
                            + "Providers found: openai, plain-json. For another provider, put its jar on the test class"
                            + " path (it registers itself in META-INF/services/dev.evalunit.api.spi.ModelProvider).");
            assertThatThrownBy(() -> FOUND.get("plain_jsno", "candidate"))
                    .hasMessageStartingWith("Configuration error: model [candidate] has unknown provider [plain_jsno]. "
                            + "Did you mean plain-json? ");
        }

        @Test
        @DisplayName("without a suggestion when nothing is close")
        void nothingClose() {
            assertThatThrownBy(() -> FOUND.get("anthropic", "judge"))
                    .hasMessageStartingWith("Configuration error: model [judge] has unknown provider [anthropic]. "
                            + "Providers found: openai, plain-json.");
        }

        @Test
        @DisplayName("when the resolver reads the declaration, before anything is called")
        void resolver() {
            assertThatThrownBy(() -> new ModelSettingsResolver(EvalConfig.of(Map.of(
                    "evalunit.models.judge.provider", "opneai",
                    "evalunit.models.judge.base-url", "http://127.0.0.1:1/v1"))).resolve("judge", java.util.Optional.empty()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Configuration error: model [judge] has unknown provider [opneai]. "
                            + "Did you mean openai? Providers found: anthropic, gemini, openai, vertex.");
        }

        @Test
        @DisplayName("two providers of one name are an error too")
        void duplicates() {
            assertThatThrownBy(() -> new ModelProviders(List.of(new Named("plain-json"), new Named("Plain-JSON"))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("two model providers are named [Plain-JSON]")
                    .hasMessageEndingWith("Keep one of them on the test class path.");
        }
    }

    @Nested
    @DisplayName("declare parameters of their own")
    class Parameters {

        private final ModelProvider provider = new Named("plain-json", List.of(
                new ProviderParameter("max-words", Type.INTEGER, "the longest answer, in words"),
                new ProviderParameter("style", Type.STRING, "how to answer"),
                new ProviderParameter("temperature-scale", Type.NUMBER, "a factor"),
                new ProviderParameter("stream", Type.BOOLEAN, "whether to stream")));

        @Test
        @DisplayName("read from evalunit.models.NAME.<parameter> and converted to their types; unset ones left out")
        void typed() {
            Map<String, Object> values = ProviderParams.read(provider, "plain", EvalConfig.of(Map.of(
                    "evalunit.models.plain.max-words", "40",
                    "evalunit.models.plain.temperature-scale", "0.5",
                    "evalunit.models.plain.stream", "TRUE")));

            assertThat(values).containsExactly(Map.entry("max-words", 40), Map.entry("temperature-scale", 0.5),
                    Map.entry("stream", true));
        }

        @Test
        @DisplayName("a value not of the declared type is a configuration error naming the key")
        void wrongType() {
            assertThatThrownBy(() -> ProviderParams.read(provider, "plain",
                    EvalConfig.of(Map.of("evalunit.models.plain.max-words", "forty"))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.plain.max-words] must be an integer, e.g. 60, "
                            + "but was 'forty'. Correct it, or leave it unset (max-words: the longest answer, in words).");
            assertThatThrownBy(() -> ProviderParams.read(provider, "plain",
                    EvalConfig.of(Map.of("evalunit.models.plain.stream", "yes"))))
                    .hasMessageStartingWith("Configuration error: [evalunit.models.plain.stream] must be true or false,");
            assertThatThrownBy(() -> ProviderParams.read(provider, "plain",
                    EvalConfig.of(Map.of("evalunit.models.plain.temperature-scale", "NaN"))))
                    .hasMessageStartingWith("Configuration error: [evalunit.models.plain.temperature-scale] must be a number");
        }

        @Test
        @DisplayName("may not take the name of a key every model has")
        void commonKey() {
            ModelProvider clashing = new Named("plain-json",
                    List.of(new ProviderParameter("base-url", Type.STRING, "where to send")));

            assertThatThrownBy(() -> ProviderParams.read(clashing, "plain", EvalConfig.empty()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Configuration error: provider [plain-json] declares a parameter [base-url],"
                            + " the name of a key every model has. Rename the parameter in ");
        }

        @Test
        @DisplayName("a provider's own check becomes a configuration error naming the model and the provider")
        void validation() {
            ModelProvider refusing = new ModelProvider() {
                @Override
                public String name() {
                    return "plain-json";
                }

                @Override
                public void validate(ModelSpec spec) {
                    throw new IllegalArgumentException("[max-words] must be 1 or more. Raise it, or leave it unset");
                }

                @Override
                public ModelClient create(ModelSpec spec, ProviderContext context) {
                    throw new AssertionError("not called");
                }
            };
            ModelSettings settings = ModelSettings.openAi("plain", "http://127.0.0.1:1");

            assertThatThrownBy(() -> ModelSettingsResolver.validate(refusing, settings))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: model [plain] (provider [plain-json]): [max-words] must be 1 or "
                            + "more. Raise it, or leave it unset.");
        }
    }
}
