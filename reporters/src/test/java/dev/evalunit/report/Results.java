package dev.evalunit.report;

import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.JudgeBias;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.SignTest;
import dev.evalunit.api.pairwise.Vote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built results for the reporters' tests. */
final class Results {

    static final PairwiseMetrics METRICS = new PairwiseMetrics(3, 1, 0.5, 0.25, 0.25, 0.15, 0.85, null, null);

    static final HumanAlignment ALIGNMENT = new HumanAlignment(2, 0.5, 0.5, 1, 0, 1, 0,
            1.0, 1.0, 1.0, 1.0, 1.0, 0.75, 0.8, 0.7, 0.72, null);

    private Results() {
    }

    static PairwiseResult result(List<String> idColumns, String humanColumn, List<Judgment> judgments,
                                 PairwiseMetrics metrics) {
        return new PairwiseResult("QaEval.compareModels", "question_answering", idColumns, humanColumn, judgments,
                metrics, null);
    }

    static PairwiseResult result(String humanColumn, Judgment... judgments) {
        return result(List.of("id"), humanColumn, List.of(judgments), METRICS);
    }

    static Judgment judgment(String id, Choice choice, Double confidence, String explanation, String human) {
        return new Judgment(ids("id", id), "Answer the question.", "Context.", "answer a", "answer b", choice,
                confidence, explanation,
                List.of(new AutoraterSample(Position.AB, Vote.A, "A is grounded"),
                        new AutoraterSample(Position.BA, Vote.B, "B is shorter")),
                human);
    }

    static Judgment error(String id, String reason, String human) {
        return Judgment.error(ids("id", id), "Answer the question.", "Context.", "answer a", null, reason,
                List.of(new AutoraterSample(Position.AB, Vote.ERROR, "timeout")), human);
    }

    /**
     * A result of {@code size} examples with a human preference column: every tenth example (the 10th,
     * the 20th, ...) an error, the others voting A, A, B, tie in turn, the human saying A, B, tie in turn.
     */
    static PairwiseResult large(int size) {
        List<Judgment> judgments = new ArrayList<>();
        Choice[] choices = {Choice.MODEL_A, Choice.MODEL_A, Choice.MODEL_B, Choice.TIE};
        String[] humans = {"A", "B", "tie"};
        for (int i = 1; i <= size; i++) {
            String id = "q" + i;
            String human = humans[i % humans.length];
            judgments.add(i % 10 == 0 ? error(id, "timeout after 3 attempts", human)
                    : judgment(id, choices[i % choices.length], i % 5 == 0 ? 0.5 : 1.0, "explanation " + i, human));
        }
        int errors = size / 10;
        PairwiseMetrics metrics = new PairwiseMetrics(size, errors, 0.5, 0.25, 0.25, 0.45, 0.55, 0.8,
                new HumanAlignment(size - errors, 0.33, 0.33, 60, 60, 60, 60, 0.5, 0.5, 0.5, 0.5, 0.0, 0.33, 0.33,
                        0.33, 0.33, 0.0, -0.1, 0.1, -0.08, 0.08),
                0.2, 0.3, 0.2, 0.3, new SignTest(180, 90, 0.0001, 0.2), new JudgeBias(720, 0.5, 1.0, 300, 0.5, 1.0, 0.5));
        return new PairwiseResult("QaEval.large", "question_answering", List.of("id"), "human", judgments, metrics,
                null);
    }

    /** An ordered map; values may be null, which Map.of does not allow. */
    static Map<String, Object> ids(Object... keysAndValues) {
        Map<String, Object> ids = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            ids.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ids;
    }
}
