package dev.evalunit.dataset;

import dev.evalunit.api.spi.DatasetRecord;
import dev.evalunit.api.spi.DatasetSource;
import dev.evalunit.config.ConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A source of UTF-8 text files chosen by extension, looked up as a class path resource or, failing
 * that, as a file (relative paths resolve against the base directory). A leading byte order mark is
 * ignored; each example's location is {@code line <n>}.
 */
abstract class FileDatasetSource implements DatasetSource {

    /**
     * Hands no record on: what {@link #load(String, ClassLoader, Path)} passes, so that a file read when asked for
     * makes no record of a line just to drop it.
     */
    static final Consumer<DatasetRecord> NO_RECORDS = record -> { };

    private final String format;
    private final List<String> extensions;

    FileDatasetSource(String format, String... extensions) {
        this.format = format;
        this.extensions = List.of(extensions);
    }

    /**
     * Parses the decoded text, read from {@code text} (so that a large file is never held whole);
     * {@code reference} is for messages only.
     *
     * @throws CharacterCodingException when the file is not UTF-8 (reported as such by the caller)
     */
    abstract List<DatasetRecord> parse(String reference, BufferedReader text) throws IOException;

    /**
     * The records of {@code file}, the dataset as a file on disk, read when asked for rather than held, each
     * handed to {@code eachRecord} as the file is read through; {@code null} (the default) to {@linkplain #parse
     * parse} its text instead, before any record is handed on.
     *
     * @throws CharacterCodingException when the file is not UTF-8 (reported as such by the caller)
     */
    List<DatasetRecord> onDemand(String reference, Path file, Consumer<DatasetRecord> eachRecord) throws IOException {
        return null;
    }

    static String lineLocation(int line) {
        return "line " + line;
    }

    @Override
    public final String description() {
        return format + " (" + String.join(", ", extensions) + ")";
    }

    @Override
    public final boolean accepts(String reference) {
        String name = reference.strip().toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(name::endsWith);
    }

    @Override
    public final List<DatasetRecord> load(String reference, ClassLoader classLoader, Path baseDirectory)
            throws IOException {
        return load(reference, classLoader, baseDirectory, NO_RECORDS);
    }

    /**
     * As {@link #load(String, ClassLoader, Path)}, handing every record to {@code eachRecord} once, in order, as
     * it is read: a file read when asked for ({@link #onDemand}) is then read through once, not once for the
     * loading and again for the checks of its rows.
     */
    final List<DatasetRecord> load(String reference, ClassLoader classLoader, Path baseDirectory,
                                   Consumer<DatasetRecord> eachRecord) throws IOException {
        try {
            Optional<Path> onDisk = fileOf(reference, classLoader, baseDirectory);
            List<DatasetRecord> records = onDisk.isPresent() ? onDemand(reference, onDisk.get(), eachRecord) : null;
            if (records != null) {
                return records;
            }
        } catch (CharacterCodingException e) {
            throw notUtf8(reference);
        }
        List<DatasetRecord> records = parsed(reference, classLoader, baseDirectory);
        records.forEach(eachRecord);
        return records;
    }

    private List<DatasetRecord> parsed(String reference, ClassLoader classLoader, Path baseDirectory) throws IOException {
        Optional<InputStream> resource = openResource(reference, classLoader);
        try (InputStream in = (resource.isPresent() ? resource : openFile(reference, baseDirectory))
                .orElseThrow(() -> new ConfigurationException("dataset [" + reference
                        + "] was not found on the class path or as a file. Check the path; class path resources live in src/test/resources."));
             BufferedReader text = new BufferedReader(new InputStreamReader(in, strictUtf8()))) {
            skipByteOrderMark(text);
            return parse(reference, text);
        } catch (CharacterCodingException e) {
            throw notUtf8(reference);
        }
    }

    private static ConfigurationException notUtf8(String reference) {
        return new ConfigurationException("dataset [" + reference + "] is not UTF-8 text. Save it as UTF-8.");
    }

    /** The file the reference names, as {@link #load} looks it up, when it is one on disk (not in a jar). */
    private static Optional<Path> fileOf(String reference, ClassLoader classLoader, Path baseDirectory) {
        URL url = classLoader.getResource(reference.startsWith("/") ? reference.substring(1) : reference);
        try {
            if (url != null) {
                return "file".equals(url.getProtocol()) ? Optional.of(Path.of(url.toURI())) : Optional.empty();
            }
            Path path = baseDirectory.resolve(reference);
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) { // InvalidPathException too
            return Optional.empty();
        }
    }

    private static Optional<InputStream> openResource(String reference, ClassLoader classLoader) throws IOException {
        // ClassLoader resource names never start with a slash, though Class.getResource's do; accept both.
        String name = reference.startsWith("/") ? reference.substring(1) : reference;
        URL url = classLoader.getResource(name);
        return url == null ? Optional.empty() : Optional.of(url.openStream());
    }

    private static Optional<InputStream> openFile(String reference, Path baseDirectory) throws IOException {
        Path path;
        try {
            path = baseDirectory.resolve(reference);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Files.isRegularFile(path) ? Optional.of(Files.newInputStream(path)) : Optional.empty();
    }

    // Strict decoding: a file saved as Latin-1 would otherwise show replacement characters in every prompt.
    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static void skipByteOrderMark(BufferedReader text) throws IOException {
        text.mark(1);
        if (text.read() != '\uFEFF') {
            text.reset();
        }
    }
}
