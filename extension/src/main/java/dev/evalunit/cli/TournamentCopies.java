package dev.evalunit.cli;

import dev.evalunit.api.pairwise.TournamentResult;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.files.TournamentFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tournaments of a sharded run, which are not split: shard 1 runs each whole (its other shards skip it), so
 * the merge takes a tournament's folder ({@value TournamentResult#TOURNAMENT_FILE} and its pairings' folders) from
 * the one shard directory that holds it, as it is.
 */
final class TournamentCopies {

    private TournamentCopies() {
    }

    /**
     * A tournament taken from a shard's directory.
     *
     * @param folder relative to the shard's directory and to the output
     * @param shardDirectory the report directory of the shard that ran it
     * @param name the tournament's name, from its file
     */
    record Copied(Path folder, Path shardDirectory, String name) {
    }

    /**
     * Copies every tournament folder found under {@code shardDirectories} to the same place under {@code output}.
     *
     * @return the folders copied
     * @throws ConfigurationException when two shard directories hold one tournament
     */
    static List<Copied> copy(List<Path> shardDirectories, Path output) {
        Map<Path, Path> rootByFolder = new TreeMap<>();
        for (Path root : shardDirectories) {
            for (Path folder : tournamentFolders(root)) {
                Path relative = root.relativize(folder);
                Path other = rootByFolder.putIfAbsent(relative, root);
                if (other != null) {
                    throw new ConfigurationException("tournament [" + relative + "] is in two shard directories: ["
                            + other.resolve(relative) + "] and [" + folder + "]. A sharded run runs a tournament whole in"
                            + " shard 1 only: merge the directories of one sharded run.");
                }
            }
        }
        List<Copied> copied = new ArrayList<>();
        rootByFolder.forEach((relative, root) -> {
            Path folder = root.resolve(relative);
            String name = TournamentFile.name(folder.resolve(TournamentResult.TOURNAMENT_FILE));
            copyTree(folder, output.resolve(relative));
            copied.add(new Copied(relative, root, name));
        });
        return copied;
    }

    private static List<Path> tournamentFolders(Path root) {
        return ShardedEvaluation.filesNamed(root, TournamentResult.TOURNAMENT_FILE).stream().map(Path::getParent).toList();
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.sorted().toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not copy tournament [" + from + "] to " + to, e);
        }
    }
}
