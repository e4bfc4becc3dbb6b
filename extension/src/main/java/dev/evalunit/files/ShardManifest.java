package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.shard.Shard;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What a shard's files are ({@value ShardFile#NAME} beside them): which evaluation, which part of it, and
 * what the merge needs to rebuild the single run's result.
 *
 * @param shard K/N
 * @param spec the evaluation's identity ({@link dev.evalunit.shard.SpecIdentity}): equal in every shard of one evaluation
 * @param evaluation the evaluation's name
 * @param task the task's id
 * @param idColumns the evaluation's id columns
 * @param humanPreferenceColumn the human preference column, or {@code null}
 * @param modelA side A's name, or {@code null}
 * @param modelB side B's name, or {@code null}
 * @param datasetSize the number of examples of the whole evaluation
 * @param errorBudget the error budget the shard was run with: the merge applies it
 * @param rows the 1-based dataset positions of the examples this shard covers, ascending, one per judgment
 */
@API(status = INTERNAL, since = "0.1")
public record ShardManifest(Shard shard, String spec, String evaluation, String task, List<String> idColumns,
                            String humanPreferenceColumn, String modelA, String modelB, int datasetSize,
                            double errorBudget, List<Integer> rows)
        implements ShardIdentity {

    public ShardManifest {
        idColumns = List.copyOf(idColumns);
        rows = List.copyOf(rows);
    }
}
