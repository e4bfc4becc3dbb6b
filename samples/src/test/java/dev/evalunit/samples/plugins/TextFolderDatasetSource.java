package dev.evalunit.samples.plugins;

import dev.evalunit.api.spi.DatasetRecord;
import dev.evalunit.api.spi.DatasetSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A dataset source that is not part of evalunit: a folder of text files, one example a file, each
 * line of a file a {@code column: value} pair (blank lines skipped). The reference is
 * {@code textdir:<folder>}, the folder looked up on the class path and then relative to the base
 * directory; the files are read in name order. Each example's location is {@code file <name>}.
 *
 * <p>Registered only by the line {@code dev.evalunit.samples.plugins.TextFolderDatasetSource} in
 * {@code src/test/resources/META-INF/services/dev.evalunit.api.spi.DatasetSource}.
 */
public final class TextFolderDatasetSource implements DatasetSource {

    static final String SCHEME = "textdir:";

    @Override
    public String description() {
        return "folders of text files (textdir:<folder>)";
    }

    @Override
    public boolean accepts(String reference) {
        return reference.startsWith(SCHEME);
    }

    @Override
    public List<DatasetRecord> load(String reference, ClassLoader classLoader, Path baseDirectory) throws IOException {
        Path folder = folder(reference.substring(SCHEME.length()), classLoader, baseDirectory);
        List<DatasetRecord> records = new ArrayList<>();
        for (Path file : textFiles(folder)) {
            String location = "file " + file.getFileName();
            records.add(new DatasetRecord(location, pairs(location, Files.readAllLines(file, StandardCharsets.UTF_8))));
        }
        return records;
    }

    private static Path folder(String name, ClassLoader classLoader, Path baseDirectory) {
        URL url = classLoader.getResource(name);
        try {
            if (url != null && "file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("names a folder whose address is not a path: " + url + ". Use a plain folder name.");
        }
        Path folder = baseDirectory.resolve(name);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("names no folder on the class path or under " + baseDirectory
                    + ". Check the folder name after " + SCHEME + ".");
        }
        return folder;
    }

    private static List<Path> textFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
    }

    /** The file's {@code column: value} pairs, in file order; the value is stripped. */
    private static Map<String, Object> pairs(String location, List<String> lines) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(location + " line " + (i + 1)
                        + " is not a column: value pair. Write one pair a line.");
            }
            values.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return values;
    }
}
