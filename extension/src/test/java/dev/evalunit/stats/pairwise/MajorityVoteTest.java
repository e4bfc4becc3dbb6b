package dev.evalunit.stats.pairwise;

import static dev.evalunit.api.pairwise.Vote.A;
import static dev.evalunit.api.pairwise.Vote.B;
import static dev.evalunit.api.pairwise.Vote.ERROR;
import static dev.evalunit.api.pairwise.Vote.TIE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The majority of votes")
class MajorityVoteTest {

    @Test
    @DisplayName("is the side with more votes than each other option")
    void clearMajority() {
        assertThat(MajorityVote.of(List.of(A, A, B))).contains(A);
        assertThat(MajorityVote.of(List.of(B, TIE, B, A))).contains(B);
        assertThat(MajorityVote.of(List.of(TIE, TIE, A))).contains(TIE);
    }

    @Test
    @DisplayName("is a tie when A and B split or a side only matches the ties")
    void splitsAreTies() {
        assertThat(MajorityVote.of(List.of(A, B))).contains(TIE);
        assertThat(MajorityVote.of(List.of(A, TIE))).contains(TIE);
        assertThat(MajorityVote.of(List.of(A, B, TIE))).contains(TIE);
    }

    @Test
    @DisplayName("ignores error votes, and is absent without any valid vote")
    void ignoresErrors() {
        assertThat(MajorityVote.of(List.of(ERROR, ERROR, B))).contains(B);
        assertThat(MajorityVote.of(List.of(ERROR))).isEmpty();
        assertThat(MajorityVote.of(List.of())).isEmpty();
    }
}
