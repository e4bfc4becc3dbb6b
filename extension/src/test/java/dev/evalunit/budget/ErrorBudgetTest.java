package dev.evalunit.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The error budget")
class ErrorBudgetTest {

    private static final Path REPORTS = Path.of("/reports/eval");

    private static Judgment ok(int id) {
        return new Judgment(Map.of("id", id), "i", "c", "a", "b", Choice.MODEL_A, 1.0, "A is better", List.of(), null);
    }

    private static Judgment error(int id, String reason) {
        return Judgment.error(Map.of("id", id), "i", "c", "a", null, reason, List.of(), null);
    }

    private static PairwiseResult result(List<Judgment> judgments) {
        int errors = (int) judgments.stream().filter(Judgment::isError).count();
        return new PairwiseResult("Suite.eval", "question_answering", List.of("id"), null, judgments,
                new PairwiseMetrics(judgments.size(), errors, null, null, null, null, null, null, null), REPORTS);
    }

    /** {@code errors} Error rows with the given reasons, then good rows up to {@code total}. */
    private static PairwiseResult result(int total, String... reasons) {
        List<Judgment> judgments = new ArrayList<>();
        for (String reason : reasons) {
            judgments.add(error(judgments.size() + 1, reason));
        }
        while (judgments.size() < total) {
            judgments.add(ok(judgments.size() + 1));
        }
        return result(judgments);
    }

    @Nested
    @DisplayName("read from evalunit.error-budget")
    class Configuration {

        @Test
        @DisplayName("is 10% when not configured")
        void defaultShare() {
            assertThat(ErrorBudget.from(EvalConfig.empty())).isEqualTo(new ErrorBudget(0.10));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.25", "1", " 0.5 "})
        @DisplayName("accepts any share from 0 to 1")
        void accepts(String value) {
            assertThat(ErrorBudget.from(EvalConfig.of(Map.of("evalunit.error-budget", value))).share())
                    .isEqualTo(Double.parseDouble(value.strip()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2", "-0.1", "10%", "NaN", "a lot"})
        @DisplayName("refuses anything else, naming the key and the value")
        void refuses(String value) {
            assertThatThrownBy(() -> ErrorBudget.from(EvalConfig.of(Map.of("evalunit.error-budget", value))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.error-budget] must be a share between 0 and 1, e.g. 0.1,"
                            + " but was '" + value + "'.");
        }
    }

    @Nested
    @DisplayName("for a pairwise evaluation")
    class Pairwise {

        @Test
        @DisplayName("passes at exactly the budget: 1 error in 10 against 10%")
        void atTheBudget() {
            new ErrorBudget(0.1).check(result(10, "judge down"));
        }

        @Test
        @DisplayName("passes any share of errors with a budget of 1, and none with a budget of 0")
        void extremes() {
            new ErrorBudget(1).check(result(3, "x", "y", "z"));
            new ErrorBudget(0).check(result(3));
            assertThatThrownBy(() -> new ErrorBudget(0).check(result(3, "x")))
                    .isInstanceOf(EvaluationInfrastructureException.class);
        }

        @Test
        @DisplayName("fails over the budget with an error that is not an assertion, giving counts, reasons and the file")
        void overTheBudget() {
            PairwiseResult result = result(20, "model [judge]: HTTP 500 after 5 attempts",
                    "model A [candidate] failed: timed out", "model [judge]: HTTP 500 after 5 attempts",
                    "model A [candidate] failed: timed out", "model [judge]: HTTP 500 after 5 attempts");

            assertThatThrownBy(() -> new ErrorBudget(0.1).check(result))
                    .isInstanceOf(EvaluationInfrastructureException.class)
                    .isNotInstanceOf(AssertionError.class)
                    .hasMessage("evaluation [Suite.eval] exceeded its error budget: 5 of 20 examples (25.0%) are errors,"
                            + " over the budget of 10.0%. Commonest reasons: 3 × HTTP 500 (e.g. model [judge]: HTTP 500"
                            + " after 5 attempts); 2 × timeout (e.g. model A [candidate] failed: timed out). The judgments are in "
                            + REPORTS.resolve("judgments.jsonl") + ".");
        }

        @Test
        @DisplayName("groups reasons by kind: 15 unreadable replies quoting 15 bodies are one group of 15")
        void groupedByKind() {
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                reasons.add("all 4 autorater samples failed: model [judge]: unreadable reply after 3 attempts: HTTP 200,"
                        + " not JSON: {\"choices\":[{\"index\":" + i + ",\"mess");
            }
            reasons.add("model A [candidate] failed: model [candidate]: HTTP 503 after 3 attempts: overloaded " + 1);
            reasons.add("model A [candidate] failed: model [candidate]: HTTP 503 after 2 attempts (retry time limit of"
                    + " 120 s reached): overloaded " + 2);

            assertThatThrownBy(() -> new ErrorBudget(0.1).check(result(20, reasons.toArray(String[]::new))))
                    .hasMessageContaining("Commonest reasons: 15 × unreadable reply (e.g. all 4 autorater samples"
                            + " failed: model [judge]: unreadable reply after 3 attempts: HTTP 200, not JSON:"
                            + " {\"choices\":[{\"index\":0,\"mess); 2 × HTTP 503 (e.g. model A [candidate] failed: model"
                            + " [candidate]: HTTP 503 after 3 attempts: overloaded 1). The judgments");
        }

        @Test
        @DisplayName("shows the three commonest reasons, equal counts in order of first appearance")
        void threeReasons() {
            PairwiseResult result = result(4, "d", "c", "b", "a", "b", "a");

            assertThatThrownBy(() -> new ErrorBudget(0.5).check(result))
                    .hasMessageContaining("Commonest reasons: 2 × b; 2 × a; 1 × d. The judgments");
        }
    }

    @Nested
    @DisplayName("for an experiment")
    class Experiment {

        private ExperimentResult experiment(Generation... generations) {
            List<RowResult> rows = new ArrayList<>();
            for (Generation generation : generations) {
                rows.add(new RowResult(rows.size() + 1, generation, Map.of()));
            }
            return new ExperimentResult("comparison", "comparison__1", 1, "cfg", 0, 1, Map.of(), List.of(), rows,
                    Map.of(), Path.of("/reports/comparison/comparison__1"));
        }

        @Test
        @DisplayName("counts the rows without an answer, naming the experiment, its set and its folder")
        void failedGenerations() {
            ExperimentResult experiment = experiment(Generation.failed("model [m1]: HTTP 503 after 3 attempts"),
                    Generation.preGenerated("fine"), Generation.failed("model [m1]: HTTP 503 after 3 attempts"));

            assertThatThrownBy(() -> new ErrorBudget(0.1).check(experiment))
                    .isInstanceOf(EvaluationInfrastructureException.class)
                    .hasMessage("experiment [comparison__1] of set [comparison] exceeded its error budget: 2 of 3 rows"
                            + " (66.7%) have no answer, over the budget of 10.0%. Commonest reasons: 2 × HTTP 503 (e.g."
                            + " model [m1]: HTTP 503 after 3 attempts). The observations are in "
                            + Path.of("/reports/comparison/comparison__1") + ".");
        }

        @Test
        @DisplayName("passes when every row has an answer")
        void allAnswered() {
            new ErrorBudget(0).check(experiment(Generation.preGenerated("a"), Generation.preGenerated("b")));
        }
    }
}
