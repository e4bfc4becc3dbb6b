package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.shard.Shard;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a shard of an experiment set is ({@value SetShardFile#NAME} beside its {@code set-summary.json}): the
 * set, the part, and what the merge needs beyond the set's own files to rebuild the single run's.
 *
 * @param shard K/N
 * @param spec the set's identity ({@link dev.evalunit.shard.SpecIdentity}): equal in every shard of one set
 * @param set the set's name
 * @param errorBudget the error budget the shard was run with: the merge applies it to every experiment
 * @param higherIsBetter by metric of the set, the direction its ranking follows
 * @param experiments every experiment, in the set's order
 */
@API(status = INTERNAL, since = "0.1")
public record SetShardManifest(Shard shard, String spec, String set, double errorBudget,
                               Map<String, Boolean> higherIsBetter, List<Experiment> experiments)
        implements ShardIdentity {

    public SetShardManifest {
        higherIsBetter = Map.copyOf(higherIsBetter);
        experiments = List.copyOf(experiments);
    }

    /**
     * One experiment's part.
     *
     * @param folder the experiment's folder inside the set's
     * @param displayName how tests and reports name the experiment
     * @param datasetSize the rows of the whole experiment
     * @param rows the 1-based dataset positions of the rows this shard covers, ascending, one per observations line
     */
    public record Experiment(String folder, String displayName, int datasetSize, List<Integer> rows) {
        public Experiment {
            rows = List.copyOf(rows);
        }
    }
}
