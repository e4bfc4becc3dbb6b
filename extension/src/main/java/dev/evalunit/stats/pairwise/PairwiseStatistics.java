package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.HumanPreference;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.SignTest;
import dev.evalunit.api.pairwise.Vote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The figures of a pairwise evaluation (docs/file-formats.md, "metrics.json"), computed from its judgments alone,
 * in one pass: {@link #add} each judgment in dataset order, then {@link #metrics}. What it keeps per judgment is
 * a few enum references for the human agreement figures (none without a human preference column), never the
 * judgment, so a run can hand it each judgment as it is written and let the judgment go.
 */
@API(status = INTERNAL, since = "0.1")
public final class PairwiseStatistics {

    private final boolean withHumanPreferences;
    private final JudgeBiasDiagnostics bias = new JudgeBiasDiagnostics();
    private int count;
    private int errors;
    private int modelA;
    private int modelB;
    private int ties;
    private int positionQualifying;
    private int positionConsistent;
    private int humanA;
    private int humanB;
    private int tp;
    private int fp;
    private int tn;
    private int fn;
    private final List<Vote> binaryHuman = new ArrayList<>();
    private final List<Vote> binaryAutorater = new ArrayList<>();
    private final List<Vote> threeClassHuman = new ArrayList<>();
    private final List<Vote> threeClassAutorater = new ArrayList<>();

    /**
     * @param withHumanPreferences whether the evaluation has a human preference column; without one
     *     the metrics carry no {@link HumanAlignment}
     */
    public PairwiseStatistics(boolean withHumanPreferences) {
        this.withHumanPreferences = withHumanPreferences;
    }

    /**
     * Computes the pairwise metrics. Denominators, figure by figure:
     * <ul>
     *   <li>{@code example_count}: every judgment; {@code error_count}: the {@code Error} judgments.</li>
     *   <li>{@code autosxs_model_a_win_rate}, {@code autosxs_model_b_win_rate}, {@code tie_rate} and the
     *       95% Wilson bounds of the A win rate: the judgments that are not {@code Error}.</li>
     *   <li>The Wilson intervals of the B win rate and the tie rate: the same judgments.</li>
     *   <li>{@code decisive_count}, {@code decisive_model_a_win_count}, {@code sign_test_p_value} and
     *       {@code minimum_detectable_difference}: the judgments that chose Model A or Model B
     *       (see {@link ExactBinomialTest}).</li>
     *   <li>The judge bias figures: see {@link JudgeBiasDiagnostics}.</li>
     *   <li>{@code position_consistency}: the judgments (whatever their choice) with at least one
     *       valid sample shown as AB and one shown as BA; the share whose majority of AB samples equals
     *       the majority of BA samples (votes mapped back to the original A/B).</li>
     *   <li>{@code alignment_example_count}, {@code human_preference_model_a_win_rate} / {@code _b_}
     *       (as docs/file-formats.md groups them with the binary figures), the four confusion counts, {@code accuracy},
     *       {@code precision} (TP / (TP + FP)), {@code recall} (TP / (TP + FN)), {@code f1}
     *       (2TP / (2TP + FP + FN)), {@code cohens_kappa} and its interval ({@link KappaInterval}): the judgments where the autorater chose
     *       Model A or Model B and the human chose A or B; Model A is the positive class.</li>
     *   <li>{@code three_class_accuracy}, {@code macro_precision}, {@code macro_recall},
     *       {@code macro_f1} and {@code three_class_cohens_kappa} with its interval: the judgments that are not
     *       {@code Error} and whose human preference is A, B or TIE; labels {A, B, TIE}; macro
     *       figures are the means over the labels used by the autorater or the humans, a per-label
     *       figure with an empty denominator counting as 0 (scikit-learn's conventions).</li>
     * </ul>
     * A human preference that is blank or not one of {@value HumanPreference#ACCEPTED} is left out
     * of every human figure. A figure whose denominator is empty is {@code null}, never {@code NaN}.
     *
     * @param withHumanPreferences whether the evaluation has a human preference column; without one
     *     the metrics carry no {@link HumanAlignment}
     */
    public static PairwiseMetrics compute(Iterable<Judgment> judgments, boolean withHumanPreferences) {
        PairwiseStatistics statistics = new PairwiseStatistics(withHumanPreferences);
        judgments.forEach(statistics::add);
        return statistics.metrics();
    }

    /** Counts {@code judgment}, the next in dataset order. */
    public void add(Judgment judgment) {
        count++;
        switch (judgment.choice()) {
            case MODEL_A -> modelA++;
            case MODEL_B -> modelB++;
            case TIE -> ties++;
            case ERROR -> errors++;
        }
        Optional<Vote> asShown = majorityIn(judgment, Position.AB);
        Optional<Vote> swapped = majorityIn(judgment, Position.BA);
        if (asShown.isPresent() && swapped.isPresent()) {
            positionQualifying++;
            positionConsistent += asShown.get() == swapped.get() ? 1 : 0;
        }
        if (withHumanPreferences) {
            addHuman(judgment);
        }
        bias.add(judgment);
    }

    /** The figures of the judgments added so far (see {@link #compute}). */
    public PairwiseMetrics metrics() {
        int judged = count - errors;
        double[] aInterval = wilson(modelA, judged);
        double[] bInterval = wilson(modelB, judged);
        double[] tieInterval = wilson(ties, judged);
        int decisive = modelA + modelB;
        return new PairwiseMetrics(count, errors,
                Ratio.of(modelA, judged), Ratio.of(modelB, judged), Ratio.of(ties, judged),
                low(aInterval), high(aInterval),
                Ratio.of(positionConsistent, positionQualifying),
                withHumanPreferences ? humanAlignment() : null,
                low(bInterval), high(bInterval), low(tieInterval), high(tieInterval),
                new SignTest(decisive, modelA, ExactBinomialTest.twoSidedPValue(modelA, decisive),
                        ExactBinomialTest.minimumDetectableDifference(decisive, ExactBinomialTest.ALPHA_05)),
                bias.result());
    }

    /** The 95% Wilson interval, {@code null} without trials. */
    private static double[] wilson(int successes, int n) {
        return n == 0 ? null : WilsonInterval.of(successes, n);
    }

    private static Double low(double[] interval) {
        return interval == null ? null : interval[0];
    }

    private static Double high(double[] interval) {
        return interval == null ? null : interval[1];
    }

    private static Optional<Vote> majorityIn(Judgment judgment, Position position) {
        return MajorityVote.of(judgment.samples().stream()
                .filter(sample -> sample.position() == position)
                .map(AutoraterSample::choice)
                .toList());
    }

    private void addHuman(Judgment judgment) {
        Optional<Vote> parsed = HumanPreference.parse(judgment.humanPreference());
        if (parsed.isEmpty() || judgment.isError()) {
            return;
        }
        Vote human = parsed.get();
        Vote autorater = voteOf(judgment.choice());
        threeClassHuman.add(human);
        threeClassAutorater.add(autorater);
        if (autorater == Vote.TIE || human == Vote.TIE) {
            return;
        }
        binaryHuman.add(human);
        binaryAutorater.add(autorater);
        humanA += human == Vote.A ? 1 : 0;
        humanB += human == Vote.B ? 1 : 0;
        if (autorater == Vote.A) {
            if (human == Vote.A) {
                tp++;
            } else {
                fp++;
            }
        } else if (human == Vote.B) {
            tn++;
        } else {
            fn++;
        }
    }

    private HumanAlignment humanAlignment() {
        BinaryScores binary = new BinaryScores(tp, fp, tn, fn);
        MulticlassScores<Vote> threeClass = MulticlassScores.of(threeClassHuman, threeClassAutorater);
        double[] binaryKappa = KappaInterval.of(binaryHuman, binaryAutorater);
        double[] threeClassKappa = KappaInterval.of(threeClassHuman, threeClassAutorater);
        return new HumanAlignment(binary.count(), Ratio.of(humanA, binary.count()), Ratio.of(humanB, binary.count()),
                tp, fp, tn, fn,
                binary.accuracy(), binary.precision(), binary.recall(), binary.f1(),
                CohensKappa.of(binaryHuman, binaryAutorater),
                threeClass.accuracy(), threeClass.macroPrecision(), threeClass.macroRecall(), threeClass.macroF1(),
                CohensKappa.of(threeClassHuman, threeClassAutorater),
                low(binaryKappa), high(binaryKappa), low(threeClassKappa), high(threeClassKappa));
    }

    private static Vote voteOf(Choice choice) {
        return switch (choice) {
            case MODEL_A -> Vote.A;
            case MODEL_B -> Vote.B;
            case TIE -> Vote.TIE;
            case ERROR -> throw new IllegalArgumentException("an Error judgment has no vote");
        };
    }
}
