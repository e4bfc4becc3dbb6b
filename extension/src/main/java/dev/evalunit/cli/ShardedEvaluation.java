package dev.evalunit.cli;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.files.ShardFile;
import dev.evalunit.files.ShardManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One evaluation's shards, as the merge finds them: the folder its files have under every shard's report
 * directory (e.g. {@code QaEval.candidateBeatsBaseline}), and each shard's folder and manifest, in K order.
 * {@link #of} checks that they are the N shards of one evaluation, each once.
 *
 * @param relative the evaluation's folder under a report directory
 * @param parts each shard's folder and manifest, by K
 */
record ShardedEvaluation(Path relative, List<Part> parts) {

    /** One shard of the evaluation: its folder and what its shard file says. */
    record Part(Path directory, ShardManifest manifest) {
    }

    /**
     * Finds the shard files under each of {@code shardDirectories} and groups them by evaluation folder.
     *
     * @throws ConfigurationException when a directory is missing or holds no shard file, or an evaluation's
     *     shards are not exactly 1/N to N/N of one evaluation
     */
    static List<ShardedEvaluation> find(List<Path> shardDirectories) {
        Map<Path, List<Part>> byFolder = new TreeMap<>();
        for (Path root : shardDirectories) {
            List<Path> files = shardFiles(root);
            if (files.isEmpty()) {
                throw new ConfigurationException("directory [" + root + "] holds no shard file (" + ShardFile.NAME
                        + "). Name the report directories (evalunit.report.dir) of runs with evalunit.shard=K/N.");
            }
            for (Path file : files) {
                byFolder.computeIfAbsent(root.relativize(file.getParent()), k -> new ArrayList<>())
                        .add(new Part(file.getParent(), ShardFile.read(file)));
            }
        }
        List<ShardedEvaluation> evaluations = new ArrayList<>();
        byFolder.forEach((relative, parts) -> evaluations.add(of(relative, parts)));
        return evaluations;
    }

    private static List<Path> shardFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new ConfigurationException("shard directory [" + root + "] was not found. Name a report directory"
                    + " (evalunit.report.dir) a sharded run wrote.");
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals(ShardFile.NAME)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not list " + root, e);
        }
    }

    static ShardedEvaluation of(Path relative, List<Part> parts) {
        Part first = parts.get(0);
        int count = first.manifest().shard().count();
        Part[] byIndex = new Part[count];
        for (Part part : parts) {
            ShardManifest manifest = part.manifest();
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
        return new ShardedEvaluation(relative, List.of(byIndex));
    }
}
