package dev.evalunit.metrics;

import dev.evalunit.api.spi.Metric;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.dataset.DatasetRow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.evalunit.metrics.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("MetricColumns")
class MetricColumnsTest {

    private static final String WHERE = "experiment [qa__0]";

    private static Dataset dataset(String... columns) {
        return new Dataset("datasets/qa.jsonl", List.of(columns), List.of());
    }

    private static List<Metric> metrics(String... names) {
        return Arrays.stream(names).map(name -> MetricRegistry.load().create(name, Map.of())).toList();
    }

    private static Metric adhoc(String prompt) {
        return MetricRegistry.load().create("judge_adhoc", Map.of("prompt", prompt));
    }

    @Nested
    @DisplayName("gives the canonical row")
    class CanonicalRow {

        private final DatasetRow row = new DatasetRow(3, row("id", 7, "question", "Q?", "answer", "A.", "context", "C."));

        @Test
        @DisplayName("with mapped names holding their column's cell, and every column passing through")
        void aliases() {
            Map<String, String> columnsMap = new LinkedHashMap<>();
            columnsMap.put("query", "question");
            columnsMap.put("output_true", "answer");

            Map<String, Object> canonical = MetricColumns.canonicalRow(row, columnsMap);

            assertThat(canonical).containsExactly(Map.entry("id", 7), Map.entry("question", "Q?"),
                    Map.entry("answer", "A."), Map.entry("context", "C."), Map.entry("query", "Q?"),
                    Map.entry("output_true", "A."));
        }

        @Test
        @DisplayName("as the row itself without columns_map")
        void unmapped() {
            assertThat(MetricColumns.canonicalRow(row, Map.of())).isEqualTo(row.values());
            assertThat(MetricColumns.canonicalRow(row, null)).isEqualTo(row.values());
        }

        @Test
        @DisplayName("with a mapping winning over a column of the canonical name")
        void mappingWins() {
            assertThat(MetricColumns.canonicalRow(row, Map.of("context", "answer"))).containsEntry("context", "A.");
        }

        @Test
        @DisplayName("without a mapped name whose column the row lacks")
        void rowLacksColumn() {
            assertThat(MetricColumns.canonicalRow(row, Map.of("context", "passages"))).doesNotContainKey("context");
        }
    }

    @Nested
    @DisplayName("accepts")
    class Accepts {

        @Test
        @DisplayName("required columns present under their canonical names")
        void present() {
            assertThatCode(() -> MetricColumns.check(dataset("query", "output_true", "retrieval_context"), Map.of(),
                    metrics("judge_precision", "judge_completude", "contextual_relevancy"), true, WHERE))
                    .doesNotThrowAnyException();
        }

        @Test
        @DisplayName("required columns mapped with columns_map")
        void mapped() {
            assertThatCode(() -> MetricColumns.check(dataset("question", "answer"),
                    Map.of("query", "question", "output_true", "answer"), metrics("judge_notator"), true, WHERE))
                    .doesNotThrowAnyException();
        }

