package dev.evalunit.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.json.JsonText;
import dev.evalunit.json.JsonTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cache's files: append-only segments, {@code <dir>/<UTC time>-<process>-<n>.jsonl}, one line per
 * entry: {@code {"key":"<sha256>","any_endpoint_key":"<sha256>","request":{...},"reply":{...}}}. A run reads the saved index and
 * what was appended since, or else every segment once (only keys and places; an entry is parsed when
 * asked for; see {@link SegmentIndex}), and appends what it records to a segment
 * of its own, created with its first entry. So a run adds lines to one file instead of creating a file
 * per call (creating tens of thousands of files cost more system time than the calls themselves), no
 * two processes ever write the same file, a killed run leaves at most a cut-short last line, which is
 * not an entry, and two branches that both recorded merge without conflicts. Thread safe.
 */
final class CacheStore {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter SEGMENT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final AtomicInteger SEGMENTS = new AtomicInteger();
    private static final String UNKNOWN_ENDPOINT = "an unknown endpoint";

    private final Path directory;
    private final SecretMask mask;
    private volatile SegmentIndex index;
    private Path segment;
    private FileChannel out;
    private final Map<Path, FileChannel> readers = new ConcurrentHashMap<>();
    private long segmentLength;
    private int segmentLines;

    /** @param mask applied to the whole entry, request included, before it is written */
    CacheStore(Path directory, SecretMask mask) {
        this.directory = directory;
        this.mask = mask;
    }

    Path directory() {
        return directory;
    }

    /** The segment this store appends to, or {@code null} before its first entry. */
    synchronized Path segment() {
        return segment;
    }

