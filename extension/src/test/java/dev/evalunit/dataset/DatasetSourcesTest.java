package dev.evalunit.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.spi.DatasetRecord;
import dev.evalunit.api.spi.DatasetSource;
import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Dataset sources")
public class DatasetSourcesTest {

    @TempDir
    Path dir;

    /** A source of one table per reference {@code table:<name>}, its rows located as a table's are. */
    public static final class TableSource implements DatasetSource {
        @Override
        public String description() {
            return "tables (table:<name>)";
        }

        @Override
        public boolean accepts(String reference) {
            return reference.startsWith("table:");
        }

        @Override
        public List<DatasetRecord> load(String reference, ClassLoader classLoader, Path baseDirectory) throws IOException {
            String table = reference.substring("table:".length());
            return switch (table) {
                case "people" -> List.of(new DatasetRecord("table people, row 1", Map.of("id", "p1")),
                        new DatasetRecord("table people, row 2", Map.of("name", "Ada")));
                case "broken" -> throw new IllegalArgumentException("table broken, row 4 has a cell of type BLOB. Cast it to text.");
                case "locked" -> throw new IOException("table locked is locked");
                default -> throw new IllegalArgumentException("names no table. Tables: people, broken, locked.");
            };
        }
    }

    /** A second CSV source, which makes every .csv reference ambiguous. */
    public static final class RivalCsvSource implements DatasetSource {
        @Override
        public String description() {
            return "semicolon CSV (.csv)";
        }

        @Override
        public boolean accepts(String reference) {
            return reference.endsWith(".csv");
        }

        @Override
        public List<DatasetRecord> load(String reference, ClassLoader classLoader, Path baseDirectory) {
            return List.of();
        }
    }

    /** A loader whose class loader registers the given sources in a services file, as a plug-in jar would. */
    private DatasetLoader loaderRegistering(Class<?>... sources) throws IOException {
        Path services = Files.createDirectories(dir.resolve("classes/META-INF/services"));
        StringBuilder lines = new StringBuilder();
        for (Class<?> source : sources) {
            lines.append(source.getName()).append('\n');
        }
        Files.writeString(services.resolve(DatasetSource.class.getName()), lines);
        URLClassLoader classLoader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                getClass().getClassLoader());
        return new DatasetLoader(classLoader, dir);
    }

    @Test
    @DisplayName("JSON Lines and CSV are registered in the engine's services file")
    void builtInSourcesAreServices() {
        assertThat(ServiceLoader.load(DatasetSource.class).stream().map(ServiceLoader.Provider::type))
                .containsExactlyInAnyOrder(JsonLinesSource.class, CsvSource.class);
    }

    @Test
    @DisplayName("a registered source loads its own references, its rows keeping the source's locations")
    void pluggedSource() throws IOException {
        Dataset dataset = loaderRegistering(TableSource.class).load("table:people");

        assertThat(dataset.source()).isEqualTo("table:people");
        assertThat(dataset.columns()).containsExactly("id", "name");
        assertThat(dataset.rows()).extracting(DatasetRow::location)
                .containsExactly("table people, row 1", "table people, row 2");
        assertThat(dataset.rows()).extracting(DatasetRow::rowNumber).containsExactly(1, 2);
    }

    @Test
    @DisplayName("a plugged source's row location is what id messages name")
    void locationInMessages() throws IOException {
        Dataset dataset = loaderRegistering(TableSource.class).load("table:people");

        assertThatThrownBy(() -> IdColumns.checkIds(dataset, List.of("id")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: dataset [table:people] table people, row 2 has no value for id column [id]."
                        + " Give every example an id.");
    }

    @Test
    @DisplayName("a plugged source's rows are handed to the plan's checks as it loads them, each once")
    void pluggedSourceEachRow() throws IOException {
        List<String> handed = new java.util.ArrayList<>();
        loaderRegistering(TableSource.class).load("table:people", row -> handed.add(row.rowNumber() + " " + row.location()));

        assertThat(handed).containsExactly("1 table people, row 1", "2 table people, row 2");
    }

    @Test
    @DisplayName("the built-in sources still load beside a plugged one")
    void builtInsBesidePlugged() throws IOException {
        Files.writeString(dir.resolve("qa.csv"), "id\nq1\n");

        assertThat(loaderRegistering(TableSource.class).load("qa.csv").rows().get(0).location()).isEqualTo("line 2");
    }

    @Test
    @DisplayName("an unknown reference names itself and lists every source there is")
    void unknownReference() throws IOException {
        assertThatThrownBy(() -> loaderRegistering(TableSource.class).load("jdbc:people"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: dataset [jdbc:people] has an unknown format. Use a reference that one of"
                        + " the dataset sources accepts: CSV with a header row (.csv), JSON Lines (.jsonl, .ndjson),"
                        + " tables (table:<name>).");
    }

    @Test
    @DisplayName("a reference two sources accept is refused, naming both")
    void ambiguousReference() throws IOException {
        assertThatThrownBy(() -> loaderRegistering(RivalCsvSource.class).load("qa.csv"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: dataset [qa.csv] is accepted by more than one dataset source:"
                        + " CSV with a header row (.csv), semicolon CSV (.csv). Make the sources claim references"
                        + " that do not overlap.");
    }

    @Test
    @DisplayName("a source's IllegalArgumentException becomes a configuration error naming the dataset")
    void sourceMistake() throws IOException {
        DatasetLoader loader = loaderRegistering(TableSource.class);

        assertThatThrownBy(() -> loader.load("table:broken"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: dataset [table:broken] table broken, row 4 has a cell of type BLOB."
                        + " Cast it to text.");
        assertThatThrownBy(() -> loader.load("table:nowhere"))
                .hasMessage("Configuration error: dataset [table:nowhere] names no table. Tables: people, broken, locked.");
    }

    @Test
    @DisplayName("a source's IOException becomes a configuration error saying it could not be read")
    void sourceCannotRead() throws IOException {
        assertThatThrownBy(() -> loaderRegistering(TableSource.class).load("table:locked"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: dataset [table:locked] could not be read: table locked is locked."
                        + " Check that it is readable.");
    }
}
