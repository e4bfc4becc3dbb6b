package dev.evalunit.stats.pairwise;

import static dev.evalunit.api.pairwise.Position.AB;
import static dev.evalunit.api.pairwise.Position.BA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.Vote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Pairwise statistics")
class PairwiseStatisticsTest {

    private static final Offset<Double> EXACT = within(1e-12);

    @Nested
    @DisplayName("autorater rates")
    class AutoraterRates {

        @Test
        @DisplayName("count every judgment as an example but compute rates over the judgments that are not errors")
        void errorsCountedButNotRated() {
            PairwiseMetrics metrics = PairwiseStatistics.compute(List.of(
                    judged(Choice.MODEL_A), judged(Choice.MODEL_A), judged(Choice.MODEL_B), judged(Choice.TIE),
                    error()), false);

            assertThat(metrics.exampleCount()).isEqualTo(5);
            assertThat(metrics.errorCount()).isEqualTo(1);
            assertThat(metrics.modelAWinRate()).isEqualTo(0.5);
            assertThat(metrics.modelBWinRate()).isEqualTo(0.25);
            assertThat(metrics.tieRate()).isEqualTo(0.25);
        }

        @Test
        @DisplayName("bound the A win rate by its 95% Wilson interval over the same judgments (2 of 4: [0.1500, 0.8500])")
        void wilsonBounds() {
            PairwiseMetrics metrics = PairwiseStatistics.compute(List.of(
                    judged(Choice.MODEL_A), judged(Choice.MODEL_A), judged(Choice.MODEL_B), judged(Choice.TIE),
                    error(), error()), false);

            assertThat(metrics.modelAWinRateCiLow()).isCloseTo(0.1500, within(0.00005));
            assertThat(metrics.modelAWinRateCiHigh()).isCloseTo(0.8500, within(0.00005));
        }

        @Test
        @DisplayName("are null, not NaN, when every judgment is an error")
        void allErrors() {
            PairwiseMetrics metrics = PairwiseStatistics.compute(List.of(error(), error()), false);

            assertThat(metrics.exampleCount()).isEqualTo(2);
            assertThat(metrics.errorCount()).isEqualTo(2);
            assertThat(metrics.modelAWinRate()).isNull();
            assertThat(metrics.modelBWinRate()).isNull();
            assertThat(metrics.tieRate()).isNull();
            assertThat(metrics.modelAWinRateCiLow()).isNull();
            assertThat(metrics.modelAWinRateCiHigh()).isNull();
        }

        @Test
        @DisplayName("are null without any judgment, and so is every other figure")
        void noJudgments() {
            PairwiseMetrics metrics = PairwiseStatistics.compute(List.of(), false);

            assertThat(metrics.asMap()).containsEntry("example_count", 0).containsEntry("error_count", 0);
            assertThat(metrics.asMap().values()).filteredOn(v -> !(v instanceof Integer)).containsOnlyNulls();
        }
    }

    @Nested
    @DisplayName("position consistency")
    class PositionConsistency {

        @Test
        @DisplayName("is the share of examples with valid samples in both positions whose two majorities agree")
        void shareOfAgreeingMajorities() {
            PairwiseMetrics metrics = PairwiseStatistics.compute(List.of(
                    withSamples(Choice.MODEL_A, sample(AB, Vote.A), sample(BA, Vote.A)),
                    withSamples(Choice.TIE, sample(AB, Vote.A), sample(BA, Vote.B)),
                    // A and B split in AB: the majority there is a tie, as in BA
                    withSamples(Choice.TIE, sample(AB, Vote.A), sample(AB, Vote.B), sample(BA, Vote.TIE)),
                    // not counted: no valid sample in BA
                    withSamples(Choice.MODEL_A, sample(AB, Vote.A), sample(AB, Vote.ERROR), sample(BA, Vote.ERROR)),
                    // not counted: one position only
                    withSamples(Choice.MODEL_B, sample(AB, Vote.B), sample(AB, Vote.B))), false);

            assertThat(metrics.positionConsistency()).isCloseTo(2 / 3.0, EXACT);
        }

