package dev.evalunit.files;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Reading a contract file that evalunit did not write")
class ReadingErrorsTest {

    @TempDir
    Path directory;

    private Path file(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    @DisplayName("a missing file is named")
    void missing() {
        assertThatThrownBy(() -> MetricsFile.read(directory.resolve("metrics.json")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: metrics file [" + directory.resolve("metrics.json")
                        + "] was not found. Name a file evalunit wrote.");
    }

    @Test
    @DisplayName("a missing figure is named")
    void missingField() throws IOException {
        Path file = file("metrics.json", "{\"example_count\": 3}\n");

        assertThatThrownBy(() -> MetricsFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: metrics file [" + file + "] has no field [error_count]."
                        + " Use a file evalunit wrote.");
    }

    @Test
    @DisplayName("a figure of the wrong type is named with what was found")
    void wrongType() throws IOException {
        Path file = file("metrics.json", "{\"example_count\": \"three\"}\n");

        assertThatThrownBy(() -> MetricsFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: metrics file [" + file + "] field [example_count] is [three],"
                        + " not a whole number. Use a file evalunit wrote.");
    }

    @Test
    @DisplayName("a line that is not JSON is named by its line number")
    void notJson() throws IOException {
        Path file = file("observations.jsonl", "\n{\"row_id\": 1,\n");

        assertThatThrownBy(() -> ObservationsFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Configuration error: observations file [" + file + "] line 2 is not valid JSON (")
                .hasMessageEndingWith("). Use a file evalunit wrote, or fix the JSON.");
    }

    @Test
    @DisplayName("two JSON values on one line are refused")
    void twoValues() throws IOException {
        Path file = file("summary.json", "{} {}");

        assertThatThrownBy(() -> ExperimentSummaryFile.read(directory))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: experiment summary file [" + file + "] is not one JSON object:"
                        + " it holds more than one JSON value. Use a file evalunit wrote, or fix the JSON.");
    }

    @Test
    @DisplayName("an observation without a score or a reason is refused")
    void observationWithoutReason() throws IOException {
        Path file = file("observations.jsonl", "{\"row_id\":1,\"output\":\"x\",\"generation_seconds\":null,"
                + "\"prompt_tokens\":null,\"completion_tokens\":null,\"generation_error\":null,"
                + "\"metrics\":{\"m\":{\"score\":null,\"judge_text\":null,\"error\":null}}}\n");

        assertThatThrownBy(() -> ObservationsFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: observations file [" + file + "] line 1 field [metrics] field [m]"
                        + " is not an observation of [m]: an observation without a score must say why."
                        + " Use a file evalunit wrote.");
    }
}
