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
import java.util.List;

/**
 * A result whose every text from a model or a dataset tries to run script: had any of it run, the
 * page's title would be {@link #PWNED} or an element with id {@link #PWNED} would exist.
 */
final class Hostile {

    static final String PWNED = "pwned";
    static final String SCRIPT = "<script>document.title='" + PWNED + "'</script>";
    static final String IMAGE = "<img src=x onerror=\"document.title='" + PWNED + "'\">";
    static final String LINK = "<a id=\"" + PWNED + "\" href=\"javascript:document.title='" + PWNED + "'\">click</a>";
    static final String END_OF_SCRIPT = "\"}]</script><script>document.body.id='" + PWNED + "'</script>";
    static final String ATTRIBUTE = "\" autofocus onfocus=\"document.title='" + PWNED + "'\" x=\"";

    static final PairwiseMetrics METRICS = new PairwiseMetrics(5, 1, 0.5, 0.25, 0.25, 0.15, 0.85, 0.75,
            new HumanAlignment(3, 0.5, 0.25, 1, 1, 1, 0, 2.0 / 3, 0.5, 1.0, 2.0 / 3, 0.4, 0.6, 0.55, 0.6, 0.5, 0.3,
                    -0.2, 1.0, null, null),
            0.05, 0.7, 0.04, 0.65, new SignTest(3, 2, 1.0, 0.9), new JudgeBias(8, 0.625, 0.7266, 3, 2.0 / 3, 1.0, 0.6));

    private Hostile() {
    }

    static PairwiseResult result() {
        return new PairwiseResult("Hostile" + SCRIPT, "question_answering" + IMAGE, List.of("id"), "human" + LINK,
                List.of(judgment("q1" + SCRIPT, Choice.MODEL_A, 1.0, "A" + ATTRIBUTE),
                        judgment("q2", Choice.MODEL_B, 0.5, "Model A"),
                        judgment("q3", Choice.TIE, 0.75, "tie"),
                        judgment("q4", Choice.MODEL_A, 1.0, "B"),
                        Judgment.error(Results.ids("id", "q5"), "instr" + IMAGE, "ctx" + LINK, "a" + END_OF_SCRIPT,
                                null, "The autorater said " + SCRIPT,
                                List.of(new AutoraterSample(Position.AB, Vote.ERROR, "timeout" + IMAGE)), "A")),
                METRICS, null);
    }

    private static Judgment judgment(String id, Choice choice, Double confidence, String human) {
        return new Judgment(Results.ids("id", id), "Answer: " + SCRIPT, "Context: " + IMAGE,
                "Response A " + LINK + "\nsecond line", "Response B " + END_OF_SCRIPT, choice, confidence,
                "Because " + IMAGE + " and " + SCRIPT,
                List.of(new AutoraterSample(Position.AB, Vote.A, "sample " + LINK),
                        new AutoraterSample(Position.BA, Vote.B, "sample " + ATTRIBUTE)),
                human);
    }
}
