package dev.evalunit.cli;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.files.SetShardFile;
import dev.evalunit.files.ShardFile;
import dev.evalunit.files.ShardIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One evaluation's (or experiment set's) shards, as the merge finds them: the folder its files have under every
 * shard's report directory (e.g. {@code QaEval.candidateBeatsBaseline}), and each shard's folder and manifest, in
 * K order. {@link #of} checks that they are the N shards of one evaluation, each once.
 *
 * @param relative the evaluation's folder under a report directory
 * @param parts each shard's folder and manifest, by K
 * @param <M> the kind of shard file: a pairwise evaluation's or a set's
 */
record ShardedEvaluation<M extends ShardIdentity>(Path relative, List<Part<M>> parts) {

    /** One shard of the evaluation: its folder and what its shard file says. */
    record Part<M>(Path directory, M manifest) {
    }

    /**
     * @throws ConfigurationException when one of {@code shardDirectories} is missing or holds no shard file of
     *     either kind
     */
    static void requireShardFiles(List<Path> shardDirectories) {
        for (Path root : shardDirectories) {
            if (filesNamed(root, ShardFile.NAME).isEmpty() && filesNamed(root, SetShardFile.NAME).isEmpty()) {
                throw new ConfigurationException("directory [" + root + "] holds no shard file (" + ShardFile.NAME
                        + " or " + SetShardFile.NAME + "). Name the report directories (evalunit.report.dir) of runs"
                        + " with evalunit.shard=K/N.");
            }
        }
    }

    /**
     * Finds the shard files called {@code fileName} under each of {@code shardDirectories} and groups them by
     * evaluation folder.
     *
     * @throws ConfigurationException when an evaluation's shards are not exactly 1/N to N/N of one evaluation
     */
    static <M extends ShardIdentity> List<ShardedEvaluation<M>> find(List<Path> shardDirectories, String fileName,
                                                                    Function<Path, M> reader) {
        Map<Path, List<Part<M>>> byFolder = new TreeMap<>();
        for (Path root : shardDirectories) {
            for (Path file : filesNamed(root, fileName)) {
                byFolder.computeIfAbsent(root.relativize(file.getParent()), k -> new ArrayList<>())
                        .add(new Part<>(file.getParent(), reader.apply(file)));
            }
        }
        List<ShardedEvaluation<M>> evaluations = new ArrayList<>();
        byFolder.forEach((relative, parts) -> evaluations.add(of(relative, parts)));
        return evaluations;
    }

    /** The files called {@code fileName} anywhere under the shard directory {@code root}, sorted. */
    static List<Path> filesNamed(Path root, String fileName) {
        if (!Files.isDirectory(root)) {
            throw new ConfigurationException("shard directory [" + root + "] was not found. Name a report directory"
                    + " (evalunit.report.dir) a sharded run wrote.");
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals(fileName)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not list " + root, e);
        }
    }

    @SuppressWarnings("unchecked")
    static <M extends ShardIdentity> ShardedEvaluation<M> of(Path relative, List<Part<M>> parts) {
        Part<M> first = parts.get(0);
        int count = first.manifest().shard().count();
        Part<M>[] byIndex = new Part[count];
        for (Part<M> part : parts) {
            M manifest = part.manifest();
            if (!manifest.spec().equals(first.manifest().spec())) {
                throw new ConfigurationException("the shards of [" + relative + "] come from different evaluations: ["
                        + first.directory() + "] has spec " + first.manifest().spec() + ", [" + part.directory()
                        + "] has spec " + manifest.spec() + ". Merge the shards of one evaluation, run with one configuration.");
            }
            if (manifest.shard().count() != count) {
                throw new ConfigurationException("the shards of [" + relative + "] disagree on their number: ["
                        + first.directory() + "] is shard " + first.manifest().shard().label() + ", [" + part.directory()
                        + "] is shard " + manifest.shard().label() + ". Merge the shards of one run.");
            }
            int k = manifest.shard().index();
            if (byIndex[k - 1] != null) {
                throw new ConfigurationException("shard [" + manifest.shard().label() + "] of [" + relative
                        + "] is given twice: [" + byIndex[k - 1].directory() + "] and [" + part.directory()
                        + "]. Give each shard once.");
            }
            byIndex[k - 1] = part;
        }
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (byIndex[k - 1] == null) {
                missing.add(k + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            List<String> given = parts.stream().map(p -> p.manifest().shard().label() + " in [" + p.directory() + "]").toList();
            throw new ConfigurationException("shard" + (missing.size() > 1 ? "s [" : " [") + String.join(", ", missing)
                    + "] of [" + relative + "] " + (missing.size() > 1 ? "are" : "is") + " missing (given: "
                    + String.join(", ", given) + "). Add the report director" + (missing.size() > 1 ? "ies" : "y")
                    + " of the missing shard" + (missing.size() > 1 ? "s" : "") + ".");
        }
        return new ShardedEvaluation<>(relative, List.of(byIndex));
    }
}
