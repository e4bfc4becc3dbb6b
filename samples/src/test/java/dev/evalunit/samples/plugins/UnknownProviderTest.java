package dev.evalunit.samples.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.model.ModelSettings;
import dev.evalunit.model.ModelSettingsResolver;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a declaration meets the providers on the class path, the samples' plug-in among them. */
@DisplayName("A model's provider")
class UnknownProviderTest {

    private static ModelSettings resolve(Map<String, String> configuration) {
        return new ModelSettingsResolver(EvalConfig.of(configuration)).resolve("plain", Optional.empty());
    }

    @Test
    @DisplayName("found through the samples' services file, with its typed parameter")
    void pluginFound() {
        ModelSettings settings = resolve(Map.of("evalunit.models.plain.provider", "plain-json",
                "evalunit.models.plain.base-url", "http://127.0.0.1:1", "evalunit.models.plain.max-words", "12"));

        assertThat(settings.provider()).isEqualTo("plain-json");
        assertThat(settings.providerParams()).containsExactly(Map.entry("max-words", 12));
    }

    @Test
    @DisplayName("misspelt: a configuration error naming the model, listing the providers found, suggesting one")
    void unknownProvider() {
        assertThatThrownBy(() -> resolve(Map.of("evalunit.models.plain.provider", "plain-jsn",
                "evalunit.models.plain.base-url", "http://127.0.0.1:1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: model [plain] has unknown provider [plain-jsn]. Did you mean plain-json? "
                        + "Providers found: anthropic, gemini, openai, plain-json, vertex. For another provider, put its jar on the test class path"
                        + " (it registers itself in META-INF/services/dev.evalunit.api.spi.ModelProvider).");
    }

    @Test
    @DisplayName("refuses a parameter of the wrong type, and one its own check rejects")
    void badParameters() {
        assertThatThrownBy(() -> resolve(Map.of("evalunit.models.plain.provider", "plain-json",
                "evalunit.models.plain.base-url", "http://127.0.0.1:1", "evalunit.models.plain.max-words", "many")))
                .hasMessage("Configuration error: [evalunit.models.plain.max-words] must be an integer, e.g. 60, but was"
                        + " 'many'. Correct it, or leave it unset (max-words: the longest answer, in words).");
        assertThatThrownBy(() -> resolve(Map.of("evalunit.models.plain.provider", "plain-json",
                "evalunit.models.plain.base-url", "http://127.0.0.1:1", "evalunit.models.plain.max-words", "0")))
                .hasMessage("Configuration error: model [plain] (provider [plain-json]): [max-words] must be 1 or more."
                        + " Raise it, or leave it unset.");
    }
}
