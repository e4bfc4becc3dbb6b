package dev.evalunit.budget;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * An evaluation whose results cannot be trusted because too many of its calls failed: the model
 * servers, the network or the judge broke, not the quality under test. Deliberately not an
 * {@link AssertionError}, so that JUnit and Surefire report an error rather than a failed
 * threshold, and a CI gate can tell "the candidate is worse" from "the run was broken".
 */
@API(status = STABLE, since = "0.1")
public final class EvaluationInfrastructureException extends RuntimeException {

    public EvaluationInfrastructureException(String message) {
        super(message);
    }
}
