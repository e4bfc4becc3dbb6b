package dev.evalunit.assertj;

import static org.apiguardian.api.API.Status.STABLE;

import dev.evalunit.api.pairwise.TournamentResult;
import dev.evalunit.api.pairwise.TournamentStanding;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a pairwise tournament: {@code assertThat(tournament).model("m2").ranksAbove("m1")}. Failures
 * name the candidate, the figure, its value, the expectation, the ranking and the tournament's file.
 */
@API(status = STABLE, since = "0.1")
public class TournamentResultAssert extends AbstractAssert<TournamentResultAssert, TournamentResult> {

    public TournamentResultAssert(TournamentResult actual) {
        super(actual, TournamentResultAssert.class);
    }

    /** The standing of the candidate called {@code model}; fails when it is not ranked. */
    public TournamentStandingAssert model(String model) {
        isNotNull();
        TournamentStanding standing = actual.standing(model).orElse(null);
        if (standing == null) {
            failWithMessage("Expected candidate [%s] in the ranking, but it is %s; %s", model,
                    actual.unranked().contains(model) ? "unranked (no valid verdict links it to the baseline)"
                            : "not a candidate", context());
        }
        TournamentStandingAssert assertion = new TournamentStandingAssert(standing, this);
        return info.hasDescription() ? assertion.as(info.description()) : assertion;
    }

    /** Ranking, baseline and file, for failure messages. */
    String context() {
        return "ranking " + actual.ranking() + " against baseline [" + actual.baseline() + "] of tournament ["
                + actual.name() + "]" + (actual.reportDirectory() == null ? ""
                : " (" + actual.reportDirectory().resolve(TournamentResult.TOURNAMENT_FILE) + ")");
    }

    /** Assertions on one candidate's standing. */
    @API(status = STABLE, since = "0.1")
    public static class TournamentStandingAssert extends AbstractAssert<TournamentStandingAssert, TournamentStanding> {

        private final TournamentResultAssert tournament;

        TournamentStandingAssert(TournamentStanding actual, TournamentResultAssert tournament) {
            super(actual, TournamentStandingAssert.class);
            this.tournament = tournament;
        }

        /** Its rank is better (smaller) than {@code other}'s; fails when {@code other} is not ranked. */
        public TournamentStandingAssert ranksAbove(String other) {
            TournamentStanding below = tournament.actual.standing(other).orElse(null);
            if (below == null) {
                failWithMessage("Expected [%s] to rank above [%s], but [%s] is not ranked; %s", actual.model(), other,
                        other, tournament.context());
            } else if (actual.rank() >= below.rank()) {
                failWithMessage("Expected [%s] to rank above [%s], but it ranks %d (score %s) and [%s] ranks %d (score %s);"
                        + " %s", actual.model(), other, actual.rank(), actual.score(), other, below.rank(), below.score(),
                        tournament.context());
            }
            return this;
        }

        /** The predicted win rate against the baseline. */
        public StatisticAssert score() {
            return figure(actual.score(), "score");
        }

        /** The lower bound of the score's bootstrap 95% interval. */
        public StatisticAssert scoreCiLow() {
            return figure(actual.ciLow(), "score ci_low");
        }

        /** The upper bound of the score's bootstrap 95% interval. */
        public StatisticAssert scoreCiHigh() {
            return figure(actual.ciHigh(), "score ci_high");
        }

        /** The rank, 1 for the best. */
        public org.assertj.core.api.AbstractIntegerAssert<?> rank() {
            return EvalAssertions.assertThat(actual.rank())
                    .as("rank of [%s]; %s", actual.model(), tournament.context());
        }

        private StatisticAssert figure(Double value, String name) {
            StatisticAssert figure = new StatisticAssert(value, name + " of [" + actual.model() + "]",
                    tournament.context(), "no bootstrap round scored it");
            return info.hasDescription() ? figure.as(info.description()) : figure;
        }
    }
}