        @Test
        @DisplayName("takes the majority within each position, ignoring error samples")
        void majorityWithinPosition() {
            PairwiseMetrics metrics = PairwiseStatistics.compute(List.of(
                    withSamples(Choice.MODEL_B, sample(AB, Vote.B), sample(AB, Vote.B), sample(AB, Vote.A),
                            sample(BA, Vote.ERROR), sample(BA, Vote.B))), false);

            assertThat(metrics.positionConsistency()).isEqualTo(1.0);
        }

        @Test
        @DisplayName("counts an error judgment that has valid samples in both positions")
        void errorJudgmentWithBothPositions() {
            Judgment failed = Judgment.error(Map.of("id", "e"), "", "", "a", "b", "too many failed samples",
                    List.of(sample(AB, Vote.A), sample(BA, Vote.B)), null);

            assertThat(PairwiseStatistics.compute(List.of(failed), false).positionConsistency()).isEqualTo(0.0);
        }

        @Test
        @DisplayName("is null when no example has valid samples in both positions")
        void nullWithoutBothPositions() {
            PairwiseMetrics metrics = PairwiseStatistics.compute(List.of(
                    withSamples(Choice.MODEL_A, sample(AB, Vote.A)),
                    withSamples(Choice.MODEL_B, sample(BA, Vote.B), sample(AB, Vote.ERROR)),
                    error()), false);

            assertThat(metrics.positionConsistency()).isNull();
        }
    }

    @Nested
    @DisplayName("human alignment")
    class Alignment {

        // (autorater, human) pairs chosen so that every counting rule matters
        private final List<Judgment> judgments = List.of(
                judged(Choice.MODEL_A, "A"),       // TP
                judged(Choice.MODEL_A, "Model A"), // TP
                judged(Choice.MODEL_A, "b"),       // FP
                judged(Choice.MODEL_B, "Model B"), // TN
                judged(Choice.MODEL_B, "A"),       // FN
                judged(Choice.MODEL_B, " a "),     // FN
                judged(Choice.TIE, "A"),           // three-class only
                judged(Choice.MODEL_A, "TIE"),     // three-class only
                errorWithHuman("A"),               // in no human figure: errors are left out
                judged(Choice.MODEL_A, "maybe"),   // unparseable: in no human figure
                judged(Choice.MODEL_B, null));     // no label: in no human figure

        private final HumanAlignment alignment = PairwiseStatistics.compute(judgments, true).humanAlignment();

        @Test
        @DisplayName("is absent without human preferences")
        void absentWithoutHumanPreferences() {
            assertThat(PairwiseStatistics.compute(judgments, false).humanAlignment()).isNull();
        }

        @Test
        @DisplayName("rates the humans' choices over the examples where both chose A or B (4 A and 2 B of 6)")
        void humanWinRates() {
            assertThat(alignment.humanModelAWinRate()).isCloseTo(4 / 6.0, EXACT);
            assertThat(alignment.humanModelBWinRate()).isCloseTo(2 / 6.0, EXACT);
        }

