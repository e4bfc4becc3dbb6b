package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A setting of its own that a {@link ModelProvider} accepts, read from
 * {@code evalunit.models.NAME.<name>} and handed over in {@link ModelSpec#providerParams()}. The
 * engine checks the type before any model is called: a value that is not of it is a
 * {@code Configuration error} naming the key.
 *
 * @param name the key under the model, e.g. {@code max-words}; lower case, digits and dashes, and not
 *     one of the keys every model has ({@code base-url}, {@code temperature}...). A sampling parameter
 *     ({@link ModelProvider#samplingParameters()}) takes its name on the wire, e.g. {@code top_p}.
 * @param type what the value must be
 * @param description one line for people, e.g. {@code the longest answer, in words}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ProviderParameter(String name, Type type, String description) {

    public ProviderParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("A provider parameter's name is lower case, digits, dashes and"
                    + " underscores, but was ["
                    + name + "]");
        }
    }

    /** The types a parameter's value may have, and the Java type it is handed over as. */
    public enum Type {
        /** Any text, as a {@link String}. */
        STRING("a text, e.g. concise"),
        /** A whole number, as an {@link Integer}. */
        INTEGER("an integer, e.g. 60"),
        /** A number, as a {@link Double}. */
        NUMBER("a number, e.g. 0.5"),
        /** {@code true} or {@code false}, as a {@link Boolean}. */
        BOOLEAN("true or false"),
        /**
         * A text or, in JSON, a list of texts, e.g. OpenAI's {@code stop}: a {@link String} or a
         * {@link java.util.List} of them. In the configuration, one text.
         */
        TEXTS("a text or a list of texts, e.g. [\"END\"]");

        private final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        /** What a value must look like, as an error message says it: {@code an integer, e.g. 60}. */
        public String expected() {
            return expected;
        }
    }
}
