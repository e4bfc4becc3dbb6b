package dev.evalunit.budget;

/**
 * An evaluation whose results cannot be trusted because too many of its calls failed: the model
 * servers, the network or the judge broke, not the quality under test. Deliberately not an
 * {@link AssertionError}, so that JUnit and Surefire report an error rather than a failed
 * threshold, and a CI gate can tell "the candidate is worse" from "the run was broken".
 */
public final class EvaluationInfrastructureException extends RuntimeException {

    public EvaluationInfrastructureException(String message) {
        super(message);
    }
}
