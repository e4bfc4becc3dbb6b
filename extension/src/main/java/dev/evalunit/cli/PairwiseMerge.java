package dev.evalunit.cli;

import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.cost.UsageFields;
import dev.evalunit.files.JudgmentsFile;
import dev.evalunit.files.MetricsFile;
import dev.evalunit.files.ReadJudgments;
import dev.evalunit.files.ShardManifest;
import dev.evalunit.files.CallSums;
import dev.evalunit.files.UsageSums;
import dev.evalunit.pairwise.PairwiseReports;
import dev.evalunit.stats.pairwise.PairwiseStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merges a pairwise evaluation's shards into the files its single run would have written: the judgments in
 * dataset order, then the result built, its metrics computed and its files written exactly as a run does
 * ({@link PairwiseStatistics#compute}, {@link PairwiseReports#write}, reporters included).
 */
final class PairwiseMerge {

    private PairwiseMerge() {
    }

    /**
     * @param output the merge's report directory: the evaluation's files go into its folder there
     * @throws ConfigurationException when a shard's judgments do not match its shard file, or the shards
     *     together do not cover every example exactly once
     */
    static PairwiseResult merge(ShardedEvaluation<ShardManifest> evaluation, Path output) {
        ShardManifest first = evaluation.parts().get(0).manifest();
        // Per row of the dataset, which shard judged it and on which line: the judgments stay in the shards' files.
        List<List<Judgment>> parts = new ArrayList<>();
        int[] partOf = new int[first.datasetSize()];
        int[] lineOf = new int[first.datasetSize()];
        Arrays.fill(partOf, -1);
        for (ShardedEvaluation.Part<ShardManifest> part : evaluation.parts()) {
            ShardManifest manifest = part.manifest();
            Path file = part.directory().resolve(PairwiseResult.JUDGMENTS_FILE);
            ReadJudgments read = JudgmentsFile.read(file, manifest.humanPreferenceColumn());
            if (read.judgments().size() != manifest.rows().size()) {
                throw new ConfigurationException("judgments file [" + file + "] has " + read.judgments().size()
                        + " judgments but its shard file lists " + manifest.rows().size()
                        + " examples. Merge the files of a shard run that finished.");
            }
            int i = 0;
            for (Judgment judgment : read.judgments()) {
                int row = manifest.rows().get(i);
                if (!manifest.shard().contains(judgment.ids()) || row < 1 || row > partOf.length || partOf[row - 1] >= 0) {
                    throw new ConfigurationException("judgments file [" + file + "] example [" + judgment.idLabel()
                            + "] is not an example of shard " + manifest.shard().label() + " of [" + evaluation.relative()
                            + "] (or is in two shards). Merge files written by sharded runs of one evaluation, unedited.");
                }
                partOf[row - 1] = parts.size();
                lineOf[row - 1] = i++;
            }
            parts.add(read.judgments());
        }
        for (int row = 0; row < partOf.length; row++) {
            if (partOf[row] < 0) {
                throw new ConfigurationException("no shard of [" + evaluation.relative() + "] judged the example at row "
                        + (row + 1) + " of " + partOf.length + ". Merge the files of shard runs that finished.");
            }
        }
        List<Judgment> judgments = new ShardJudgments(parts, partOf, lineOf);
        PairwiseMetrics metrics = PairwiseStatistics.compute(judgments, first.humanPreferenceColumn() != null);
        PairwiseResult result = new PairwiseResult(first.evaluation(), first.task(), first.idColumns(),
                first.humanPreferenceColumn(), judgments, metrics, output.resolve(evaluation.relative()).toAbsolutePath()
                .normalize(), first.modelA(), first.modelB());
        List<Path> metricsFiles = evaluation.parts().stream()
                .map(part -> part.directory().resolve(MetricsFile.NAME)).toList();
        result = result.withUsage(UsageSums.of(metricsFiles, "metrics file"));
        PairwiseReports.write(result, UsageFields.asMap(result.usage(), CallSums.of(metricsFiles, "metrics file")), null);
        return result;
    }
}
