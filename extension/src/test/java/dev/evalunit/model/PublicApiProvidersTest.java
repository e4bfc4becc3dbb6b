package dev.evalunit.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicApiProvidersTest {

    @ParameterizedTest(name = "{0} is called as {1}")
    @CsvSource({
            "https://api.openai.com/v1, openai",
            "https://api.anthropic.com, anthropic",
            "https://API.anthropic.com/v1, anthropic",
            "https://generativelanguage.googleapis.com, gemini",
            "https://api.mistral.ai/v1, openai",
            "http://127.0.0.1:8080/v1, openai",
            "not a url, openai"})
    void aBaseUrlOnAProvidersPublicApiSpeaksItsFormat(String baseUrl, String provider) {
        assertThat(ModelSettings.atBaseUrl("m", baseUrl).provider()).isEqualTo(provider);
    }
}
