package dev.evalunit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Declares a model inline, on the test class or method, under a {@link #name()} that
 * {@link Candidate#model()} and {@link Autorater#model()} refer to. Attributes left empty fall back
 * to the configuration {@code evalunit.models.<name>.*}, then to the defaults.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Repeatable(Models.class)
@API(status = STABLE, since = "0.1")
public @interface Model {
    /** The name this declaration is referred to by. */
    String name();

    /** The provider's model identifier; defaults to {@link #name()}. */
    String model() default "";

    /** The OpenAI-compatible base URL, e.g. {@code https://api.openai.com/v1}. */
    String baseUrl() default "";

    /** A reference to the API key, {@code ${env:NAME}} or {@code ${file:PATH}}; never the key itself. */
    String apiKey() default "";

    /** A system prompt sent before every user message. */
    String systemPrompt() default "";

    /** Sampling temperature; {@code NaN} leaves it to the configuration or the server. */
    double temperature() default Double.NaN;

    /** Upper bound on generated tokens; negative leaves it to the configuration or the server. */
    int maxTokens() default -1;

    /** Extra request body parameters as a JSON object, e.g. {@code {"seed": 7}}. */
    String extraParams() default "";
}
