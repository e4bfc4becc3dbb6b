package dev.evalunit.report;

import dev.evalunit.api.run.RunEvaluation;
import dev.evalunit.api.run.RunEvaluation.Share;
import dev.evalunit.api.run.RunResult;
import java.time.Instant;
import java.util.List;

/** Runs for the index page: a plain one, and one whose every name and figure tries to run script. */
final class Runs {

    static final Instant STARTED = Instant.parse("2026-12-07T03:47:01Z");

    private Runs() {
    }

    /** Four evaluations, one of each outcome; the set has no page and no bar. */
    static RunResult plain() {
        return new RunResult(List.of(
                new RunEvaluation(RunEvaluation.PAIRWISE, "QaEval.losing", RunEvaluation.FAIL,
                        "A wins 50.0% [15.0%, 85.0%]; 0/4 errors", "QaEval.losing/report.html",
                        new Share("A wins", 0.5, 0.15, 0.85)),
                new RunEvaluation(RunEvaluation.PAIRWISE, "QaEval.winning", RunEvaluation.PASS,
                        "A wins 75.0% [30.1%, 95.4%]; 0/4 errors", "QaEval.winning/report.html",
                        new Share("A wins", 0.75, 0.301, 0.954)),
                new RunEvaluation(RunEvaluation.SET, "flaky_model", RunEvaluation.ERROR,
                        "output_length: best model=m2 2.333", "", null),
                new RunEvaluation(RunEvaluation.SET, "qa_models", RunEvaluation.SKIPPED,
                        "exact_match: best model=m1 0.800 [0.700, 0.900]", "qa_models/set-report.html",
                        new Share("exact_match: model=m1", 0.8, 0.7, 0.9))),
                STARTED, STARTED.plusSeconds(72));
    }

    /** Names, figures, labels and links that try to run script; see {@link Hostile}. */
    static RunResult hostile() {
        return new RunResult(List.of(
                new RunEvaluation(RunEvaluation.PAIRWISE, "Hostile" + Hostile.SCRIPT, RunEvaluation.PASS,
                        "A wins " + Hostile.IMAGE, "Hostile" + Hostile.SCRIPT + "/report.html",
                        new Share("A wins" + Hostile.LINK, 0.6, 0.4, 0.8)),
                new RunEvaluation(RunEvaluation.SET, "set" + Hostile.ATTRIBUTE, RunEvaluation.FAIL,
                        "m: best " + Hostile.END_OF_SCRIPT, "javascript:document.title='pwned'/set-report.html", null)),
                STARTED, STARTED.plusSeconds(5));
    }
}
