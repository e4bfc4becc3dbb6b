package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.Model;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A pairwise tournament as declared, before validation: what every pairing shares (dataset, task,
 * autorater), the candidates' grid (models x temperatures, repeated), and how they meet.
 *
 * @param name names the tournament's folder
 * @param dataset {@code evaluation_dataset}
 * @param idColumns {@code id_columns}
 * @param task {@code task} identifier
 * @param autoraterModel the judge's declared model name
 * @param instruction the autorater's instruction
 * @param context the autorater's context (may be empty)
 * @param samples autorater calls per example, or {@code null}
 * @param maxInputTokens autorater input limit, or {@code null}
 * @param models the grid's model axis, declared model names
 * @param temperatures the grid's temperature axis, empty for none
 * @param repeat how many times each candidate answers
 * @param params the candidates' prompt parameters
 * @param baseline the baseline candidate's name, blank for the first candidate (round robin only)
 * @param roundRobin every pair of candidates, rather than each against the baseline
 * @param bootstrapRounds bootstrap rounds of the intervals
 * @param seed the bootstrap's seed
 * @param inlineModels models declared with {@code @Model} next to the tournament
 */
@API(status = INTERNAL, since = "0.1")
public record TournamentSpec(String name, String dataset, List<String> idColumns, String task, String autoraterModel,
                             PromptSpec instruction, PromptSpec context, Integer samples, Integer maxInputTokens,
                             List<String> models, List<Double> temperatures, int repeat, Map<String, PromptSpec> params,
                             String baseline, boolean roundRobin, int bootstrapRounds, long seed,
                             List<Model> inlineModels) {
    public TournamentSpec {
        Objects.requireNonNull(name, "name");
        idColumns = List.copyOf(idColumns);
        models = models.stream().map(String::trim).toList();
        temperatures = List.copyOf(temperatures);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        baseline = baseline == null ? "" : baseline.trim();
        inlineModels = List.copyOf(inlineModels);
    }

    /** The spec of one pairing: model {@code a} against model {@code b}, with this tournament's shared parts. */
    PairwiseSpec pairing(String pairingName, String a, String b) {
        return new PairwiseSpec(pairingName, dataset, idColumns, task, autoraterModel, instruction, context, samples,
                maxInputTokens, SideSpec.model(a, params), SideSpec.model(b, params), "", inlineModels);
    }
}
