package dev.evalunit.dataset;

import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads a dataset from a class path resource or, failing that, a file (relative paths resolve against
 * the base directory, usually the module's folder). The extension decides the format: {@code .jsonl} or
 * {@code .ndjson} for JSON Lines, {@code .csv} for CSV with a header row. Files are UTF-8; a leading
 * byte order mark is ignored. Every mistake is a {@link ConfigurationException} naming the dataset.
 */
public final class DatasetLoader {

    private enum Format { JSON_LINES, CSV }

    private final ClassLoader classLoader;
    private final Path baseDirectory;

    public DatasetLoader(ClassLoader classLoader, Path baseDirectory) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
    }

    public Dataset load(String location) {
        Objects.requireNonNull(location, "location");
        Format format = formatOf(location);
        byte[] bytes = read(location).orElseThrow(() -> new ConfigurationException("dataset [" + location
                + "] was not found on the class path or as a file. Check the path; class path resources live in src/test/resources."));
        String text = decode(location, bytes);
        Dataset dataset = switch (format) {
            case JSON_LINES -> JsonLinesReader.read(location, text);
            case CSV -> CsvReader.read(location, text);
        };
        if (dataset.rows().isEmpty()) {
            throw new ConfigurationException("dataset [" + location + "] has no rows. Add at least one example.");
        }
        return dataset;
    }

    // Checked before the lookup: a misspelt extension is better reported as such than as a missing file.
    private static Format formatOf(String location) {
        String name = location.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Format.JSON_LINES;
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        throw new ConfigurationException("dataset [" + location + "] has an unknown format. Use a .jsonl or .csv file.");
    }

    private Optional<byte[]> read(String location) {
        try {
            Optional<byte[]> resource = readResource(location);
            return resource.isPresent() ? resource : readFile(location);
        } catch (IOException e) {
            throw new ConfigurationException("dataset [" + location + "] could not be read: " + e.getMessage()
                    + ". Check that the file is readable.", e);
        }
    }

    private Optional<byte[]> readResource(String location) throws IOException {
        // ClassLoader resource names never start with a slash, though Class.getResource's do; accept both.
        String name = location.startsWith("/") ? location.substring(1) : location;
        URL url = classLoader.getResource(name);
        if (url == null) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(in.readAllBytes());
        }
    }

    private Optional<byte[]> readFile(String location) throws IOException {
        Path path;
        try {
            path = baseDirectory.resolve(location);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Files.isRegularFile(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
    }

    // Strict decoding: a file saved as Latin-1 would otherwise show replacement characters in every prompt.
    private static String decode(String location, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ConfigurationException("dataset [" + location + "] is not UTF-8 text. Save it as UTF-8.");
        }
    }
}
