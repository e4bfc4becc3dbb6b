package dev.evalunit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * One side (A or B) of a pairwise evaluation. Give exactly one source of answers:
 * <ul>
 *   <li>{@link #model()}: a model declared by name (configuration {@code evalunit.models.<name>.*}
 *       or {@link Model @Model}) generates the answers from {@link #params()};</li>
 *   <li>{@link #method()}: a method of the test class generates them in process
 *       (the system under test), from {@link #params()};</li>
 *   <li>{@link #responseColumn()}: a dataset column holds pre-generated answers.</li>
 * </ul>
 * Giving a model (or method) together with a response column is a configuration error, as in AutoSxS.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
@API(status = STABLE, since = "0.1")
public @interface Candidate {
    /** The name of a declared model that generates this side's answers. */
    String model() default "";

    /**
     * The name of a method of the test class that generates this side's answers. It takes either
     * one {@code String} (the rendered {@code prompt} parameter) or one {@code Map<String, String>}
     * (all rendered parameters), and returns a {@code String}. It may be static or an instance method.
     */
    String method() default "";

    /** The dataset column that holds this side's pre-generated answers. */
    String responseColumn() default "";

    /** Prompt parameters for a generating model or method; {@code prompt} is required for them. */
    PromptParam[] params() default {};
}
