package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Where the examples of an evaluation come from: the {@code dataset} of a {@code @PairwiseEval} or of
 * an experiment set is a <em>reference</em> (a file name such as {@code datasets/qa.csv}, or a reference
 * with a scheme such as {@code textdir:datasets/warranty}), and the one source that {@link #accepts
 * accepts} it loads it.
 *
 * <p>Sources are found with {@link java.util.ServiceLoader}, like Testcontainers'
 * {@code JdbcDatabaseContainerProvider}: a new source is a class with a public no-argument constructor
 * plus its name on a line of {@code META-INF/services/dev.evalunit.api.spi.DatasetSource}. The engine
 * registers its own two that way: JSON Lines ({@code .jsonl}, {@code .ndjson}) and CSV with a header
 * row ({@code .csv}). A reference that no source accepts, or that two sources accept, is a
 * configuration error that lists the sources there are, so claim references narrowly: by a scheme of
 * your own, or by a file extension no other source claims.
 *
 * <p>Implementations are stateless or thread safe; the engine loads each dataset once, before any
 * model call, and every mistake found then stops the evaluation with a message naming the dataset.
 *
 * <p>A worked example, a folder of text files with one {@code column: value} pair a line, each file
 * one example (the evalunit samples' {@code TextFolderDatasetSource}, shortened):
 * <pre>{@code
 * public final class TextFolderDatasetSource implements DatasetSource {
 *
 *     static final String SCHEME = "textdir:";
 *
 *     public String description() {
 *         return "folders of text files (textdir:<folder>)";
 *     }
 *
 *     public boolean accepts(String reference) {
 *         return reference.startsWith(SCHEME);
 *     }
 *
 *     public List<DatasetRecord> load(String reference, ClassLoader classLoader, Path baseDirectory) throws IOException {
 *         Path folder = folder(reference.substring(SCHEME.length()), classLoader, baseDirectory);
 *         List<DatasetRecord> records = new ArrayList<>();
 *         for (Path file : textFiles(folder)) {
 *             String location = "file " + file.getFileName();
 *             records.add(new DatasetRecord(location, pairs(location, Files.readAllLines(file, StandardCharsets.UTF_8))));
 *         }
 *         return records;
 *     }
 *     // folder(...) finds the folder on the class path or under the base directory; textFiles(...) lists
 *     // its *.txt files by name; pairs(...) splits each line at its first colon and throws
 *     // IllegalArgumentException(location + " line " + n + " is not a column: value pair. ...").
 * }
 * }</pre>
 * registered by the line {@code dev.evalunit.samples.plugins.TextFolderDatasetSource} in the
 * services file, and used as {@code @PairwiseEval(dataset = "textdir:datasets/warranty", ...)}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface DatasetSource {

    /**
     * What this source reads and the references it accepts, as the error for an unknown reference
     * lists it: {@code CSV with a header row (.csv)}.
     */
    String description();

    /**
     * Whether this source reads the reference, decided from the reference alone (its scheme or file
     * extension) and without touching anything, so that a misspelt reference is reported as unknown
     * rather than as missing.
     */
    boolean accepts(String reference);

    /**
     * Reads every example of the dataset, in order.
     *
     * @param reference the reference as the user wrote it, one this source {@link #accepts}
     * @param classLoader the test's class loader, for class path resources
     * @param baseDirectory the folder relative file paths resolve against (usually the module's)
     * @return the examples; an empty list is reported to the user as a dataset without rows
     * @throws IllegalArgumentException when the dataset is missing or malformed; the message says what
     *     is wrong and where, and reads after "dataset [reference]": {@code file q02.txt line 2 is not
     *     a column: value pair. Write one pair a line.} The engine reports it as
     *     {@code Configuration error: dataset [reference] <message>}
     * @throws IOException when the dataset exists but cannot be read
     */
    List<DatasetRecord> load(String reference, ClassLoader classLoader, Path baseDirectory) throws IOException;
}