    /**
     * @return the stored reply, or empty when there is no entry
     * @throws UnreadableEntryException when an entry exists but cannot be read back
     */
    Optional<ModelReply> read(CacheKey key) throws UnreadableEntryException {
        EntryLocation location = index().get(key.hash());
        if (location == null) {
            return Optional.empty();
        }
        Map<String, JsonNode> reply;
        try {
            byte[] entry = readLine(location);
            if (!SegmentIndex.holds(entry, key.hash())) {
                return Optional.empty(); // another key with the same first 128 bits: the index is not exact
            }
            reply = replyFields(entry);
        } catch (IOException e) {
            throw new UnreadableEntryException(location, firstLine(e));
        }
        if (reply == null) {
            throw new UnreadableEntryException(location, "it has no reply object");
        }
        try {
            return Optional.of(new ModelReply(text(reply.get("text")), integer(reply.get("prompt_tokens")),
                    integer(reply.get("completion_tokens")), latency(reply.get("latency"))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new UnreadableEntryException(location, firstLine(e));
        }
    }

    /**
     * Where the request whose {@linkplain CacheKeyWriter#anyEndpointHash any-endpoint hash} is
     * {@code anyEndpointHash} was recorded, when its key missed: against another endpoint, or (an
     * entry of key version 1) without one. Only on a miss: it may read an entry.
     */
    Optional<RecordedElsewhere> elsewhere(String anyEndpointHash) {
        SegmentIndex entries = index();
        EntryLocation other = entries.anyEndpoint(anyEndpointHash);
        if (other != null) {
            byte[] entry = readLineOrNull(other);
            if (entry == null) {
                return Optional.of(new RecordedElsewhere(other, UNKNOWN_ENDPOINT));
            }
            if (SegmentIndex.holdsAnyEndpoint(entry, anyEndpointHash)) {
                return Optional.of(new RecordedElsewhere(other, recordedEndpoint(entry)));
            }
        }
        EntryLocation unplaced = entries.get(anyEndpointHash);
        byte[] entry = unplaced == null ? null : readLineOrNull(unplaced);
        // An entry that cannot be read is named all the same, as before the index was compact.
        return unplaced == null || entry != null && !SegmentIndex.holds(entry, anyEndpointHash) ? Optional.empty()
                : Optional.of(new RecordedElsewhere(unplaced, null));
    }

    /** The line at {@code location}, or {@code null} when it cannot be read: a miss says so, if it can. */
    private byte[] readLineOrNull(EntryLocation location) {
        try {
            return readLine(location);
        } catch (IOException e) {
            return null;
        }
    }

    /** The endpoint an entry's request names, or {@code "an unknown endpoint"} when it cannot be read. */
    private String recordedEndpoint(byte[] entry) {
        try (JsonParser parser = FACTORY.createParser(entry)) {
            parser.nextToken();
            JsonNode endpoint = JsonTrees.read(parser).path("request").path("endpoint");
            if (endpoint.isTextual()) {
                return endpoint.asText();
            }
        } catch (IOException | RuntimeException e) {
            // Named as unknown: the entry is not served either way.
        }
        return UNKNOWN_ENDPOINT;
    }

    /**
     * An entry of the same request as a missed key.
     *
     * @param endpoint the {@link EndpointIdentity} it was recorded against, or {@code null} for an entry
     *     of key version 1, which did not record it
     */
    record RecordedElsewhere(EntryLocation location, String endpoint) {
    }

    /**
     * Stores {@code reply} under {@code key}; a later entry for the same key wins over an earlier one.
     *
     * @param anyEndpointHash the request's hash whatever its endpoint, stored beside the key
     */
    void write(CacheKey key, String anyEndpointHash, ModelReply reply) throws IOException {
        String text = reply.text();
        StringBuilder line = new StringBuilder(key.canonicalJson().length() + (text == null ? 0 : text.length() * 11 / 10) + 300)
                .append(SegmentIndex.LINE_PREFIX).append(key.hash())
                .append('"').append(SegmentIndex.ANY_ENDPOINT_PREFIX).append(anyEndpointHash)
                .append("\",\"request\":").append(key.canonicalJson())
                .append(",\"reply\":{\"text\":");
        JsonText.appendString(line, text)
                .append(",\"prompt_tokens\":").append(reply.promptTokens())
                .append(",\"completion_tokens\":").append(reply.completionTokens())
                .append(",\"latency\":");
        JsonText.appendString(line, reply.latency() == null ? null : reply.latency().toString()).append("}}\n");
        byte[] bytes = mask.apply(line.toString()).getBytes(StandardCharsets.UTF_8);
        SegmentIndex entries = index();
        synchronized (this) {
            if (segment == null) {
                Files.createDirectories(directory);
                segment = Files.createFile(directory.resolve(SEGMENT_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                        + ProcessHandle.current().pid() + "-" + String.format(Locale.ROOT, "%06d", SEGMENTS.incrementAndGet())
                        + SegmentIndex.SEGMENT_SUFFIX));
            }
            // Held open between entries (opening and closing it per entry were two more system calls
            // per call); each entry is one write, straight to the file, so a killed run loses nothing
            // written. Closed with the run (ModelClients closes its decorator).
            if (out == null) {
                out = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            try {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            } catch (IOException e) {
                // Part of the line may be written: what follows goes to a new segment, so that no
                // entry is glued to the broken line.
                closeFiles();
                segment = null;
                segmentLength = 0;
                segmentLines = 0;
                throw e;
            }
            entries.put(key.hash(), anyEndpointHash, segment, segmentLength, bytes.length, ++segmentLines);
            segmentLength += bytes.length;
        }
    }

    /**
     * Closes the files this store has open, and saves the index when it has grown since it was read
     * ({@link SavedIndex}), so that the next run reads it instead of scanning the segments; a later
     * entry or read opens the files again.
     */
    synchronized void close() throws IOException {
        try {
            closeFiles();
        } finally {
            if (index != null) {
                index.save(directory);
            }
        }
    }

    private void closeFiles() throws IOException {
        for (FileChannel reader : readers.values()) {
            reader.close();
        }
        readers.clear();
        if (out != null) {
            try {
                out.close();
            } finally {
                out = null;
            }
        }
    }

    /** Reads the index now, on the calling thread, unless it is read already: what the first look-up would do. */
    void prepare() {
        index();
    }

    /** Read on first use (or {@link #prepare}), not when the store is made: a run that never asks reads nothing. */
    private SegmentIndex index() {
        SegmentIndex read = index;
        if (read != null) {
            return read;
        }
        synchronized (this) {
            if (index == null) {
                index = load();
            }
            return index;
        }
    }

    private SegmentIndex load() {
        SegmentIndex loaded;
        try {
            loaded = SegmentIndex.of(directory);
        } catch (IOException e) {
            // Calls still work without the cache: say why nothing is found, rather than fail every call.
            System.err.println("[evalunit] the response cache cannot read " + directory + ": " + firstLine(e)
                    + ". This run goes on without the replies stored there.");
            return new SegmentIndex();
        }
        if (loaded.unkeyedCount() > 0) {
            System.err.println("[evalunit] the response cache skips " + loaded.unkeyedCount()
                    + " line(s) that are not entries, the first at " + loaded.firstUnkeyed()
                    + ": an entry's line starts with {\"key\":\"<sha256>\". Delete those lines; a live run"
                    + " records the calls they held again.");
        }
        return loaded;
    }

    private byte[] readLine(EntryLocation location) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(location.length());
        // One channel per segment, kept open and shared: positional reads do not move a file pointer,
        // and opening and closing a file per hit were two system calls of every cached call.
        FileChannel in = readers.get(location.segment());
        if (in == null) {
            synchronized (this) {
                in = readers.get(location.segment());
                if (in == null) {
                    in = FileChannel.open(location.segment(), StandardOpenOption.READ);
                    readers.put(location.segment(), in);
                }
            }
        }
        while (buffer.hasRemaining()) {
            if (in.read(buffer, location.offset() + buffer.position()) < 0) {
                throw new IOException("the file ends before the entry does");
            }
        }
        return buffer.array();
    }

    /**
     * The fields of the entry's {@code reply} object, or {@code null} when it has none. Streamed: the
     * request beside it is skipped, not built into a tree. The whole line is still parsed, so a damaged
     * one fails as it would as a tree; a repeated field counts once, the last one, as in a tree.
     */
    // Parsed from the bytes as read: decoding them to a String first, which the parser then copies
    // into chars again, showed in profiles of a cached rerun.
    private static Map<String, JsonNode> replyFields(byte[] entry) throws IOException {
        try (JsonParser parser = FACTORY.createParser(entry)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return null;
            }
            Map<String, JsonNode> reply = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isReply = "reply".equals(parser.currentName());
                if (parser.nextToken() == JsonToken.START_OBJECT && isReply) {
                    reply = new HashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        reply.put(name, JsonTrees.read(parser));
                    }
                } else {
                    reply = isReply ? null : reply;
                    parser.skipChildren();
                }
            }
            return reply;
        }
    }

    // Jackson's messages go on with the source location on further lines.
    private static String firstLine(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
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
        return LatencyText.parse(node.asText());
    }

    /** An entry that exists but cannot be read back: edited by hand, or a merge conflict. */
    static final class UnreadableEntryException extends Exception {
        UnreadableEntryException(EntryLocation location, String reason) {
            super("cached reply [" + location + "] cannot be read: " + reason, null, false, false);
        }
    }
}
