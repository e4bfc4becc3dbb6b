package dev.evalunit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ClosestName")
class ClosestNameTest {

    private static final List<String> NAMES = List.of("judge_notator", "judge_precision", "output_length");

    @Test
    @DisplayName("suggests the name fewest edits away: a swap, a missing or a doubled letter")
    void suggests() {
        assertThat(ClosestName.to("judge_precisoin", NAMES)).contains("judge_precision");
        assertThat(ClosestName.to("judge_precison", NAMES)).contains("judge_precision");
        assertThat(ClosestName.to("output_lenght", NAMES)).contains("output_length");
        assertThat(ClosestName.to("judge_notatorr", NAMES)).contains("judge_notator");
    }

    @Test
    @DisplayName("suggests nothing when every name is far off")
    void nothingClose() {
        assertThat(ClosestName.to("bleu", NAMES)).isEmpty();
        assertThat(ClosestName.to("answer_characters", NAMES)).isEmpty();
        assertThat(ClosestName.to("x", List.of())).isEmpty();
    }

    @Test
    @DisplayName("counts insertions, deletions and substitutions")
    void distance() {
        assertThat(ClosestName.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(ClosestName.distance("", "abc")).isEqualTo(3);
        assertThat(ClosestName.distance("same", "same")).isZero();
    }
}
