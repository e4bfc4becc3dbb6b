package dev.evalunit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/** The LLM judge of a pairwise evaluation and what it is shown (AutoSxS {@code autorater_prompt_parameters}). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
@API(status = STABLE, since = "0.1")
public @interface Autorater {
    /** Marks an int attribute as not given here: the configuration or the default applies. */
    int UNSET = -1;

    /** The name of the declared model that judges. */
    String model();

    /** {@code inference_instruction}: the instruction both answers respond to. */
    Prompt instruction();

    /** {@code inference_context}: the material the answers must be grounded in. */
    Prompt context() default @Prompt;

    /** Autorater calls per example, half with A and B swapped. Unset: {@code evalunit.autorater.samples}, default 4. */
    int samples() default UNSET;

    /** Token limit of one autorater input. Unset: {@code evalunit.autorater.max-input-tokens}, default 4096. */
    int maxInputTokens() default UNSET;
}
