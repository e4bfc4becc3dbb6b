package dev.evalunit.metrics;

import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.evalunit.metrics.FakeJudge.json;
import static dev.evalunit.metrics.Rows.fullRow;
import static dev.evalunit.metrics.Rows.generated;
import static dev.evalunit.metrics.Rows.input;
import static dev.evalunit.metrics.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A judge metric")
class JudgeMetricTest {

    private static final String ANSWER = "The Golden Gate Bridge opened in 1937.";

    private static Metric metric(String name) {
        return MetricRegistry.load().create(name, Map.of());
    }

    private static MetricObservation observe(String name, FakeJudge judge) {
        return metric(name).observe(input(fullRow(), ANSWER, judge));
    }

    @Nested
    @DisplayName("asks the judge")
    class Request {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"judge_precision", "judge_exactness", "judge_notator", "judge_completude",
                "judge_relevant", "judge_rambling", "answer_relevancy", "faithfulness", "contextual_relevancy"})
        @DisplayName("with the system message, the user prompt, its score schema and the metric's name")
        void shape(String name) {
            FakeJudge judge = FakeJudge.replying(json("r", 1));
            JudgeMetric metric = (JudgeMetric) metric(name);
            MetricInput input = input(fullRow(), ANSWER, judge);

            metric.observe(input);

            ModelRequest request = judge.onlyRequest();
            assertThat(request.messages()).containsExactly(
                    ChatMessage.system(JudgePrompts.SYSTEM_MESSAGE), ChatMessage.user(metric.prompt(input)));
            assertThat(request.responseSchema()).isEqualTo(metric.spec().scale().responseSchema());
            assertThat(request.responseSchema()).containsEntry("required", List.of("reason", "score"));
            assertThat(request.schemaName()).isEqualTo(name);
        }

        @Test
        @DisplayName("once per repeat, each call carrying the repeat as its sample index")
        void sampleIndex() {
            FakeJudge judge = FakeJudge.replying(json("r", 1), json("r", 1), json("r", 0));
            Metric metric = metric("judge_precision");

            for (int repeat = 0; repeat < 3; repeat++) {
                metric.observe(new MetricInput(fullRow(), generated(ANSWER), judge, repeat));
            }

            assertThat(judge.requests()).extracting(ModelRequest::sampleIndex).containsExactly(0, 1, 2);
        }
    }

    @Nested
    @DisplayName("scores")
    class Scores {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
                "judge_precision|1", "judge_exactness|0", "judge_notator|7", "judge_completude|85",
                "judge_relevant|10", "judge_rambling|1", "answer_relevancy|0.75", "faithfulness|0.5",
                "contextual_relevancy|0"})
        @DisplayName("with the judge's score, keeping its reply")
        void happyPath(String name, String score) {
            String reply = json("A short reason.", score);

            assertThat(observe(name, FakeJudge.replying(reply)))
                    .isEqualTo(MetricObservation.judged(Double.parseDouble(score), reply));
        }

        @Test
        @DisplayName("a 0/1 metric from a yes/no reply")
        void yesNo() {
            String reply = "{\"reason\": \"It states 1937.\", \"score\": \"yes\"}";

            assertThat(observe("judge_precision", FakeJudge.replying(reply)))
                    .isEqualTo(MetricObservation.judged(1, reply));
        }

        @Test
        @DisplayName("from a fenced reply with prose around it")
        void fenced() {
            String reply = "Sure.\n```json\n{\"reason\": \"Same meaning.\", \"score\": 9}\n```";

            assertThat(observe("judge_notator", FakeJudge.replying(reply)))
                    .isEqualTo(MetricObservation.judged(9, reply));
        }
    }

    @Nested
    @DisplayName("fails the row, with the reason")
    class Fails {

        @Test
        @DisplayName("when the judge's reply is prose, keeping the reply")
        void prose() {
            String reply = "The answer is mostly right, I would say 8 out of 10.";

            assertThat(observe("judge_notator", FakeJudge.replying(reply))).isEqualTo(MetricObservation.failed(
                    "the judge's reply could not be read: it has no JSON object with a \"score\"", reply));
        }

        @ParameterizedTest(name = "{0}: {1} -> {2}")
        @CsvSource(delimiter = '|', value = {
                "judge_notator|12|the judge's score 12 is outside 1-10",
                "judge_rambling|0|the judge's score 0 is outside 1-10",
                "judge_completude|101|the judge's score 101 is outside 0-100",
                "faithfulness|1.5|the judge's score 1.5 is outside 0-1",
                "answer_relevancy|-0.25|the judge's score -0.25 is outside 0-1",
                "judge_precision|0.5|the judge's score 0.5 is not 0 or 1",
                "judge_exactness|2|the judge's score 2 is not 0 or 1"})
        @DisplayName("when the judge's score is off the scale, keeping the reply")
        void offScale(String name, String score, String error) {
            String reply = json("r", score);

            assertThat(observe(name, FakeJudge.replying(reply))).isEqualTo(MetricObservation.failed(error, reply));
        }

        @Test
        @DisplayName("when the judge call fails, with the call's message and no reply")
        void callFails() {
            FakeJudge judge = FakeJudge.replying(new ModelCallException("judge [judge]: HTTP 503 after 3 attempts"));

            assertThat(observe("faithfulness", judge))
                    .isEqualTo(MetricObservation.failed("judge [judge]: HTTP 503 after 3 attempts", null));
        }

        @Test
        @DisplayName("when there is no judge model, without calling anything")
        void noJudge() {
            assertThat(metric("judge_precision").observe(input(fullRow(), ANSWER, null))).isEqualTo(
                    MetricObservation.failed("metric [judge_precision] needs a judge model: set judge_model", null));
        }

        @Test
        @DisplayName("when a column it needs is empty in the row, without calling the judge")
        void emptyCell() {
            FakeJudge judge = FakeJudge.replying();
            Map<String, Object> row = row("query", "When?", "output_true", "  ");

            assertThat(metric("judge_precision").observe(input(row, ANSWER, judge)))
                    .isEqualTo(MetricObservation.failed("the row's [output_true] is empty", null));
            assertThat(judge.requests()).isEmpty();
        }

        @Test
        @DisplayName("when faithfulness finds neither a retrieval context nor a context")
        void noContext() {
            FakeJudge judge = FakeJudge.replying();

            assertThat(metric("faithfulness").observe(input(row("retrieval_context", null), ANSWER, judge)))
                    .isEqualTo(MetricObservation.failed("the row's [retrieval_context] and [context] are empty", null));
            assertThat(judge.requests()).isEmpty();
        }
    }

    @Nested
    @DisplayName("judge_adhoc")
    class Adhoc {

        private static Metric adhoc(String prompt) {
            return MetricRegistry.load().create("judge_adhoc", Map.of("name", "judge_adhoc", "prompt", prompt));
        }

        @Test
        @DisplayName("renders the user's prompt over the row and the answer, then the reply format for 0 to 1")
        void prompt() {
            FakeJudge judge = FakeJudge.replying(json("Polite.", 1));

            MetricObservation observation = adhoc("Is {{ output }} a polite answer to {{query}}?")
                    .observe(input(row("query", "Where is it?"), "It is {{ here }}, sir.", judge));

            assertThat(observation).isEqualTo(MetricObservation.judged(1, json("Polite.", 1)));
            assertThat(judge.userPrompt()).isEqualTo("Is It is {{ here }}, sir. a polite answer to Where is it??\n\n"
                    + JudgePrompts.replyFormat(ScoreScale.FRACTION, "one to three sentences that justify the score.",
                    "a number from 0 to 1, as the instructions above define it: 1 when the answer fully meets them, "
                            + "0 when it does not meet them at all (for a yes-or-no question, 1 is yes and 0 is no)."));
            assertThat(judge.onlyRequest().schemaName()).isEqualTo("judge_adhoc");
        }

        @Test
        @DisplayName("accepts a fractional score and rejects one above 1")
        void scale() {
            FakeJudge judge = FakeJudge.replying(json("r", 0.4), json("r", 7));
            Metric metric = adhoc("Rate {{ output }}.");

            assertThat(metric.observe(input(Map.of(), "x", judge)).score()).isEqualTo(0.4);
            assertThat(metric.observe(input(Map.of(), "x", judge)))
                    .isEqualTo(MetricObservation.failed("the judge's score 7 is outside 0-1", json("r", 7)));
        }

        @Test
        @DisplayName("leaves an empty cell empty rather than failing the row")
        void emptyCell() {
            FakeJudge judge = FakeJudge.replying(json("r", 1));

            adhoc("[{{ context }}] {{ output }}").observe(input(row("context", null), "x", judge));

            assertThat(judge.userPrompt()).startsWith("[] x\n\n");
        }
    }
}
