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
 * Makes a method run once per experiment of an experiment set: a grid of models and
 * configurations, each repeated, over one dataset, scored by metrics. The method receives each
 * {@link dev.evalunit.api.experiment.ExperimentResult}. The set runs once per test run; its
 * {@link dev.evalunit.api.experiment.ExperimentSetResult} can be injected elsewhere with
 * {@link ExperimentSetResults}.
 *
 * <p>Declare the set in one of three ways (exactly one):
 * <ul>
 *   <li>{@link #value()}: an EvalAP experiment-set JSON file (class path resource or file path);</li>
 *   <li>{@link #builder()}: a static method of the test class returning
 *       {@link dev.evalunit.api.experiment.ExperimentSetDefinition};</li>
 *   <li>the attributes {@link #name()}, {@link #dataset()}, {@link #metrics()}, {@link #judgeModel()},
 *       {@link #models()}, {@link #methods()}, {@link #temperatures()}, {@link #repeat()}.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(EvalUnitFacade.class)
@API(status = STABLE, since = "0.1")
public @interface ExperimentSet {
    /** An EvalAP experiment-set JSON file. */
    String value() default "";

    /** A static method of the test class, without parameters, returning an {@code ExperimentSetDefinition}. */
    String builder() default "";

    /** The set's name (attribute declaration). */
    String name() default "";

    /** The dataset, JSONL or CSV (attribute declaration). */
    String dataset() default "";

    /**
     * Metric names, e.g. {@code judge_precision}, {@code output_length}, or the name of a metric of your own
     * registered as a {@link dev.evalunit.api.spi.Metric} service (attribute declaration).
     */
    String[] metrics() default {};

    /** The declared model that judges LLM-judge metrics (attribute declaration). */
    String judgeModel() default "";

    /** Declared model names: one grid axis (attribute declaration). */
    String[] models() default {};

    /**
     * Methods of the test class that answer in place of a model, {@code String m(String prompt)}: further
     * values of the {@link #models()} axis, after the models (attribute declaration). Each is called with
     * the row's prompt, as a model would receive it.
     */
    String[] methods() default {};

    /** Sampling temperatures: a second grid axis, empty for none (attribute declaration). */
    double[] temperatures() default {};

    /** Repeats of each configuration (attribute declaration). */
    int repeat() default 1;
}
