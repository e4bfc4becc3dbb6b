package dev.evalunit.prompt;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.dataset.DatasetRow;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a prompt parameter shows for one example (AutoSxS prompt parameters): a dataset column's cell
 * as is, or a template whose {@code {{ name }}} placeholders name columns. The placeholder
 * {@code {{ default_instruction }}} is reserved for {@link DefaultInstructions#forTask}.
 *
 * <p>User input should go through {@link #of}, which reports a wrong combination as a
 * {@link ConfigurationException}; {@link #validate} then checks the parameter against the dataset
 * before any model call.
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface PromptParameter permits PromptParameter.ColumnParameter, PromptParameter.TemplateParameter {

    /** A column whose cell is used as is. */
    record ColumnParameter(String column) implements PromptParameter {
        public ColumnParameter {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("a column parameter needs a column name");
            }
        }

        @Override
        public Set<String> columns() {
            return Set.of(column);
        }

        @Override
        public String render(DatasetRow row, String defaultInstruction) {
            return row.text(column);
        }

        @Override
        public void validate(Dataset dataset, String where) {
            if (!dataset.hasColumn(column)) {
                throw new ConfigurationException("column [" + column + "] of " + where + " is not in dataset ["
                        + dataset.source() + "]. Columns: " + dataset.columnList() + ".");
            }
        }
    }

    /** A template; {@code text} is the template as written. */
    record TemplateParameter(PromptTemplate template, String text) implements PromptParameter {
        public TemplateParameter {
            Objects.requireNonNull(template, "template");
            if (!template.text().equals(text)) {
                throw new IllegalArgumentException("text must be the template's text");
            }
        }

        public TemplateParameter(String text) {
            this(PromptTemplate.parse(text), text);
        }

        @Override
        public Set<String> columns() {
            Set<String> columns = new LinkedHashSet<>(template.placeholders());
            columns.remove(DefaultInstructions.PLACEHOLDER);
            return Collections.unmodifiableSet(columns);
        }

        @Override
        public String render(DatasetRow row, String defaultInstruction) {
            return template.render(name -> DefaultInstructions.PLACEHOLDER.equals(name) ? defaultInstruction : row.text(name));
        }

        @Override
        public void validate(Dataset dataset, String where) {
            for (String column : columns()) {
                if (!dataset.hasColumn(column)) {
                    throw new ConfigurationException("placeholder [{{ " + column + " }}] in " + where
                            + " names no column of dataset [" + dataset.source() + "]. Columns: "
                            + dataset.columnList() + ". Fix the placeholder or add the column.");
                }
            }
        }
    }

    static PromptParameter column(String column) {
        return new ColumnParameter(column);
    }

    /** Parses the template; a malformed one is a {@link ConfigurationException}. */
    static PromptParameter template(String template) {
        return new TemplateParameter(template);
    }

    /**
     * The parameter a user declared, where exactly one of {@code column} and {@code template} is non-blank
     * (blank and {@code null} count as not given). {@code where} names the declaration in messages, e.g.
     * {@code model A's prompt parameter [prompt]}.
     */
    static PromptParameter of(String column, String template, String where) {
        boolean hasColumn = column != null && !column.isBlank();
        boolean hasTemplate = template != null && !template.isBlank();
        if (hasColumn && hasTemplate) {
            throw new ConfigurationException(where + " gives both a column and a template. Give one of them.");
        }
        if (!hasColumn && !hasTemplate) {
            throw new ConfigurationException(where + " gives neither a column nor a template. Give one of them.");
        }
        return hasColumn ? column(column.strip()) : template(template);
    }

    /** The dataset columns this parameter reads, without the reserved {@code default_instruction}. */
    Set<String> columns();

    /** The parameter's text for one example; {@code defaultInstruction} fills {@code {{ default_instruction }}}. */
    String render(DatasetRow row, String defaultInstruction);

    /** Fails when the parameter reads a column the dataset does not have; {@code where} names the declaration. */
    void validate(Dataset dataset, String where);
}
