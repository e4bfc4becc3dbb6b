package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A prompt parameter as declared, before validation: a column or a template (exactly one must be
 * non-blank; the planner checks).
 */
@API(status = INTERNAL, since = "0.1")
public record PromptSpec(String column, String template) {
    public PromptSpec {
        column = column == null ? "" : column;
        template = template == null ? "" : template;
    }

    public static PromptSpec column(String column) {
        return new PromptSpec(column, "");
    }

    public static PromptSpec template(String template) {
        return new PromptSpec("", template);
    }

    public boolean isEmpty() {
        return column.isBlank() && template.isBlank();
    }
}
