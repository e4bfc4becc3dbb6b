package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.Vote;
import java.util.Collection;
import java.util.Optional;
import org.apiguardian.api.API;

/** The majority of autorater votes, by the same rule that decides a judgment's choice. */
@API(status = INTERNAL, since = "0.1")
public final class MajorityVote {

    private MajorityVote() {
    }

    /**
     * A if A has more votes than B and than TIE, B if B has more votes than A and than TIE, otherwise
     * TIE (a split between A and B is a tie). {@link Vote#ERROR} votes do not count.
     *
     * @return empty when there is no valid vote
     */
    public static Optional<Vote> of(Collection<Vote> votes) {
        int a = 0;
        int b = 0;
        int tie = 0;
        for (Vote vote : votes) {
            switch (vote) {
                case A -> a++;
                case B -> b++;
                case TIE -> tie++;
                case ERROR -> { }
            }
        }
        if (a + b + tie == 0) {
            return Optional.empty();
        }
        if (a > b && a > tie) {
            return Optional.of(Vote.A);
        }
        if (b > a && b > tie) {
            return Optional.of(Vote.B);
        }
        return Optional.of(Vote.TIE);
    }
}
