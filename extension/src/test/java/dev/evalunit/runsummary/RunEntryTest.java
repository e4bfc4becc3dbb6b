package dev.evalunit.runsummary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.stats.pairwise.PairwiseStatistics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A pairwise evaluation's row of the run summary")
class RunEntryTest {

    private static final Path ROOT = Path.of("target/evalunit").toAbsolutePath();

    private static Judgment error(String id, String reason) {
        return Judgment.error(Map.of("id", id), "", "", "", "", reason, List.of(), null);
    }

    private static Judgment winA(String id) {
        return new Judgment(Map.of("id", id), "", "", "a", "b", Choice.MODEL_A, 1.0, "A is better", List.of(), null);
    }

    private static PairwiseResult result(Judgment... judgments) {
        List<Judgment> all = List.of(judgments);
        return new PairwiseResult("QaEval.compare", "question_answering", List.of("id"), null, all,
                PairwiseStatistics.compute(all, false), ROOT.resolve("QaEval.compare"));
    }

    @Test
    @DisplayName("names the kinds of its Error rows, commonest first, with quoted bodies and numbers left out")
    void errorKinds() {
        PairwiseResult result = result(winA("1"),
                error("2", "model [judge]: HTTP 503 after 4 attempts: {\"error\":\"overloaded\"}"),
                error("3", "model [judge]: unreadable reply after 5 attempts: HTTP 200, not JSON: {\"choi"),
                error("4", "model [candidate]: HTTP 503 after 4 attempts: <html>busy</html>"));

        assertThat(RunEntry.of(result, ROOT).evaluation().figures())
                .contains("3/4 errors (HTTP 503: 2, unreadable reply: 1)");
    }

    @Test
    @DisplayName("says nothing more without errors")
    void noErrors() {
        assertThat(RunEntry.of(result(winA("1"), winA("2")), ROOT).evaluation().figures()).contains("; 0/2 errors")
                .doesNotContain("(");
    }
}
