package dev.evalunit.cli;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.api.usage.Usage;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.cost.UsageFields;
import dev.evalunit.experiment.ExperimentReports;
import dev.evalunit.files.CallSums;
import dev.evalunit.files.SetShardManifest;
import dev.evalunit.files.SetSummaryFile;
import dev.evalunit.files.UsageSums;
import dev.evalunit.stats.experiment.ExperimentSetAggregation;
import dev.evalunit.stats.experiment.ExperimentSummaries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges an experiment set's shards into the files its single run would have written: every experiment's rows
 * in dataset order, its summary computed from them, the set aggregated (statistics across repeats, rankings) and
 * every file written exactly as a run does ({@link ExperimentSummaries}, {@link ExperimentSetAggregation},
 * {@link ExperimentReports#write}, reporters included).
 */
final class SetMerge {

    private SetMerge() {
    }

    /**
     * @param output the merge's report directory: the set's files go into its folder there
     * @throws ConfigurationException when a shard's files do not match its shard file, or the shards together do
     *     not cover every row of every experiment exactly once
     */
    static ExperimentSetResult merge(ShardedEvaluation<SetShardManifest> set, Path output) {
        SetShardManifest first = set.parts().get(0).manifest();
        List<ExperimentSetResult> shards = new ArrayList<>();
        for (ShardedEvaluation.Part<SetShardManifest> part : set.parts()) {
            ExperimentSetResult shard = SetSummaryFile.read(part.directory());
            if (shard.experiments().size() != first.experiments().size()) {
                throw new ConfigurationException("set summary file [" + part.directory().resolve(SetSummaryFile.NAME)
                        + "] has " + shard.experiments().size() + " experiments, its shard file "
                        + first.experiments().size() + ". Merge the files of shard runs that finished.");
            }
            shards.add(shard);
        }
        Path directory = output.resolve(set.relative()).toAbsolutePath().normalize();
        List<ExperimentResult> experiments = new ArrayList<>();
        for (int e = 0; e < first.experiments().size(); e++) {
            experiments.add(experiment(set, shards, e, directory));
        }
        ExperimentSetResult anyShard = shards.get(0);
        Map<String, String> labels = new LinkedHashMap<>();
        for (ConfigurationResult configuration : anyShard.configurations()) {
            labels.put(configuration.configurationId(), configuration.label());
        }
        ExperimentSetResult result = ExperimentSetAggregation.aggregateByDirection(anyShard.name(), anyShard.readme(),
                experiments, first.higherIsBetter(), labels, directory);
        List<Path> summaries = set.parts().stream().map(part -> part.directory().resolve(SetSummaryFile.NAME)).toList();
        result = result.withUsage(UsageSums.of(summaries, "set summary file"));
        ExperimentReports.write(result, UsageFields.asMap(result.usage(), CallSums.of(summaries, "set summary file")),
                null);
        return result;
    }

    private static ExperimentResult experiment(ShardedEvaluation<SetShardManifest> set, List<ExperimentSetResult> shards,
                                               int e, Path directory) {
        SetShardManifest.Experiment declared = set.parts().get(0).manifest().experiments().get(e);
        RowResult[] byRow = new RowResult[declared.datasetSize()];
        for (int k = 0; k < shards.size(); k++) {
            ShardedEvaluation.Part<SetShardManifest> part = set.parts().get(k);
            List<Integer> positions = part.manifest().experiments().get(e).rows();
            List<RowResult> rows = shards.get(k).experiments().get(e).rows();
            Path folder = part.directory().resolve(declared.folder());
            if (rows.size() != positions.size()) {
                throw new ConfigurationException("observations file of [" + folder + "] has " + rows.size()
                        + " rows but its shard file lists " + positions.size() + ". Merge the files of shard runs that finished.");
            }
            int i = 0;
            for (RowResult read : rows) { // in order: the list reads its file once, a block at a time
                int row = positions.get(i++);
                if (row < 1 || row > byRow.length || byRow[row - 1] != null) {
                    throw new ConfigurationException("row " + row + " of experiment [" + declared.folder() + "] of ["
                            + set.relative() + "] is in two shards, or past the dataset's " + byRow.length
                            + " rows. Merge files written by sharded runs of one set, unedited.");
                }
                byRow[row - 1] = read;
            }
        }
        for (int row = 0; row < byRow.length; row++) {
            if (byRow[row] == null) {
                throw new ConfigurationException("no shard of [" + set.relative() + "] ran row " + (row + 1)
                        + " of experiment [" + declared.folder() + "]. Merge the files of shard runs that finished.");
            }
        }
        ExperimentResult any = shards.get(0).experiments().get(e);
        List<RowResult> rows = List.of(byRow);
        // Its tokens: the sum of its shards', as its rows' replies are split among them (none from shards that wrote none).
        Usage usage = UsageSums.sum(shards.stream().map(shard -> shard.experiments().get(e).usage()).toList());
        return new ExperimentResult(any.setName(), any.name(), any.index(), any.configurationId(), any.repeatIndex(),
                any.repeatCount(), any.configuration(), any.metricNames(), rows,
                ExperimentSummaries.summarize(rows, any.metricNames()), directory.resolve(declared.folder()),
                declared.displayName(), usage);
    }
}
