package dev.evalunit.batch;

import dev.evalunit.json.JsonReading;
import dev.evalunit.json.JsonWriting;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of one submitted batch, a small JSON file in the cache directory's {@code batches/}
 * folder: phase, provider, model, endpoint, batch id and custom ids. Its name is the hash of the
 * model, its endpoint and the sorted custom ids, so that a rerun that collects the same requests finds
 * it and polls that batch again instead of submitting (and paying for) a second one. Written as soon
 * as the batch is created; deleted once its results are in the cache.
 */
final class BatchJournal {

    static final String FOLDER = "batches";

    private final Path file;

    BatchJournal(Path cacheDirectory, String model, String endpoint, Collection<String> customIds) {
        List<String> sorted = new ArrayList<>(customIds);
        sorted.sort(null);
        this.file = cacheDirectory.resolve(FOLDER).resolve(sha256(model + "\n" + endpoint + "\n"
                + String.join("\n", sorted)) + ".json");
    }

    Path file() {
        return file;
    }

    /** The id of the batch these requests were submitted in, if a run recorded one. */
    Optional<String> batchId() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object read = JsonReading.read(reader);
            return read instanceof Map<?, ?> map && map.get("batch_id") instanceof String id
                    ? Optional.of(id) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // An unreadable record is no record: the requests are submitted again.
            return Optional.empty();
        }
    }

    void write(int phase, String provider, String model, String endpoint, String batchId, Collection<String> customIds) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("phase", phase);
        record.put("provider", provider);
        record.put("model", model);
        record.put("endpoint", endpoint);
        record.put("batch_id", batchId);
        record.put("custom_ids", List.copyOf(customIds));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JsonWriting.prettyText(record), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record batch [" + batchId + "] in " + file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stale record only makes a rerun poll an ended batch, whose results are then in the cache.
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
