package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.Judgment;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Writes a judgments file one line at a time, in the order given, with the codec of {@link JudgmentsFile}, and
 * remembers where each line starts ({@link LinesWriter}). The lines go to {@code <file>.partial}; {@link #finish}
 * moves it onto the file and returns the judgments as a list that reads them back ({@link JudgmentsOnDisk});
 * {@link #close} without {@code finish} deletes the partial file, so that a run that stops leaves no half-written
 * file. Not thread-safe: one writer at a time.
 */
@API(status = INTERNAL, since = "0.1")
public final class JudgmentsWriter implements Closeable {

    private final LinesWriter lines;
    private final String humanPreferenceColumn;
    private final SideNames sides;
    private List<String> idColumns = List.of();

    private JudgmentsWriter(Path file, String humanPreferenceColumn, SideNames sides) throws IOException {
        this.lines = new LinesWriter(file, JudgmentsOnDisk.KIND);
        this.humanPreferenceColumn = humanPreferenceColumn;
        this.sides = sides;
    }

    /**
     * @param file the judgments file to write (its directory exists)
     * @param humanPreferenceColumn written on every line when not {@code null}
     * @param sides the names written as {@code model_a} and {@code model_b} on every line, when given
     */
    public static JudgmentsWriter open(Path file, String humanPreferenceColumn, SideNames sides) throws IOException {
        return new JudgmentsWriter(file, humanPreferenceColumn, sides);
    }

    /** Appends {@code judgment} as the next line. */
    public void write(Judgment judgment) throws IOException {
        if (lines.count() == 0) {
            idColumns = List.copyOf(judgment.ids().keySet());
        }
        lines.write(judgment, (generator, line) -> JudgmentsFile.writeLine(generator, line, humanPreferenceColumn, sides));
    }

    /** The lines written so far. */
    public int count() {
        return lines.count();
    }

    /** Closes the file, moves it into place and returns its judgments, read from it on demand. */
    public JudgmentsOnDisk finish() throws IOException {
        return new JudgmentsOnDisk(lines.finish(), idColumns, humanPreferenceColumn);
    }

    /** Deletes the partial file unless {@link #finish} moved it into place. */
    @Override
    public void close() throws IOException {
        lines.close();
    }
}
