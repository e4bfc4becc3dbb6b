package dev.evalunit.pairwise;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.Model;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@link PairwiseEval} annotation into a {@link PairwiseSpec}. */
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
                side(eval.modelA()),
                side(eval.modelB()),
                eval.humanPreferenceColumn(),
                inlineModels);
    }

    private static PromptSpec prompt(Prompt prompt) {
        return new PromptSpec(prompt.column(), prompt.template());
    }

    private static SideSpec side(Candidate candidate) {
        Map<String, PromptSpec> params = new LinkedHashMap<>();
        for (PromptParam p : candidate.params()) {
            params.put(p.name().trim(), new PromptSpec(p.column(), p.template()));
        }
        return new SideSpec(candidate.model(), candidate.method(), candidate.responseColumn(), params);
    }
}
