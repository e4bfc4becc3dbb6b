package dev.evalunit.cache;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalunit.api.spi.ModelReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The cache's files: one per entry, {@code <dir>/<first 2 hex digits>/<hash>.json}, holding the reply
 * and the request's readable fields. Thread and process safe: an entry is written to a temporary file
 * beside it and moved into place atomically, so a reader (or a run killed mid-write) sees a whole
 * entry or none; two writers of the same key both succeed, the last one wins.
 */
final class CacheStore {

    /** Folders known to exist: at most 256, created once each rather than checked on every write. */
    private final Set<Path> createdFolders = ConcurrentHashMap.newKeySet();

    /** LF everywhere, so that an entry committed on one system is byte-identical on another. */
    private static final ObjectWriter WRITER = CanonicalJson.mapper().writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private final Path directory;
    private final SecretMask mask;

    /** @param mask applied to the whole entry, request included, before it is written */
    CacheStore(Path directory, SecretMask mask) {
        this.directory = directory;
        this.mask = mask;
    }

    Path directory() {
        return directory;
    }

    Path fileOf(CacheKey key) {
        return directory.resolve(key.hash().substring(0, 2)).resolve(key.hash() + ".json");
    }

    /**
     * @return the stored reply, or empty when there is no entry
     * @throws UnreadableEntryException when an entry exists but cannot be read back
     */
    Optional<ModelReply> read(CacheKey key) throws UnreadableEntryException {
        Path file = fileOf(key);
        JsonNode entry;
        try {
            entry = CanonicalJson.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UnreadableEntryException(file, firstLine(e));
        }
        JsonNode reply = entry == null ? null : entry.get("reply");
        if (reply == null || !reply.isObject()) {
            throw new UnreadableEntryException(file, "it has no reply object");
        }
        try {
            return Optional.of(new ModelReply(text(reply.get("text")), integer(reply.get("prompt_tokens")),
                    integer(reply.get("completion_tokens")), latency(reply.get("latency"))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new UnreadableEntryException(file, firstLine(e));
        }
    }

    // Jackson's messages go on with the source location on further lines.
    private static String firstLine(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    /** Stores {@code reply} under {@code key}, replacing any entry there. */
    void write(CacheKey key, ModelReply reply) throws IOException {
        ObjectNode entry = CanonicalJson.mapper().createObjectNode();
        // Raw: the canonical JSON is already valid JSON, and parsing it again on every call showed in profiles.
        entry.putRawValue("request", new RawValue(key.canonicalJson()));
        ObjectNode stored = entry.putObject("reply");
        stored.put("text", reply.text());
        stored.put("prompt_tokens", reply.promptTokens());
        stored.put("completion_tokens", reply.completionTokens());
        stored.put("latency", reply.latency() == null ? null : reply.latency().toString());
        byte[] bytes = (mask.apply(WRITER.writeValueAsString(entry)) + "\n").getBytes(StandardCharsets.UTF_8);

        Path file = fileOf(key);
        Path folder = file.getParent();
        // Marked only once it exists: a thread that finds it unmarked creates it too (harmless), none
        // writes into a folder another thread is still creating.
        if (!createdFolders.contains(folder)) {
            Files.createDirectories(folder);
            createdFolders.add(folder);
        }
        // Beside the target, so that the move stays on one file system and can be atomic.
        Path temporary = Files.createTempFile(folder, "." + key.hash() + ".", ".tmp");
        try {
            Files.write(temporary, bytes);
            moveIntoPlace(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void moveIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("its text is not a string");
        }
        return node.asText();
    }

    private static Integer integer(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException("a token count is not a whole number: " + node);
        }
        return node.intValue();
    }

    private static Duration latency(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return Duration.parse(node.asText());
    }

    /** An entry that exists but cannot be read back: edited by hand, or a merge conflict. */
    static final class UnreadableEntryException extends Exception {
        UnreadableEntryException(Path file, String reason) {
            super("cached reply [" + file + "] cannot be read: " + reason, null, false, false);
        }
    }
}
