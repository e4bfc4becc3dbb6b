package dev.evalunit.report;

import static dev.evalunit.report.Results.error;
import static dev.evalunit.report.Results.judgment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.JudgeBias;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.SignTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The Markdown summary")
class SummaryReporterTest {

    private static final HumanAlignment ALIGNMENT_WITH_INTERVALS = new HumanAlignment(2, 0.5, 0.5, 1, 0, 1, 0,
            1.0, 1.0, 1.0, 1.0, 0.8, 0.75, 0.8, 0.7, 0.72, null, 0.4123, 1.0, null, null);

    private static final SignTest SIGN_TEST = new SignTest(10, 6, 0.75390625, 0.6);

    private static final JudgeBias BIAS = new JudgeBias(40, 0.55, 0.6358, 9, 2.0 / 3, 0.5078, 0.625);

    private static final PairwiseMetrics WITH_HUMAN = new PairwiseMetrics(12, 1, 6.0 / 11, 4.0 / 11, 1.0 / 11,
            0.2801, 0.7867, 0.9, ALIGNMENT_WITH_INTERVALS, 0.1517, 0.6462, 0.0162, 0.3770, SIGN_TEST, BIAS);

    private static final PairwiseMetrics WITHOUT_HUMAN = new PairwiseMetrics(12, 1, 6.0 / 11, 4.0 / 11, 1.0 / 11,
            0.2801, 0.7867, null, null, 0.1517, 0.6462, 0.0162, 0.3770, SIGN_TEST, BIAS);

    /** As written before the intervals, the sign test and the bias diagnostics existed. */
    private static final PairwiseMetrics FIRST_RELEASE =
            new PairwiseMetrics(12, 1, 6.0 / 11, 4.0 / 11, 1.0 / 11, 0.2801, 0.7867, null, null);

    @TempDir
    Path directory;

