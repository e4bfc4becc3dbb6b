package dev.evalunit.prompt;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A text with {@code {{ name }}} placeholders (spaces inside the braces optional). Parsed once, so a
 * malformed template fails before any model call, and rendered in a single pass, so a value that
 * itself contains {@code {{ x }}} is inserted as is and never expanded.
 *
 * <p>There is no escape for a literal <code>{{</code>: every <code>{{</code> opens a placeholder, and a
 * placeholder that does not name a column is an error rather than text, since it is almost always a typo.
 */
@API(status = INTERNAL, since = "0.1")
public final class PromptTemplate {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    /** A piece of the template: literal text, or a placeholder's name. */
    private record Part(String text, boolean placeholder) {}

    private final String text;
    private final List<Part> parts;
    private final List<String> placeholders;

    private PromptTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
        this.placeholders = parts.stream().filter(Part::placeholder).map(Part::text).distinct().toList();
    }

    public static PromptTemplate parse(String template) {
        Objects.requireNonNull(template, "template");
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        while (pos < template.length()) {
            int open = template.indexOf("{{", pos);
            if (open < 0) {
                parts.add(new Part(template.substring(pos), false));
                break;
            }
            if (open > pos) {
                parts.add(new Part(template.substring(pos, open), false));
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw new ConfigurationException("template [" + template + "] has an unclosed {{. Close it with }}.");
            }
            String name = template.substring(open + 2, close).strip();
            if (!NAME.matcher(name).matches()) {
                throw new ConfigurationException("template [" + template + "] has an invalid placeholder ["
                        + template.substring(open, close + 2)
                        + "]. Name a column: letters, digits, _, . and -, starting with a letter or _.");
            }
            parts.add(new Part(name, true));
            pos = close + 2;
        }
        return new PromptTemplate(template, parts);
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** The distinct placeholder names, in order of first appearance. */
    public List<String> placeholders() {
        return placeholders;
    }

    /** The text with every placeholder replaced by {@code valueOf(name)}, which must not return {@code null}. */
    public String render(Function<String, String> valueOf) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (Part part : parts) {
            if (part.placeholder()) {
                String value = valueOf.apply(part.text());
                out.append(Objects.requireNonNull(value, () -> "no value for placeholder [" + part.text() + "]"));
            } else {
                out.append(part.text());
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PromptTemplate that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
