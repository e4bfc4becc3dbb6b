package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.RowResult;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Writes an observations file one row at a time, in the order given, with the codec of {@link ObservationsFile}
 * ({@link LinesWriter}): the lines go to {@code <file>.partial}; {@link #finish} moves it onto the file and
 * returns the rows as a list that reads them back ({@link ObservationsOnDisk}); {@link #close} without
 * {@code finish} deletes the partial file. Not thread-safe: one writer at a time.
 */
@API(status = INTERNAL, since = "0.1")
public final class ObservationsWriter implements Closeable {

    private final LinesWriter lines;
    private final List<String> metricNames;

    private ObservationsWriter(Path file, List<String> metricNames) throws IOException {
        this.lines = new LinesWriter(file, ObservationsFile.KIND);
        this.metricNames = List.copyOf(metricNames);
    }

    /**
     * @param file the observations file to write (its directory exists)
     * @param metricNames the experiment's metrics, in order: every line has each one's key
     */
    public static ObservationsWriter open(Path file, List<String> metricNames) throws IOException {
        return new ObservationsWriter(file, metricNames);
    }

    /** Appends {@code row} as the next line. */
    public void write(RowResult row) throws IOException {
        lines.write(row, (generator, line) -> ObservationsFile.writeLine(generator, line, metricNames));
    }

    /** Closes the file, moves it into place and returns its rows, read from it on demand. */
    public ObservationsOnDisk finish() throws IOException {
        return new ObservationsOnDisk(lines.finish());
    }

    /** Deletes the partial file unless {@link #finish} moved it into place. */
    @Override
    public void close() throws IOException {
        lines.close();
    }
}
