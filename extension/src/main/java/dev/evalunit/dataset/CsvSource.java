package dev.evalunit.dataset;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.evalunit.api.spi.DatasetRecord;
import dev.evalunit.config.ConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * CSV with a header row ({@code .csv}), RFC 4180: fields in double quotes may hold commas, line breaks
 * and doubled quotes. Parsed by jackson-dataformat-csv's streaming parser without a schema (each record
 * an array of strings, no ObjectMapper); registered in the engine's services file.
 *
 * <p>Lenient where it costs nothing: lines may end in CRLF, LF or CR, empty lines between records are
 * skipped (so a trailing newline adds no row), header names are trimmed (so {@code id, question} works),
 * and a quote inside an unquoted field is kept as text. Cells are kept exactly as written.
 */
@API(status = INTERNAL, since = "0.1")
public final class CsvSource extends FileDatasetSource {

    // No schema: the parser gives each record as an array of strings, and the header is ours to check.
    private static final CsvFactory CSV = CsvFactory.builder().build();

    public CsvSource() {
        super("CSV with a header row", ".csv");
    }

    @Override
    List<DatasetRecord> parse(String reference, BufferedReader reader) throws IOException {
        StringWriter whole = new StringWriter();
        // CSV is read whole: a quoted field may span lines, and the records are located in the text.
        reader.transferTo(whole);
        return parse(reference, whole.toString());
    }

    private List<DatasetRecord> parse(String reference, String text) {
        try (CsvParser parser = CSV.createParser(text)) {
            return new Records(reference, text, parser).read();
        } catch (IOException e) {
            // A String never fails to read; the parser's own errors are translated in Records.
            throw new ConfigurationException("dataset [" + reference + "] could not be read: " + e.getMessage()
                    + ". Check that the file is readable.", e);
        }
    }

    /** One pass over one file's records. */
    private static final class Records {

        private record Record(int line, List<String> fields) {}

        private final String reference;
        private final String text;
        private final CsvParser parser;
        /** The line where the parser stopped after its last token: where an unclosed quote opened. */
        private int lastLine = 1;

        Records(String reference, String text, CsvParser parser) {
            this.reference = reference;
            this.text = text;
            this.parser = parser;
        }

        List<DatasetRecord> read() throws IOException {
            Record header = next();
            if (header == null) {
                return List.of();
            }
            List<String> columns = columnsOf(header);
            List<DatasetRecord> records = new ArrayList<>();
            for (Record record = next(); record != null; record = next()) {
                if (record.fields().size() != columns.size()) {
                    throw new ConfigurationException("dataset [" + reference + "] line " + record.line() + " has "
                            + record.fields().size() + " fields but the header has " + columns.size()
                            + ". Quote fields that contain commas.");
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), record.fields().get(i));
                }
                records.add(new DatasetRecord(lineLocation(record.line()), values));
            }
            return records;
        }

        private List<String> columnsOf(Record header) {
            Set<String> columns = new LinkedHashSet<>();
            for (String field : header.fields()) {
                String column = field.strip();
                if (!columns.add(column)) {
                    throw new ConfigurationException("dataset [" + reference + "] has the column [" + column
                            + "] twice in its header. Give each column its own name.");
                }
            }
            return List.copyOf(columns);
        }

        /** The next record that is not an empty line, or {@code null} at the end of the text. */
        private Record next() throws IOException {
            while (nextToken() == JsonToken.START_ARRAY) {
                List<String> fields = new ArrayList<>();
                int line = 0;
                long offset = 0;
                while (nextToken() == JsonToken.VALUE_STRING) {
                    if (fields.isEmpty()) {
                        line = parser.currentTokenLocation().getLineNr();
                        offset = parser.currentTokenLocation().getCharOffset();
                    }
                    fields.add(parser.getText());
                }
                if (!isEmptyLine(fields, offset)) {
                    return new Record(line, fields);
                }
            }
            return null;
        }

        // Hand-written because the parser's SKIP_EMPTY_LINES also skips lines of spaces and strips the
        // leading spaces of every record's first cell; without it an empty line is one empty field,
        // which differs from a quoted "" only in the text.
        private boolean isEmptyLine(List<String> fields, long offset) {
            return fields.size() == 1 && fields.get(0).isEmpty()
                    && (offset >= text.length() || text.charAt((int) offset) != '"');
        }

        private JsonToken nextToken() throws IOException {
            try {
                JsonToken token = parser.nextToken();
                lastLine = parser.currentLocation().getLineNr();
                return token;
            } catch (JsonProcessingException e) {
                throw translated(e);
            }
        }

        /** The parser's two errors a user makes, in the words the user sees; any other with its line. */
        private ConfigurationException translated(JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            int line = e.getLocation() == null ? lastLine : e.getLocation().getLineNr();
            if (reason.startsWith("Missing closing quote")) {
                // The parser reports the end of the text; the user needs the line where the quote opened.
                return new ConfigurationException("dataset [" + reference + "] line " + lastLine
                        + " has a quoted field that is never closed. Close it with a double quote.", e);
            }
            if (reason.contains("Expected column separator")) {
                return new ConfigurationException("dataset [" + reference + "] line " + line
                        + " has text after the closing quote of a field. Write a quote inside a quoted field as two quotes (\"\").", e);
            }
            return new ConfigurationException("dataset [" + reference + "] line " + line + " is not valid CSV: "
                    + reason + ". Fix that line.", e);
        }
    }
}