        @Test
        @DisplayName("counts the binary confusion matrix with Model A positive, ties and errors left out")
        void binaryCounts() {
            assertThat(alignment.alignmentExampleCount()).isEqualTo(6);
            assertThat(alignment.truePositiveCount()).isEqualTo(2);
            assertThat(alignment.falsePositiveCount()).isEqualTo(1);
            assertThat(alignment.trueNegativeCount()).isEqualTo(1);
            assertThat(alignment.falseNegativeCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("derives accuracy 3/6, precision 2/3, recall 2/4, F1 4/7 and kappa 0 from those counts")
        void binaryFigures() {
            assertThat(alignment.accuracy()).isCloseTo(0.5, EXACT);
            assertThat(alignment.precision()).isCloseTo(2 / 3.0, EXACT);
            assertThat(alignment.recall()).isCloseTo(0.5, EXACT);
            assertThat(alignment.f1()).isCloseTo(4 / 7.0, EXACT);
            // observed 3/6; chance (human 4 A, 2 B; autorater 3 A, 3 B) = (12 + 6) / 36 = 1/2
            assertThat(alignment.cohensKappa()).isCloseTo(0.0, EXACT);
        }

        @Test
        @DisplayName("scores the three classes over the eight non-error examples with a valid label")
        void threeClassFigures() {
            // human     A A B B A A A TIE
            // autorater A A A B B B TIE A
            assertThat(alignment.threeClassAccuracy()).isCloseTo(3 / 8.0, EXACT);
            // A: P 2/4 R 2/5 F1 4/9; B: P 1/3 R 1/2 F1 2/5; TIE: 0 0 0
            assertThat(alignment.macroPrecision()).isCloseTo(5 / 18.0, EXACT);
            assertThat(alignment.macroRecall()).isCloseTo(0.3, EXACT);
            assertThat(alignment.macroF1()).isCloseTo(38 / 135.0, EXACT);
            // observed 24/64; chance (5*4 + 2*3 + 1*1) / 64 = 27/64
            assertThat(alignment.threeClassCohensKappa()).isCloseTo(-3 / 37.0, EXACT);
        }

        @Test
        @DisplayName("gives null figures, never NaN, when no example qualifies")
        void emptyDenominators() {
            HumanAlignment none = PairwiseStatistics.compute(
                    List.of(errorWithHuman(null), judged(Choice.TIE, "nonsense")), true).humanAlignment();

            assertThat(none.alignmentExampleCount()).isZero();
            assertThat(Arrays.asList(none.humanModelAWinRate(), none.humanModelBWinRate(), none.accuracy(),
                    none.precision(), none.recall(), none.f1(), none.cohensKappa(), none.threeClassAccuracy(),
                    none.macroPrecision(), none.macroRecall(), none.macroF1(), none.threeClassCohensKappa()))
                    .containsOnlyNulls();
        }

        @Test
        @DisplayName("gives null binary figures and human win rates when every labelled judgment involves a tie, but keeps three-class ones")
        void onlyTies() {
            HumanAlignment ties = PairwiseStatistics.compute(
                    List.of(judged(Choice.TIE, "A"), judged(Choice.MODEL_B, "TIE")), true).humanAlignment();

            assertThat(ties.alignmentExampleCount()).isZero();
            assertThat(Arrays.asList(ties.accuracy(), ties.precision(), ties.recall(), ties.f1(), ties.cohensKappa()))
                    .containsOnlyNulls();
            assertThat(ties.threeClassAccuracy()).isEqualTo(0.0);
            assertThat(ties.humanModelAWinRate()).isNull();
        }

        @Test
        @DisplayName("leaves precision null but F1 at 0 when the autorater never chose A and the human did")
        void neverChoseA() {
            HumanAlignment alignment = PairwiseStatistics.compute(
                    List.of(judged(Choice.MODEL_B, "A"), judged(Choice.MODEL_B, "B")), true).humanAlignment();

            assertThat(alignment.precision()).isNull();
            assertThat(alignment.recall()).isEqualTo(0.0);
            assertThat(alignment.f1()).isEqualTo(0.0);
            assertThat(alignment.accuracy()).isEqualTo(0.5);
        }
    }

    private static Judgment judged(Choice choice) {
        return judged(choice, null);
    }

    private static Judgment judged(Choice choice, String human) {
        Vote vote = switch (choice) {
            case MODEL_A -> Vote.A;
            case MODEL_B -> Vote.B;
            default -> Vote.TIE;
        };
        return new Judgment(Map.of(), "", "", "a", "b", choice, 1.0, "", List.of(sample(AB, vote)),
                human);
    }

    private static Judgment withSamples(Choice choice, AutoraterSample... samples) {
        return new Judgment(Map.of(), "", "", "a", "b", choice, 1.0, "", new ArrayList<>(List.of(samples)),
                null);
    }

    private static Judgment error() {
        return errorWithHuman(null);
    }

    private static Judgment errorWithHuman(String human) {
        return Judgment.error(Map.of(), "", "", "a", "b", "input over the token limit", List.of(),
                human);
    }

    private static AutoraterSample sample(Position position, Vote vote) {
        return new AutoraterSample(position, vote, "");
    }
}
