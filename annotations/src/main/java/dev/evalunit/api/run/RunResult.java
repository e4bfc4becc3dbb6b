package dev.evalunit.api.run;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The evaluations of a whole test run, all test classes and Surefire forks, as the fork that finishes last
 * sees them: sorted by name.
 *
 * @param evaluations one per pairwise evaluation or experiment set of the run
 * @param started when the first JVM of the run that recorded an evaluation started
 * @param finished when this summary of the run was made
 */
@API(status = STABLE, since = "0.1")
public record RunResult(List<RunEvaluation> evaluations, Instant started, Instant finished) {

    public RunResult {
        evaluations = List.copyOf(evaluations);
    }

    /** The evaluations whose gate outcome is {@code outcome} ({@link RunEvaluation#PASS} and so on). */
    public long count(String outcome) {
        return evaluations.stream().filter(e -> e.outcome().equals(outcome)).count();
    }

    /** From {@link #started} to {@link #finished}. */
    public Duration duration() {
        return Duration.between(started, finished);
    }
}
