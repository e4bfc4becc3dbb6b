package dev.evalunit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a method a pairwise (side-by-side) evaluation: models A and B answer the same prompts, an
 * autorater picks the better answer per example, and the method receives the
 * {@link dev.evalunit.api.pairwise.PairwiseResult} to assert on. Parameters follow Vertex AI AutoSxS.
 * Usable as a meta-annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(EvalUnitFacade.class)
@API(status = STABLE, since = "0.1")
public @interface PairwiseEval {
    /** {@code evaluation_dataset}: a JSONL or CSV file, as a class path resource or a file path. */
    String dataset();

    /** {@code id_columns}: the columns that identify an example, copied into every judgment. */
    String[] idColumns() default {};

    /** {@code task}: decides the autorater's criteria and the default instruction. */
    Task task();

    /** The judge and what it is shown. */
    Autorater autorater();

    /** Side A. */
    Candidate modelA();

    /** Side B. */
    Candidate modelB();

    /** {@code human_preference_column}: optional column of human choices ({@code A}, {@code B}, {@code Model A}, {@code Model B}, {@code TIE}). */
    String humanPreferenceColumn() default "";

    /** A name for the evaluation's files; defaults to {@code <TestClass>.<method>}. */
    String name() default "";
}
