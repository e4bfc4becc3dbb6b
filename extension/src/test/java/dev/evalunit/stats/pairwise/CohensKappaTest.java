package dev.evalunit.stats.pairwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cohen's kappa")
class CohensKappaTest {

    @Test
    @DisplayName("is 0.4 for the textbook 50 items (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)")
    void textbookExample() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        add(a, b, "yes", "yes", 20);
        add(a, b, "yes", "no", 5);
        add(a, b, "no", "yes", 10);
        add(a, b, "no", "no", 15);

        // observed 0.70, chance 0.5 * 0.6 + 0.5 * 0.4 = 0.50
        assertThat(CohensKappa.of(a, b)).isCloseTo(0.4, within(1e-12));
    }

    @Test
    @DisplayName("handles three labels: observed 4/6, chance 1/3, kappa 0.5")
    void threeLabels() {
        List<String> a = List.of("A", "A", "B", "B", "TIE", "TIE");
        List<String> b = List.of("A", "B", "B", "B", "TIE", "A");

        assertThat(CohensKappa.of(a, b)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    @DisplayName("accepts a label that only one rater used")
    void labelUsedByOneRater() {
        // observed 2/3; chance = (A: 1*1 + B: 2*1 + TIE: 0*1) / 9 = 1/3; kappa (2/3 - 1/3) / (2/3)
        List<String> a = List.of("A", "B", "B");
        List<String> b = List.of("A", "TIE", "B");

        assertThat(CohensKappa.of(a, b)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    @DisplayName("is 1 for perfect agreement and negative for systematic disagreement")
    void perfectAndSystematicDisagreement() {
        assertThat(CohensKappa.of(List.of("A", "B", "A"), List.of("A", "B", "A"))).isEqualTo(1.0);
        assertThat(CohensKappa.of(List.of("A", "B"), List.of("B", "A"))).isEqualTo(-1.0);
    }

    @Test
    @DisplayName("is 1, not NaN, when both raters used one and the same label throughout")
    void unanimousSingleLabel() {
        assertThat(CohensKappa.of(List.of("A", "A", "A"), List.of("A", "A", "A"))).isEqualTo(1.0);
    }

    @Test
    @DisplayName("is 0 when one rater used a single label and the other did not")
    void oneConstantRater() {
        // observed 1/2, chance (2*1 + 0*1) / 4 = 1/2
        assertThat(CohensKappa.of(List.of("A", "A"), List.of("A", "B"))).isEqualTo(0.0);
    }

    @Test
    @DisplayName("is null without items")
    void emptyIsNull() {
        assertThat(CohensKappa.of(List.of(), List.of())).isNull();
    }

    @Test
    @DisplayName("rejects raters who labelled different numbers of items")
    void rejectsDifferentLengths() {
        assertThatThrownBy(() -> CohensKappa.of(List.of("A"), List.of("A", "B")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("both raters must label the same items, got 1 and 2 labels");
    }

    private static void add(List<String> a, List<String> b, String labelA, String labelB, int times) {
        a.addAll(Collections.nCopies(times, labelA));
        b.addAll(Collections.nCopies(times, labelB));
    }
}
