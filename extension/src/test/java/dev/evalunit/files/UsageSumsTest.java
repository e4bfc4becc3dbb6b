package dev.evalunit.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.usage.Usage;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.cost.PriceTable;
import dev.evalunit.cost.TokenCounts;
import dev.evalunit.cost.UsageFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("UsageSums: the tokens and cost of a merge, from its shards' files")
class UsageSumsTest {

    @TempDir
    Path shards;

    private Path file(String name, String json) throws IOException {
        return Files.writeString(shards.resolve(name), json);
    }

    @Test
    @DisplayName("sums each model's tokens and costs; a model one shard had no price for stays unpriced, and the total")
    void sums() throws IOException {
        Path first = file("1.json", "{\"tokens\": {\"judge\": {\"input\": 30, \"output\": 15, \"input_from_cache\": 10,"
                + " \"output_from_cache\": 5}, \"m1\": {\"input\": 4, \"output\": 2, \"input_from_cache\": 0, \"output_from_cache\": 0}},"
                + " \"cost_usd\": {\"judge\": 0.00006, \"m1\": null, \"total\": null}}");
        Path second = file("2.json", "{\"tokens\": {\"judge\": {\"input\": 20, \"output\": 10, \"input_from_cache\": 0,"
                + " \"output_from_cache\": 0}}, \"cost_usd\": {\"judge\": 0.00004, \"total\": 0.00004}}");

        Usage usage = UsageSums.of(List.of(first, second), "experiment summary file");

        assertThat(UsageFields.asMap(usage)).isEqualTo(Map.of(
                "tokens", Map.of(
                        "judge", Map.of("input", 50L, "output", 25L, "input_from_cache", 10L, "output_from_cache", 5L),
                        "m1", Map.of("input", 4L, "output", 2L, "input_from_cache", 0L, "output_from_cache", 0L)),
                "cost_usd", withNulls("judge", 0.0001, "m1", null, "total", null)));
    }

    @Test
    @DisplayName("gives shards whose models made no reply what a whole run writes: no model, and a total of 0 when priced")
    void noReply() throws IOException {
        PriceTable prices = PriceTable.from(EvalConfig.of(Map.of("evalunit.models.judge.base-url", "http://localhost/v1",
                "evalunit.prices.judge.input-per-mtok", "1", "evalunit.prices.judge.output-per-mtok", "2")));
        Map<String, Object> whole = UsageFields.of(new TokenCounts(), prices).asMap();
        Path first = file("1.json", JsonFilesTexts.of(whole));
        Path second = file("2.json", JsonFilesTexts.of(whole));

        assertThat(UsageFields.asMap(UsageSums.of(List.of(first, second), "experiment summary file"))).isEqualTo(whole);
        assertThat(UsageFields.asMap(UsageSums.of(List.of(first), "experiment summary file"))).isEqualTo(whole);
    }

    @Test
    @DisplayName("is Usage.NONE when no shard's file has tokens (written before they were counted)")
    void none() throws IOException {
        Path old = file("1.json", "{\"name\": \"x\"}");

        assertThat(UsageSums.of(List.of(old), "experiment summary file")).isSameAs(Usage.NONE);
    }

    /** Names and values in turn, nulls allowed (Map.of takes none). */
    private static Map<String, Object> withNulls(Object... namesAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** The fields as a file holds them. */
    private static final class JsonFilesTexts {
        static String of(Map<String, Object> fields) throws IOException {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(fields);
        }
    }
}
