package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.config.SecretReference;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The cache's saved index")
class SavedIndexTest {

    private static final ModelSettings JUDGE = ModelSettings.openAi("judge", "http://127.0.0.1:1/v1");
    private static final CacheKeyWriter KEYS = new CacheKeyWriter(JUDGE);
    private static final SecretMask NO_SECRETS = new SecretMask(new SecretReference(name -> null, name -> null));
    private static final int ENTRIES = 2_000;

    @TempDir
    Path dir;

    private CacheStore store() {
        return new CacheStore(dir, NO_SECRETS);
    }

    private static ModelRequest request(int i) {
        return ModelRequest.ofUser("Question " + i + "?");
    }

    private static CacheKey key(int i) {
        return KEYS.keyOf(request(i));
    }

    private Path indexFile() {
        return dir.resolve("index").resolve("segments.index");
    }

    /** Writes entries {@code from} to {@code to} (exclusive), replying "reply i", through a store of its own. */
    private CacheStore record(int from, int to) throws IOException {
        CacheStore store = store();
        for (int i = from; i < to; i++) {
            store.write(key(i), KEYS.anyEndpointHash(request(i)), ModelReply.of("reply " + i));
        }
        return store;
    }

    /** Asserts that a new store answers entries {@code from} to {@code to} (exclusive), and nothing after. */
    private void answers(int from, int to) throws Exception {
        CacheStore store = store();
        for (int i = from; i < to; i++) {
            assertThat(store.read(key(i))).as("entry %d", i).contains(ModelReply.of("reply " + i));
        }
        assertThat(store.read(key(to))).isEmpty();
    }

    private long scannedByANewIndex() throws IOException {
        return SegmentIndex.of(dir).linesScanned();
    }

    @Nested
    @DisplayName("when a run ends")
    class Saved {

        @Test
        @DisplayName("is saved in <dir>/index, which git ignores, and the next run answers from it without scanning a line")
        void savedAndRead() throws Exception {
            record(0, ENTRIES).close();

            assertThat(indexFile()).isRegularFile();
            assertThat(Files.readAllLines(dir.resolve("index/.gitignore"))).contains("*");
            try (Stream<Path> files = Files.list(dir.resolve("index"))) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(".gitignore", "segments.index");
            }
            assertThat(scannedByANewIndex()).isZero();
            answers(0, ENTRIES);
        }

        @Test
        @DisplayName("is not rewritten by a run that added nothing, and not made where there is no cache directory")
        void onlyWhenChanged() throws Exception {
            record(0, 10).close();
            Files.setLastModifiedTime(indexFile(), FileTime.fromMillis(0));
            CacheStore reader = store();
            assertThat(reader.read(key(3))).isPresent();
            reader.close();

            assertThat(Files.getLastModifiedTime(indexFile())).isEqualTo(FileTime.fromMillis(0));
            CacheStore nowhere = new CacheStore(dir.resolve("none"), NO_SECRETS);
            assertThat(nowhere.read(key(3))).isEmpty();
            nowhere.close();
            assertThat(dir.resolve("none")).doesNotExist();
        }

        @Test
        @DisplayName("keeps the lines that are not entries, so the warning about them is the same")
        void unkeyed() throws Exception {
            Path segment = Files.createDirectories(dir).resolve("20260101-000000-000-1-1.jsonl");
            Files.writeString(segment, "<<<<<<< HEAD\n\n");
            CacheStore store = record(0, 3);
            store.close();
            Files.writeString(segment, "=======\n", StandardOpenOption.APPEND);

            SegmentIndex index = SegmentIndex.of(dir);
            assertThat(index.linesScanned()).isEqualTo(1);
            assertThat(index.unkeyedCount()).isEqualTo(2);
            assertThat(index.firstUnkeyed()).hasToString(segment + " line 1");
        }

