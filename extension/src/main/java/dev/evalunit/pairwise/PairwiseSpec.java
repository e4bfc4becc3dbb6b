package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.Model;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A pairwise evaluation as declared (annotation, JSON or Java), before validation. Strings are kept
 * as given so that the planner can name what is wrong; {@code null} numbers mean "not given here".
 *
 * @param name names the report directory
 * @param dataset {@code evaluation_dataset}: class path resource or file path
 * @param idColumns {@code id_columns}
 * @param task {@code task} identifier, e.g. {@code question_answering}
 * @param autoraterModel the judge's declared model name
 * @param instruction {@code autorater_prompt_parameters.inference_instruction}
 * @param context {@code autorater_prompt_parameters.inference_context} (may be empty)
 * @param samples autorater calls per example, or {@code null}
 * @param maxInputTokens autorater input limit, or {@code null}
 * @param sideA side A
 * @param sideB side B
 * @param humanPreferenceColumn {@code human_preference_column}, blank for none
 * @param inlineModels models declared with {@code @Model} next to the evaluation
 */
@API(status = INTERNAL, since = "0.1")
public record PairwiseSpec(String name, String dataset, List<String> idColumns, String task, String autoraterModel,
                           PromptSpec instruction, PromptSpec context, Integer samples, Integer maxInputTokens,
                           SideSpec sideA, SideSpec sideB, String humanPreferenceColumn, List<Model> inlineModels) {
    public PairwiseSpec {
        Objects.requireNonNull(name, "name");
        idColumns = List.copyOf(idColumns);
        humanPreferenceColumn = humanPreferenceColumn == null ? "" : humanPreferenceColumn.trim();
        inlineModels = List.copyOf(inlineModels);
    }
}
