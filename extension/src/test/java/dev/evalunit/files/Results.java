package dev.evalunit.files;

import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.Vote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built results for the codec's tests. */
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

    /** An ordered map; values may be null, which Map.of does not allow. */
    static Map<String, Object> ids(Object... keysAndValues) {
        Map<String, Object> ids = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            ids.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ids;
    }
}
