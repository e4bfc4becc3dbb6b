package dev.evalunit.api.pairwise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A human preference cell")
class HumanPreferenceTest {

    @ParameterizedTest(name = "[{0}] means Model A")
    @ValueSource(strings = {"A", "a", "Model A", "model a", "MODEL A", "  A  ", " Model A\t"})
    void readsModelA(String raw) {
        assertThat(HumanPreference.parse(raw)).contains(Vote.A);
    }

    @ParameterizedTest(name = "[{0}] means Model B")
    @ValueSource(strings = {"B", "b", "Model B", "model b", " B "})
    void readsModelB(String raw) {
        assertThat(HumanPreference.parse(raw)).contains(Vote.B);
    }

    @ParameterizedTest(name = "[{0}] means a tie")
    @ValueSource(strings = {"TIE", "Tie", "tie", " TIE "})
    void readsTie(String raw) {
        assertThat(HumanPreference.parse(raw)).contains(Vote.TIE);
    }

    @ParameterizedTest(name = "[{0}] is not a preference")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "C", "Model C", "ModelA", "1", "2", "Error", "ERROR", "A B"})
    void rejectsAnythingElse(String raw) {
        assertThat(HumanPreference.parse(raw)).isEmpty();
    }

    @Test
    @DisplayName("lists the accepted spellings for messages")
    void listsAcceptedSpellings() {
        assertThat(HumanPreference.ACCEPTED).isEqualTo("A, B, Model A, Model B, TIE");
    }
}
