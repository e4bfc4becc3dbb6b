package dev.evalunit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * A named prompt parameter of a generating model (AutoSxS {@code model_a_prompt_parameters}).
 * A model client sends the parameter named {@code prompt} as the user message.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
@API(status = STABLE, since = "0.1")
public @interface PromptParam {
    /** The parameter's name; {@code prompt} is the user message sent to the model. */
    String name() default "prompt";

    /** A column whose cell is used as is. */
    String column() default "";

    /** A template with {@code {{ column }}} placeholders. */
    String template() default "";
}