        @Test
        @DisplayName("answers never for another key that shares the first 128 bits it keeps")
        void noFalseHit() throws Exception {
            record(0, 3).close();
            String hash = key(1).hash();
            String twin = hash.substring(0, 32) + (hash.charAt(32) == '0' ? '1' : '0') + hash.substring(33);

            assertThat(store().read(new CacheKey(twin, key(1).canonicalJson()))).isEmpty();
            assertThat(scannedByANewIndex()).isZero();
        }
    }

    @Nested
    @DisplayName("scans only what was written after it was saved")
    class Appended {

        @Test
        @DisplayName("a segment of a later run")
        void laterSegment() throws Exception {
            record(0, 100).close();
            record(100, 130); // killed: never closed, so never saved

            assertThat(scannedByANewIndex()).isEqualTo(30);
            answers(0, 130);
        }

        @Test
        @DisplayName("lines appended to a segment it covers, numbered on from its last line")
        void appendedLines() throws Exception {
            CacheStore first = record(0, 100);
            first.close();
            Path segment = first.segment();
            CacheStore other = new CacheStore(Files.createDirectories(dir.resolve("elsewhere")), NO_SECRETS);
            other.write(key(100), KEYS.anyEndpointHash(request(100)), ModelReply.of("reply 100"));
            Files.write(segment, Files.readAllBytes(other.segment()), StandardOpenOption.APPEND);

            SegmentIndex index = SegmentIndex.of(dir);
            assertThat(index.linesScanned()).isEqualTo(1);
            assertThat(index.get(key(100).hash())).hasToString(segment + " line 101");
            answers(0, 101);
        }

        @Test
        @DisplayName("and saves the two together when that run ends")
        void savedAgain() throws Exception {
            record(0, 100).close();
            CacheStore second = record(100, 200);
            assertThat(second.read(key(5))).isPresent();
            second.close();

            assertThat(scannedByANewIndex()).isZero();
            answers(0, 200);
        }
    }

    @Nested
    @DisplayName("is rebuilt from the segments, with the same answers")
    class Rebuilt {

        private Path segment;

        @BeforeEach
        void saved() throws Exception {
            CacheStore store = record(0, ENTRIES);
            store.close();
            segment = store.segment();
            assertThat(scannedByANewIndex()).isZero();
        }

        private void rebuiltWithAllAnswers() throws Exception {
            assertThat(scannedByANewIndex()).isEqualTo(ENTRIES);
            answers(0, ENTRIES);
        }

        @Test
        @DisplayName("when a segment it covers was cut short")
        void truncatedSegment() throws Exception {
            try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
                file.setLength(file.length() - 10);
            }

            assertThat(scannedByANewIndex()).isEqualTo(ENTRIES - 1);
            answers(0, ENTRIES - 1);
        }

        @Test
        @DisplayName("when the last line it covers changed, the segment's length the same")
        void editedSegment() throws Exception {
            String text = Files.readString(segment);
            Files.writeString(segment, text.replace("\"reply " + (ENTRIES - 1) + "\"", "\"edit " + (ENTRIES - 1) + "\""));

            assertThat(scannedByANewIndex()).isEqualTo(ENTRIES);
            CacheStore store = store();
            assertThat(store.read(key(ENTRIES - 1))).contains(ModelReply.of("edit " + (ENTRIES - 1)));
            assertThat(store.read(key(0))).contains(ModelReply.of("reply 0"));
        }

        @Test
        @DisplayName("when a segment it covers was deleted")
        void deletedSegment() throws Exception {
            record(ENTRIES, ENTRIES + 5).close();
            Files.delete(segment);

            assertThat(scannedByANewIndex()).isEqualTo(5);
            assertThat(store().read(key(0))).isEmpty();
            answers(ENTRIES, ENTRIES + 5);
        }

        @Test
        @DisplayName("when a byte of its body is corrupt")
        void corruptBody() throws Exception {
            flip(Files.size(indexFile()) - 100);
            rebuiltWithAllAnswers();
        }

        @Test
        @DisplayName("when a byte of its header is corrupt")
        void corruptHeader() throws Exception {
            flip(20);
            rebuiltWithAllAnswers();
        }

        @Test
        @DisplayName("when it was cut short (a run killed while saving)")
        void truncatedIndex() throws Exception {
            try (RandomAccessFile file = new RandomAccessFile(indexFile().toFile(), "rw")) {
                file.setLength(file.length() / 2);
            }
            rebuiltWithAllAnswers();
        }

        @Test
        @DisplayName("when it is another file altogether, or empty")
        void foreign() throws Exception {
            Files.writeString(indexFile(), "{\"not\":\"an index\"}\n".repeat(100));
            rebuiltWithAllAnswers();
            Files.write(indexFile(), new byte[0]);
            rebuiltWithAllAnswers();
        }

        @Test
        @DisplayName("when it was saved by another version of its format")
        void otherVersion() throws Exception {
            try (RandomAccessFile file = new RandomAccessFile(indexFile().toFile(), "rw")) {
                file.seek(8);
                assertThat(file.readInt()).isEqualTo(SavedIndex.VERSION);
                file.seek(8);
                file.writeInt(SavedIndex.VERSION - 1);
            }
            rebuiltWithAllAnswers();
        }

        @Test
        @DisplayName("when it was deleted, and saved again at the end of that run")
        void deleted() throws Exception {
            Files.delete(indexFile());
            CacheStore store = store();
            assertThat(store.read(key(1))).isPresent();
            store.close();

            assertThat(scannedByANewIndex()).isZero();
            answers(0, ENTRIES);
        }

        private void flip(long position) throws IOException {
            try (RandomAccessFile file = new RandomAccessFile(indexFile().toFile(), "rw")) {
                file.seek(position);
                int b = file.read();
                file.seek(position);
                file.write(b ^ 0x40);
            }
        }
    }

    @Test
    @DisplayName("stays whole when two runs on one directory write and end at once: the next run finds every entry of both")
    void twoStores() throws Exception {
        record(0, 50).close();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Void>> runs = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                int from = 1000 * (run + 1);
                runs.add(() -> {
                    for (int round = 0; round < 5; round++) {
                        CacheStore store = record(from + 100 * round, from + 100 * round + 100);
                        assertThat(store.read(key(7))).isPresent();
                        store.close();
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(runs, 60, TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        CacheStore next = store();
        for (int i : new int[] {0, 49, 1000, 1499, 2000, 2499}) {
            assertThat(next.read(key(i))).as("entry %d", i).contains(ModelReply.of("reply " + i));
        }
        // Whatever the last save held, the rest is scanned: never more than the other run's lines.
        assertThat(scannedByANewIndex()).isLessThanOrEqualTo(1050);
        try (Stream<Path> files = Files.list(dir.resolve("index"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(".gitignore", "segments.index");
        }
    }

    @Test
    @DisplayName("is read back as written: the saved file's body is the index's tables byte for byte")
    void layout() throws Exception {
        record(0, 10).close();
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(indexFile()));
        byte[] magic = new byte[8];
        file.get(magic);

        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("EVALIDX\n");
        assertThat(file.getInt()).isEqualTo(SavedIndex.VERSION);
        int header = file.getInt();
        assertThat(file.capacity()).isEqualTo(16 + header + IndexTables.bytes(IndexTables.FIRST_SLOTS));
        assertThat(file.getInt()).as("slots").isEqualTo(IndexTables.FIRST_SLOTS);
        assertThat(file.getInt()).as("lines").isEqualTo(10);
    }
}
