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
 * Injects the {@link dev.evalunit.api.pairwise.TournamentResult} of the tournament with this name, declared
 * by a {@link PairwiseTournament} method of the same test class. Each pairing runs at most once per test
 * run, whether its own test or this parameter needs it first.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@ExtendWith(EvalUnitFacade.class)
@API(status = STABLE, since = "0.1")
public @interface TournamentResults {
    /** The tournament's name. */
    String value();
}
