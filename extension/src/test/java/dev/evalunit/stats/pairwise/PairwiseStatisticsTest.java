package dev.evalunit.stats.pairwise;

import static dev.evalunit.api.pairwise.Position.AB;
import static dev.evalunit.api.pairwise.Position.BA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.JudgeBias;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.SignTest;
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

    @Nested
    @DisplayName("intervals and the sign test")
    class Significance {

        @Test
        @DisplayName("bound the B win rate and the tie rate by their 95% Wilson intervals (1 of 4: [0.0456, 0.6994])")
        void bAndTieIntervals() {
            PairwiseMetrics metrics = PairwiseStatistics.compute(List.of(
                    judged(Choice.MODEL_A), judged(Choice.MODEL_A), judged(Choice.MODEL_B), judged(Choice.TIE),
                    error()), false);

            assertThat(metrics.modelBWinRateCiLow()).isCloseTo(0.0456, within(0.00005));
            assertThat(metrics.modelBWinRateCiHigh()).isCloseTo(0.6994, within(0.00005));
            assertThat(metrics.tieRateCiLow()).isCloseTo(0.0456, within(0.00005));
            assertThat(metrics.tieRateCiHigh()).isCloseTo(0.6994, within(0.00005));
        }

        @Test
        @DisplayName("test A's 9 wins against B's 1 on the decisive examples, ties and errors left out: p = 22/1024, detectable 0.8")
        void signTest() {
            List<Judgment> judgments = new ArrayList<>();
            judgments.addAll(java.util.Collections.nCopies(9, judged(Choice.MODEL_A)));
            judgments.add(judged(Choice.MODEL_B));
            judgments.addAll(java.util.Collections.nCopies(3, judged(Choice.TIE)));
            judgments.add(error());

            SignTest test = PairwiseStatistics.compute(judgments, false).signTest();

            assertThat(test.decisiveCount()).isEqualTo(10);
            assertThat(test.modelAWinCount()).isEqualTo(9);
            assertThat(test.modelBWinCount()).isEqualTo(1);
            assertThat(test.pValue()).isCloseTo(2 * (1 + 10) / 1024.0, EXACT);
            assertThat(test.minimumDetectableDifference()).isEqualTo(0.8);
        }

        @Test
        @DisplayName("give the kappa interval with the binary and the three-class kappa")
        void kappaIntervals() {
            HumanAlignment alignment = PairwiseStatistics.compute(List.of(
                    judged(Choice.MODEL_A, "A"), judged(Choice.MODEL_A, "A"), judged(Choice.MODEL_B, "B"),
                    judged(Choice.MODEL_A, "B"), judged(Choice.MODEL_B, "B"), judged(Choice.TIE, "A")), true)
                    .humanAlignment();

            double[] binary = KappaInterval.of(List.of(Vote.A, Vote.A, Vote.B, Vote.B, Vote.B),
                    List.of(Vote.A, Vote.A, Vote.B, Vote.A, Vote.B));
            assertThat(alignment.cohensKappaCiLow()).isEqualTo(binary[0]);
            assertThat(alignment.cohensKappaCiHigh()).isEqualTo(binary[1]);
            assertThat(alignment.threeClassCohensKappaCiLow()).isLessThan(alignment.threeClassCohensKappa());
            assertThat(alignment.threeClassCohensKappaCiHigh()).isGreaterThan(alignment.threeClassCohensKappa());
        }
    }

    @Nested
    @DisplayName("judge bias")
    class Bias {

        @Test
        @DisplayName("position: the share of decisive samples won by the answer shown first (3 of 4, p = 10/16)")
        void position() {
            JudgeBias bias = PairwiseStatistics.compute(List.of(
                    withSamples(Choice.TIE, sample(AB, Vote.A), sample(BA, Vote.B)),   // first shown wins twice
                    withSamples(Choice.MODEL_A, sample(AB, Vote.A), sample(BA, Vote.A)), // once first, once second
                    withSamples(Choice.TIE, sample(AB, Vote.TIE), sample(BA, Vote.ERROR))), false).judgeBias();

            assertThat(bias.positionSampleCount()).isEqualTo(4);
            assertThat(bias.firstPositionWinRate()).isEqualTo(0.75);
            assertThat(bias.positionPValue()).isCloseTo(2 * (1 + 4) / 16.0, EXACT);
        }

        @Test
        @DisplayName("length: the share of decisive examples won by the longer response in code points, and A's length-adjusted win rate")
        void length() {
            JudgeBias bias = PairwiseStatistics.compute(List.of(
                    withResponses(Choice.MODEL_A, "a longer answer", "short"),
                    withResponses(Choice.MODEL_A, "a longer answer", "short"),
                    withResponses(Choice.MODEL_A, "a longer answer", "short"),
                    withResponses(Choice.MODEL_A, "short", "a longer answer"),
                    withResponses(Choice.MODEL_B, "short", "a longer answer"),
                    // two code points against three, although four chars against three
                    withResponses(Choice.MODEL_B, "\uD83D\uDE00\uD83D\uDE00", "abc"),
                    withResponses(Choice.MODEL_A, "same", "size"),            // equal length: left out
                    withResponses(Choice.TIE, "a longer answer", "short"),    // not decisive: left out
                    error()), false).judgeBias();

            assertThat(bias.lengthExampleCount()).isEqualTo(6);
            assertThat(bias.longerWinRate()).isCloseTo(5.0 / 6, EXACT);
            assertThat(bias.lengthPValue()).isCloseTo(2 * (1 + 6) / 64.0, EXACT);
            // A longer: 3 of 3 won by A; A shorter: 1 of 3 won by A; mean (1 + 1/3) / 2.
            assertThat(bias.lengthAdjustedModelAWinRate()).isCloseTo(2.0 / 3, EXACT);
        }

        @Test
        @DisplayName("length-adjusted win rate is null while A is always the longer (or always the shorter) answer")
        void adjustedNeedsBothGroups() {
            JudgeBias bias = PairwiseStatistics.compute(List.of(
                    withResponses(Choice.MODEL_A, "a longer answer", "short"),
                    withResponses(Choice.MODEL_B, "a longer answer", "short")), false).judgeBias();

            assertThat(bias.longerWinRate()).isEqualTo(0.5);
            assertThat(bias.lengthAdjustedModelAWinRate()).isNull();
        }
    }

    private static Judgment withResponses(Choice choice, String responseA, String responseB) {
        return new Judgment(Map.of(), "", "", responseA, responseB, choice, 1.0, "", List.of(), null);
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