        @Test
        @DisplayName("operational metrics on any dataset, without a judge")
        void operational() {
            assertThatCode(() -> MetricColumns.check(dataset(), Map.of(), metrics("output_length", "generation_time",
                    "nb_tokens_prompt", "nb_tokens_completion"), false, WHERE)).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("faithfulness over a context when there is no retrieval context")
        void faithfulnessOverContext() {
            assertThatCode(() -> MetricColumns.check(dataset("context"), Map.of(), metrics("faithfulness"), true, WHERE))
                    .doesNotThrowAnyException();
        }

        @Test
        @DisplayName("judge_adhoc placeholders that name columns, mapped or not")
        void adhocPlaceholders() {
            assertThatCode(() -> MetricColumns.check(dataset("question", "tone"), Map.of("query", "question"),
                    List.of(adhoc("Does {{ output }} answer {{ query }} in a {{ tone }} tone?")), true, WHERE))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    @DisplayName("rejects, before any call")
    class Rejects {

        @Test
        @DisplayName("a required column the dataset lacks")
        void missingColumn() {
            assertThatThrownBy(() -> MetricColumns.check(dataset("query", "answer"), Map.of(),
                    metrics("output_length", "judge_precision"), true, WHERE))
                    .hasMessage("Configuration error: metric [judge_precision] of experiment [qa__0] needs column "
                            + "[output_true], which dataset [datasets/qa.jsonl] lacks. Columns: query, answer. Add it or "
                            + "map it with columns_map, e.g. \"columns_map\": {\"output_true\": \"answer\"}.");
        }

        @Test
        @DisplayName("a missing query, with an example mapping for it")
        void missingQuery() {
            assertThatThrownBy(() -> MetricColumns.check(dataset(), Map.of(), metrics("judge_relevant"), true, WHERE))
                    .hasMessage("Configuration error: metric [judge_relevant] of experiment [qa__0] needs column "
                            + "[query], which dataset [datasets/qa.jsonl] lacks. Columns: (none). Add it or map it "
                            + "with columns_map, e.g. \"columns_map\": {\"query\": \"question\"}.");
        }

        @Test
        @DisplayName("faithfulness with neither a retrieval context nor a context")
        void faithfulnessWithoutContext() {
            assertThatThrownBy(() -> MetricColumns.check(dataset("query"), Map.of(), metrics("faithfulness"), true, WHERE))
                    .hasMessage("Configuration error: metric [faithfulness] of experiment [qa__0] needs column "
                            + "[retrieval_context] (or [context]), which dataset [datasets/qa.jsonl] lacks. Columns: "
                            + "query. Add it or map it with columns_map, e.g. \"columns_map\": "
                            + "{\"retrieval_context\": \"passages\"}.");
        }

        @Test
        @DisplayName("a columns_map target the dataset lacks, even if no metric reads it")
        void badTarget() {
            assertThatThrownBy(() -> MetricColumns.check(dataset("question"), Map.of("query", "questoin"),
                    metrics("output_length"), false, WHERE))
                    .hasMessage("Configuration error: columns_map of experiment [qa__0] maps [query] to column "
                            + "[questoin], which dataset [datasets/qa.jsonl] lacks. Columns: question. Map it to one "
                            + "of these columns.");
        }

        @Test
        @DisplayName("a columns_map entry for output, which is the answer")
        void mapsOutput() {
            assertThatThrownBy(() -> MetricColumns.check(dataset("reference"), Map.of("output", "reference"),
                    metrics("output_length"), false, WHERE))
                    .hasMessage("Configuration error: columns_map of experiment [qa__0] maps [output], which always "
                            + "means the model's answer. Remove it; map columns to query, output_true, context or "
                            + "retrieval_context.");
        }

        @Test
        @DisplayName("a judge metric without a judge model, before its columns")
        void noJudge() {
            assertThatThrownBy(() -> MetricColumns.check(dataset(), Map.of(),
                    metrics("generation_time", "judge_precision"), false, WHERE))
                    .hasMessage("Configuration error: metric [judge_precision] of experiment [qa__0] needs a judge "
                            + "model. Set judge_model.");
        }

        @Test
        @DisplayName("a judge_adhoc placeholder that names no column, naming the placeholder")
        void adhocPlaceholder() {
            assertThatThrownBy(() -> MetricColumns.check(dataset("query", "answer"), Map.of(),
                    List.of(adhoc("Is {{ output }} as good as {{ reference }}?")), true, WHERE))
                    .hasMessage("Configuration error: metric [judge_adhoc] of experiment [qa__0] has placeholder "
                            + "[{{ reference }}], which names no column of dataset [datasets/qa.jsonl]. Columns: "
                            + "query, answer. Use one of these columns or {{ output }} for the answer, or map "
                            + "[reference] to a column with columns_map.");
        }
    }
}
