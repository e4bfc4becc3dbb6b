package dev.evalunit.stats.pairwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.evalunit.stats.pairwise.MulticlassScores.ClassScores;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Multiclass scores")
class MulticlassScoresTest {

    private static final Offset<Double> EXACT = within(1e-12);

    @Nested
    @DisplayName("of six items over A, B and TIE")
    class SixItems {
        // truth A A A B B TIE / predicted A A B B A B
        private final MulticlassScores<String> scores =
                MulticlassScores.of(List.of("A", "A", "A", "B", "B", "TIE"), List.of("A", "A", "B", "B", "A", "B"));

        @Test
        @DisplayName("have accuracy 3/6")
        void accuracy() {
            assertThat(scores.count()).isEqualTo(6);
            assertThat(scores.accuracy()).isCloseTo(0.5, EXACT);
        }

        @Test
        @DisplayName("score each class: A 2/3 2/3 2/3, B 1/3 1/2 2/5, TIE never predicted 0 0 0")
        void perClass() {
            ClassScores a = scores.perClass().get("A");
            ClassScores b = scores.perClass().get("B");
            ClassScores tie = scores.perClass().get("TIE");

            assertThat(List.of(a.precision(), a.recall(), a.f1())).containsExactly(2 / 3.0, 2 / 3.0, 2 / 3.0);
            assertThat(b.precision()).isCloseTo(1 / 3.0, EXACT);
            assertThat(b.recall()).isCloseTo(0.5, EXACT);
            assertThat(b.f1()).isCloseTo(0.4, EXACT);
            assertThat(List.of(tie.precision(), tie.recall(), tie.f1())).containsExactly(0.0, 0.0, 0.0);
            assertThat(List.of(a.support(), b.support(), tie.support())).containsExactly(3, 2, 1);
        }

        @Test
        @DisplayName("average over the three classes, macro F1 being the mean of the per-class F1")
        void macroAverages() {
            assertThat(scores.macroPrecision()).isCloseTo(1 / 3.0, EXACT);
            assertThat(scores.macroRecall()).isCloseTo(7 / 18.0, EXACT);
            assertThat(scores.macroF1()).isCloseTo(16 / 45.0, EXACT);
        }
    }

    @Test
    @DisplayName("average over the labels of either list, a label only predicted included")
    void unionOfLabels() {
        // A is perfect; B (true, never predicted) and TIE (predicted, never true) score 0
        MulticlassScores<String> scores = MulticlassScores.of(List.of("A", "B"), List.of("A", "TIE"));

        assertThat(scores.perClass()).containsOnlyKeys("A", "B", "TIE");
        assertThat(scores.macroPrecision()).isCloseTo(1 / 3.0, EXACT);
        assertThat(scores.macroRecall()).isCloseTo(1 / 3.0, EXACT);
        assertThat(scores.macroF1()).isCloseTo(1 / 3.0, EXACT);
    }

    @Test
    @DisplayName("are all 1 when every prediction is right")
    void perfect() {
        MulticlassScores<String> scores = MulticlassScores.of(List.of("A", "B", "B"), List.of("A", "B", "B"));

        assertThat(List.of(scores.accuracy(), scores.macroPrecision(), scores.macroRecall(), scores.macroF1()))
                .containsExactly(1.0, 1.0, 1.0, 1.0);
    }

    @Test
    @DisplayName("are null without items")
    void emptyIsNull() {
        MulticlassScores<String> scores = MulticlassScores.of(List.of(), List.of());

        assertThat(scores.count()).isZero();
        assertThat(scores.accuracy()).isNull();
        assertThat(scores.macroPrecision()).isNull();
        assertThat(scores.macroRecall()).isNull();
        assertThat(scores.macroF1()).isNull();
        assertThat(scores.perClass()).isEmpty();
    }

    @Test
    @DisplayName("reject lists of different lengths")
    void rejectsDifferentLengths() {
        assertThatThrownBy(() -> MulticlassScores.of(List.of("A", "B"), List.of("A")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("every item needs a true and a predicted label, got 2 true and 1 predicted labels");
    }
}
