package dev.evalunit.dataset;

import dev.evalunit.config.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads RFC 4180 CSV with a header row: fields in double quotes may hold commas, line breaks and
 * doubled quotes. Written by hand because jackson-dataformat-csv is not a dependency.
 *
 * <p>Lenient where it costs nothing: lines may end in CRLF, LF or CR, empty lines between records are
 * skipped (so a trailing newline adds no row), header names are trimmed (so {@code id, question} works),
 * and a quote inside an unquoted field is kept as text. Cells are kept exactly as written.
 */
final class CsvReader {

    private final String location;
    private final String text;
    private int pos;
    private int line = 1;

    private CsvReader(String location, String text) {
        this.location = location;
        this.text = text;
    }

    static Dataset read(String location, String text) {
        return new CsvReader(location, text).read();
    }

    private record Record(int line, List<String> fields) {}

    private Dataset read() {
        Record header = nextRecord();
        if (header == null) {
            return new Dataset(location, List.of(), List.of());
        }
        List<String> columns = columnsOf(header);
        List<DatasetRow> rows = new ArrayList<>();
        for (Record record = nextRecord(); record != null; record = nextRecord()) {
            if (record.fields().size() != columns.size()) {
                throw new ConfigurationException("dataset [" + location + "] line " + record.line() + " has "
                        + record.fields().size() + " fields but the header has " + columns.size()
                        + ". Quote fields that contain commas.");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i), record.fields().get(i));
            }
            rows.add(new DatasetRow(record.line(), values, rows.size() + 1));
        }
        return new Dataset(location, columns, rows);
    }

    private List<String> columnsOf(Record header) {
        Set<String> columns = new LinkedHashSet<>();
        for (String field : header.fields()) {
            String column = field.strip();
            if (!columns.add(column)) {
                throw new ConfigurationException("dataset [" + location + "] has the column [" + column
                        + "] twice in its header. Give each column its own name.");
            }
        }
        return List.copyOf(columns);
    }

    /** The next record, or {@code null} at the end of the text. */
    private Record nextRecord() {
        while (pos < text.length() && isLineBreak(text.charAt(pos))) {
            skipLineBreak();
        }
        if (pos >= text.length()) {
            return null;
        }
        int recordLine = line;
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(pos < text.length() && text.charAt(pos) == '"' ? quotedField() : plainField());
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                continue;
            }
            if (pos < text.length()) {
                skipLineBreak();
            }
            return new Record(recordLine, fields);
        }
    }

    private String plainField() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ',' && !isLineBreak(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String quotedField() {
        int openingLine = line;
        StringBuilder field = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw new ConfigurationException("dataset [" + location + "] line " + openingLine
                        + " has a quoted field that is never closed. Close it with a double quote.");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                    field.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            if (c == '\n' || (c == '\r' && !(pos + 1 < text.length() && text.charAt(pos + 1) == '\n'))) {
                line++;
            }
            field.append(c);
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) != ',' && !isLineBreak(text.charAt(pos))) {
            throw new ConfigurationException("dataset [" + location + "] line " + line
                    + " has text after the closing quote of a field. Write a quote inside a quoted field as two quotes (\"\").");
        }
        return field.toString();
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    /** Consumes one CRLF, LF or CR. */
    private void skipLineBreak() {
        if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        line++;
    }
}
