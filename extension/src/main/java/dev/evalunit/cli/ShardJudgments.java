package dev.evalunit.cli;

import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import java.util.List;

/**
 * The judgments of a merge, in dataset order, read from the shards' files: per row, the shard that judged it
 * and the line, not the judgment. {@link #get} reads that line of that shard's list (itself read from its
 * file), so merging a large evaluation holds two {@code int}s per example.
 */
final class ShardJudgments extends PairwiseResult.StoredJudgments {

    private final List<List<Judgment>> parts;
    private final int[] partOf;
    private final int[] lineOf;

    /**
     * @param parts each shard's judgments, as read from its file
     * @param partOf per row, the index of the shard in {@code parts}
     * @param lineOf per row, the judgment's index in its shard's list
     */
    ShardJudgments(List<List<Judgment>> parts, int[] partOf, int[] lineOf) {
        this.parts = List.copyOf(parts);
        this.partOf = partOf;
        this.lineOf = lineOf;
    }

    @Override
    public Judgment get(int index) {
        return parts.get(partOf[index]).get(lineOf[index]);
    }

    @Override
    public int size() {
        return partOf.length;
    }
}
