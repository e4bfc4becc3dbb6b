package dev.evalunit.samples.support.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The text files of a repository that documentation may quote: every file under a {@code src/}
 * folder (code that is compiled or run, and its resources), and the files that run commands
 * ({@code .ci/run}, shell scripts, tests). Build output ({@code target*}) and {@code .git} are left out.
 */
public final class RepositoryFiles {

    private final Path root;
    private final Map<String, List<String>> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> runners = new LinkedHashMap<>();

    private RepositoryFiles(Path root) {
        this.root = root;
    }

    /** Reads the repository at {@code root}. */
    public static RepositoryFiles of(Path root) {
        RepositoryFiles files = new RepositoryFiles(root);
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * The repository root seen from a module's directory (Surefire's working directory) or from the
     * root itself: the nearest folder upwards that holds README.md and a pom.xml with modules.
     */
    public static Path findRoot(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("samples"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (README.md, pom.xml, samples/) above " + start);
    }

    public Path root() {
        return root;
    }

    /** Files under a {@code src/} folder, by path relative to the root, with their lines. */
    public Map<String, List<String>> sources() {
        return sources;
    }

    /** {@code .ci/run}, shell scripts and tests, by path relative to the root, with their lines. */
    public Map<String, List<String>> runners() {
        return runners;
    }

    /** Whether {@code path} (relative to the root) is a script of the repository: {@code .ci/*} or {@code *.sh}. */
    public boolean isScript(String path) {
        String relative = path.startsWith("./") ? path.substring(2) : path;
        return runners.containsKey(relative) && (relative.startsWith(".ci/") || relative.endsWith(".sh"));
    }

    private void add(Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        String[] parts = relative.split("/");
        for (String part : parts) {
            if (part.equals(".git") || part.startsWith("target")) {
                return;
            }
        }
        boolean source = relative.startsWith("src/") || relative.contains("/src/");
        boolean runner = relative.startsWith(".ci/") || relative.endsWith(".sh")
                || relative.startsWith("src/test/") || relative.contains("/src/test/");
        if (!source && !runner) {
            return;
        }
        List<String> lines = read(file);
        if (lines == null) {
            return;
        }
        if (source) {
            sources.put(relative, lines);
        }
        if (runner) {
            runners.put(relative, lines);
        }
    }

    private static List<String> read(Path file) {
        try {
            return new ArrayList<>(List.of(StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString().split("\n", -1)));
        } catch (CharacterCodingException binary) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
