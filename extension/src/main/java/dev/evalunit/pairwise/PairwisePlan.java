package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.Task;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.prompt.PromptParameter;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A validated pairwise evaluation: everything it needs is found and checked, nothing has been called.
 *
 * @param context the autorater's context parameter, or {@code null} when none was given
 * @param humanPreferenceColumn the human preference column, or {@code null} without one
 */
@API(status = INTERNAL, since = "0.1")
public record PairwisePlan(String name, Dataset dataset, List<String> idColumns, Task task,
                           PromptParameter instruction, PromptParameter context,
                           AnswerSource sideA, AnswerSource sideB, String humanPreferenceColumn,
                           ModelClient judge, int samples, int maxInputTokens, int reaskAttempts, int concurrency,
                           Path reportDirectory) {
    public PairwisePlan {
        idColumns = List.copyOf(idColumns);
    }

    /** This plan over other rows of its dataset: one shard's. */
    PairwisePlan withDataset(Dataset rows) {
        return new PairwisePlan(name, rows, idColumns, task, instruction, context, sideA, sideB, humanPreferenceColumn,
                judge, samples, maxInputTokens, reaskAttempts, concurrency, reportDirectory);
    }

    /** This plan with other sides and folder, and no human preferences: one pairing of a tournament. */
    PairwisePlan forPairing(AnswerSource a, AnswerSource b, Path directory) {
        return new PairwisePlan(name, dataset, idColumns, task, instruction, context, a, b, null, judge, samples,
                maxInputTokens, reaskAttempts, concurrency, directory);
    }
}
