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
 * Makes a method a pairwise tournament: the candidates, a grid of {@link #models()} x {@link #temperatures()}
 * (each {@link #repeat()} times), are judged pairwise by the autorater, either each against the
 * {@link #baseline()} or {@link #roundRobin()} between all of them. Each pairing is its own test: the method
 * receives that pairing's {@link dev.evalunit.api.pairwise.PairwiseResult}. The whole is one
 * {@link dev.evalunit.api.pairwise.TournamentResult} (a Bradley-Terry ranking with bootstrap intervals),
 * injected elsewhere with {@link TournamentResults}. Each candidate answers each example once, whatever the
 * number of its pairings.
 *
 * <p>Declare the tournament in one of three ways (exactly one):
 * <ul>
 *   <li>{@link #value()}: a tournament JSON file (class path resource or file path);</li>
 *   <li>{@link #builder()}: a static method of the test class returning
 *       {@link dev.evalunit.api.TournamentDefinition};</li>
 *   <li>the attributes {@link #dataset()}, {@link #task()}, {@link #autorater()}, {@link #models()},
 *       {@link #params()} and the others.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(EvalUnitFacade.class)
@API(status = STABLE, since = "0.1")
public @interface PairwiseTournament {
    /** A tournament JSON file (see {@code docs/pairwise.md}). */
    String value() default "";

    /** A static method of the test class, without parameters, returning a {@code TournamentDefinition}. */
    String builder() default "";

    /** The tournament's name: its folder and what {@link TournamentResults} refers to; defaults to {@code <TestClass>.<method>}. */
    String name() default "";

    /** {@code evaluation_dataset}: a JSONL or CSV file, as a class path resource or a file path. */
    String dataset() default "";

    /** {@code id_columns}: the columns that identify an example, copied into every judgment. */
    String[] idColumns() default {};

    /** {@code task}: decides the autorater's criteria and the default instruction. */
    Task task() default Task.QUESTION_ANSWERING;

    /** The judge and what it is shown. */
    Autorater autorater() default @Autorater(model = "", instruction = @Prompt);

    /** Declared model names: the grid's first axis. */
    String[] models() default {};

    /** Sampling temperatures: a second grid axis, empty for none. */
    double[] temperatures() default {};

    /** How many times each candidate answers and is judged (repeats are separate pairings of the same candidates). */
    int repeat() default 1;

    /** The candidates' prompt parameters; {@code prompt} is required. */
    PromptParam[] params() default {};

    /**
     * The candidate every score is measured against, named as the tournament names it: the model name, or
     * {@code model[temperature=0.2]} when there is a temperature axis. Required unless {@link #roundRobin()},
     * where it defaults to the first candidate.
     */
    String baseline() default "";

    /** Judge every pair of candidates, not only each candidate against the baseline. */
    boolean roundRobin() default false;

    /** Bootstrap rounds of the scores' 95% intervals. */
    int bootstrapRounds() default 100;

    /** The bootstrap's seed: the same judgments give the same intervals. */
    long seed() default 0;
}
