package dev.evalunit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects the {@link dev.evalunit.api.experiment.ExperimentSetResult} of the set with this name,
 * declared by an {@link ExperimentSet} method of the same test class. The set runs at most once
 * per test run, whichever test asks first.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@ExtendWith(EvalUnitFacade.class)
@API(status = STABLE, since = "0.1")
public @interface ExperimentSetResults {
    /** The set's name. */
    String value();
}
