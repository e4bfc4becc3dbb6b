package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.dataset.DatasetRow;
import dev.evalunit.dataset.IdColumns;
import dev.evalunit.files.ShardManifest;
import dev.evalunit.shard.Shard;
import dev.evalunit.shard.SpecIdentity;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A pairwise evaluation's part in a sharded run: the examples whose ids fall in the shard (in dataset
 * order), and the manifest its files record.
 */
@API(status = INTERNAL, since = "0.1")
public final class PairwiseShards {

    private PairwiseShards() {
    }

    /** {@code plan} with only the examples of {@code shard}; each keeps its row number, hence its ids. */
    public static PairwisePlan select(PairwisePlan plan, Shard shard) {
        List<DatasetRow> rows = new ArrayList<>();
        for (DatasetRow row : plan.dataset().rows()) {
            if (shard.contains(IdColumns.idsOf(row, plan.idColumns()))) {
                rows.add(row);
            }
        }
        Dataset dataset = new Dataset(plan.dataset().source(), plan.dataset().columns(), rows);
        return plan.withDataset(dataset);
    }

    /**
     * @param whole the evaluation's plan, every example
     * @param selected what {@link #select} gave, in the same order as {@code result}'s judgments
     */
    public static ShardManifest manifest(PairwisePlan whole, PairwisePlan selected, PairwiseResult result, Shard shard,
                                         double errorBudget) {
        List<Integer> rows = selected.dataset().rows().stream().map(DatasetRow::rowNumber).toList();
        return new ShardManifest(shard, identity(whole), result.name(), result.task(), result.idColumns(),
                result.humanPreferenceColumn(), result.modelA(), result.modelB(), whole.dataset().size(), errorBudget, rows);
    }

    /** What no two different evaluations share: names, the dataset's source and size, and the settings (no secret). */
    static String identity(PairwisePlan plan) {
        return SpecIdentity.of(List.of("pairwise", plan.name(), plan.dataset().source(), plan.dataset().size(),
                plan.idColumns(), plan.task().id(), plan.sideA().name(), plan.sideB().name(), plan.judge().name(),
                String.valueOf(plan.humanPreferenceColumn()), plan.samples(), plan.maxInputTokens()));
    }
}
