package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.Model;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.PairwiseTournament;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.config.ConfigurationException;
import java.util.Arrays;
import java.util.stream.DoubleStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Reads a {@link PairwiseEval} annotation into a {@link PairwiseSpec}. Only what the spec cannot
 * express is checked here (a prompt parameter declared twice); the planner checks the rest.
 */
@API(status = INTERNAL, since = "0.1")
public final class AnnotationSpecs {

    private AnnotationSpecs() {
    }

    public static PairwiseSpec from(PairwiseEval eval, String defaultName, List<Model> inlineModels) {
        Autorater judge = eval.autorater();
        return new PairwiseSpec(
                eval.name().isBlank() ? defaultName : eval.name().trim(),
                eval.dataset(),
                Arrays.stream(eval.idColumns()).map(String::trim).toList(),
                eval.task().id(),
                judge.model(),
                prompt(judge.instruction()),
                prompt(judge.context()),
                judge.samples() == Autorater.UNSET ? null : judge.samples(),
                judge.maxInputTokens() == Autorater.UNSET ? null : judge.maxInputTokens(),
                side(eval.modelA(), "model A"),
                side(eval.modelB(), "model B"),
                eval.humanPreferenceColumn(),
                inlineModels);
    }

    /** Reads a {@link PairwiseTournament}; the planner checks the grid, the baseline and every pairing. */
    public static TournamentSpec from(PairwiseTournament t, String defaultName, List<Model> inlineModels) {
        Autorater judge = t.autorater();
        return new TournamentSpec(
                t.name().isBlank() ? defaultName : t.name().trim(),
                t.dataset(),
                Arrays.stream(t.idColumns()).map(String::trim).toList(),
                t.task().id(),
                judge.model(),
                prompt(judge.instruction()),
                prompt(judge.context()),
                judge.samples() == Autorater.UNSET ? null : judge.samples(),
                judge.maxInputTokens() == Autorater.UNSET ? null : judge.maxInputTokens(),
                List.of(t.models()),
                DoubleStream.of(t.temperatures()).boxed().toList(),
                t.repeat(),
                params(t.params(), "the tournament's candidates"),
                t.baseline(),
                t.roundRobin(),
                t.bootstrapRounds(),
                t.seed(),
                inlineModels);
    }

    private static PromptSpec prompt(Prompt prompt) {
        return new PromptSpec(prompt.column(), prompt.template());
    }

    private static SideSpec side(Candidate candidate, String label) {
        return new SideSpec(candidate.model(), candidate.method(), candidate.responseColumn(),
                params(candidate.params(), label));
    }

    private static Map<String, PromptSpec> params(PromptParam[] declared, String label) {
        Map<String, PromptSpec> params = new LinkedHashMap<>();
        for (PromptParam p : declared) {
            // A map keeps one value per name: a second parameter of the same name would silently replace the first.
            if (params.put(p.name().trim(), new PromptSpec(p.column(), p.template())) != null) {
                throw new ConfigurationException(label + " declares prompt parameter [" + p.name().trim()
                        + "] twice. Give each parameter its own name.");
            }
        }
        return params;
    }
}
