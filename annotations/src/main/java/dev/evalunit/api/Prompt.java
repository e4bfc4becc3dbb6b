package dev.evalunit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * A prompt parameter: either a dataset {@link #column()} taken as is, or a {@link #template()} with
 * {@code {{ name }}} placeholders naming columns. Give exactly one of the two.
 * {@code {{ default_instruction }}} is reserved: it becomes the task's default instruction.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
@API(status = STABLE, since = "0.1")
public @interface Prompt {
    /** A column whose cell is used as is. */
    String column() default "";

    /** A template such as {@code "Answer the question: {{ question }}"}. */
    String template() default "";
}