    private String write(PairwiseResult result) throws IOException {
        List<Path> written = new SummaryReporter().report(result, directory);
        assertThat(written).containsExactly(directory.resolve("summary.md"));
        return Files.readString(written.get(0), StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("headline")
    class Headline {

        @Test
        @DisplayName("names the evaluation and its task in the title")
        void title() throws IOException {
            assertThat(write(Results.result(null))).startsWith(
                    "# Pairwise evaluation: QaEval.compareModels (question_answering)\n\n");
        }

        @Test
        @DisplayName("tabulates the autorater's figures as percentages to one decimal, n/a when missing")
        void autoraterFigures() throws IOException {
            String summary = write(Results.result(List.of("id"), null, List.of(), WITHOUT_HUMAN));

            assertThat(summary).contains("""
                    | figure | value |
                    |---|---|
                    | examples | 12 |
                    | errors | 1 |
                    | Model A win rate | 54.5% |
                    | Model B win rate | 36.4% |
                    | tie rate | 9.1% |
                    | Model A win rate, 95% interval | 28.0% to 78.7% |
                    | Model B win rate, 95% interval | 15.2% to 64.6% |
                    | tie rate, 95% interval | 1.6% to 37.7% |
                    | position consistency | n/a |

                    Win and tie rates are over the examples that are not errors, with 95% Wilson intervals.
                    """);
            assertThat(summary).doesNotContain("accuracy", "kappa", "F1");
        }

        @Test
        @DisplayName("gives the sign test of A against B and what this many decisive examples can detect")
        void significance() throws IOException {
            String summary = write(Results.result(List.of("id"), null, List.of(), WITHOUT_HUMAN));

            assertThat(summary).contains("""
                    ## Is A better than B?

                    | figure | value |
                    |---|---|
                    | decisive examples (A or B) | 10 (A 6, B 4) |
                    | exact sign test, two-sided p | 0.754 |
                    | smallest A−B difference detectable (p < 0.05) | 60.0% |
                    """);
        }

        @Test
        @DisplayName("gives the judge's position and length bias with their tests")
        void judgeBias() throws IOException {
            String summary = write(Results.result(List.of("id"), null, List.of(), WITHOUT_HUMAN));

            assertThat(summary).contains("""
                    ## Judge bias

                    | figure | value |
                    |---|---|
                    | answer shown first wins (decisive samples) | 55.0% of 40 (p = 0.636) |
                    | longer response wins (decisive examples) | 66.7% of 9 (p = 0.508) |
                    | Model A win rate, length-adjusted (decisive) | 62.5% |
                    """);
        }

        @Test
        @DisplayName("shows n/a for the figures that metrics of the first release lack")
        void firstRelease() throws IOException {
            String summary = write(Results.result(List.of("id"), null, List.of(), FIRST_RELEASE));

            assertThat(summary).contains("| Model B win rate, 95% interval | n/a |",
                    "| decisive examples (A or B) | 0 (A 0, B 0) |", "| exact sign test, two-sided p | n/a |",
                    "| answer shown first wins (decisive samples) | n/a |");
        }

        @Test
        @DisplayName("adds the agreement with humans when there are human preferences")
        void humanFigures() throws IOException {
            String summary = write(Results.result(List.of("id"), "human", List.of(), WITH_HUMAN));

            assertThat(summary).contains("""
                    | position consistency | 90.0% |
                    | accuracy (vs human, A/B only) | 100.0% |
                    | F1 (Model A positive) | 100.0% |
                    | Cohen's kappa | 0.800 |
                    | Cohen's kappa, 95% interval | 0.412 to 1.000 |
                    | macro F1 (A/B/tie) | 72.0% |

                    Win and tie rates are over the examples that are not errors, with 95% Wilson intervals. The kappa interval is the 95% large-sample one.
                    """);
        }
    }

    @Nested
    @DisplayName("examples worth a look")
    class Examples {

        @Test
        @DisplayName("lists disagreements with the human and errors, in dataset order, but not agreements or unreadable human cells")
        void disagreementsAndErrors() throws IOException {
            String summary = write(Results.result("human",
                    judgment("q1", Choice.MODEL_A, 1.0, "agrees", "A"),
                    judgment("q2", Choice.MODEL_A, 2.0 / 3, "A is more grounded", "Model B"),
                    judgment("q3", Choice.TIE, 0.5, "agrees too", "tie"),
                    error("q4", "The autorater timed out.", "A"),
                    judgment("q5", Choice.MODEL_B, 1.0, "no human", null),
                    judgment("q6", Choice.MODEL_B, 1.0, "unknown label", "maybe"),
                    judgment("q7", Choice.MODEL_B, 0.75, "B answers", "TIE")));

            assertThat(summary).endsWith("""
                    ## Disagreements with the human and errors (first 3 of 3)

                    | ids | choice | human | confidence | explanation |
                    |---|---|---|---|---|
                    | id=q2 | Model A | Model B | 66.7% | A is more grounded |
                    | id=q4 | Error | A | n/a | The autorater timed out. |
                    | id=q7 | Model B | TIE | 75.0% | B answers |
                    """);
        }

        @Test
        @DisplayName("lists only errors, without a human column, when there are no human preferences")
        void errorsOnly() throws IOException {
            String summary = write(Results.result(null, judgment("q1", Choice.MODEL_A, 1.0, "fine", "B"),
                    error("q2", "Over the 4096-token limit.", null)));

            assertThat(summary).endsWith("""
                    ## Errors (first 1 of 1)

                    | ids | choice | confidence | explanation |
                    |---|---|---|---|
                    | id=q2 | Error | n/a | Over the 4096-token limit. |
                    """);
        }

        @Test
        @DisplayName("says so when there is nothing to show")
        void none() throws IOException {
            assertThat(write(Results.result("human", judgment("q1", Choice.MODEL_A, 1.0, "", "A"))))
                    .endsWith("## Disagreements with the human and errors\n\n"
                            + "None: the autorater agrees with every human preference.\n");
            assertThat(write(Results.result(null, judgment("q1", Choice.MODEL_A, 1.0, "", "B"))))
                    .endsWith("## Errors\n\nNone.\n");
        }

        @Test
        @DisplayName("shows at most 10 and says how many there are")
        void atMostTen() throws IOException {
            Judgment[] errors = IntStream.rangeClosed(1, 12).mapToObj(i -> error("q" + i, "failed", null))
                    .toArray(Judgment[]::new);

            String summary = write(Results.result(null, errors));

            assertThat(summary).contains("## Errors (first 10 of 12)")
                    .contains("| id=q10 |")
                    .doesNotContain("| id=q11 |");
        }

        @Test
        @DisplayName("keeps each row on one line: pipes escaped, line breaks as spaces, explanations cut at 120 characters")
        void cells() throws IOException {
            String longExplanation = "x".repeat(130);
            List<Judgment> judgments = new ArrayList<>();
            judgments.add(Judgment.error(Results.ids("id", "a|b"), "i", "c", "ra", "rb", "first | second\nthird",
                    List.of(), "B|?"));
            judgments.add(judgment("q2", Choice.MODEL_B, 1.0, longExplanation, "A"));

            String summary = write(Results.result(List.of("id"), "human", judgments, Results.METRICS));

            assertThat(summary).contains("| id=a\\|b | Error | B\\|? | n/a | first \\| second third |\n");
            assertThat(summary).contains("| " + "x".repeat(120) + "… |\n");
        }
    }
}
