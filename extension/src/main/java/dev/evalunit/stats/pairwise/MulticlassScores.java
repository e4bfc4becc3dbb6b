package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.apiguardian.api.API;

/**
 * Accuracy and per-class and macro-averaged precision, recall and F1 of predicted labels against
 * true labels, with scikit-learn's conventions: the classes are the union of the labels in either
 * list, and a per-class figure whose denominator is empty counts as 0 ({@code zero_division=0}).
 * These conventions reproduce the figures PandaLM's authors published for their test set.
 *
 * @param count the number of items
 * @param accuracy share of items whose predicted label equals the true one; {@code null} without items
 * @param perClass the figures of each class, in order of first appearance (true labels first)
 * @param macroPrecision mean of the per-class precisions; {@code null} without items
 * @param macroRecall mean of the per-class recalls; {@code null} without items
 * @param macroF1 mean of the per-class F1 scores (not the F1 of the macro precision and recall);
 *     {@code null} without items
 */
@API(status = INTERNAL, since = "0.1")
public record MulticlassScores<T>(int count, Double accuracy, Map<T, ClassScores> perClass,
                                  Double macroPrecision, Double macroRecall, Double macroF1) {

    public MulticlassScores {
        perClass = Collections.unmodifiableMap(new LinkedHashMap<>(perClass));
    }

    /**
     * One class's figures, each 0 when its denominator is empty.
     *
     * @param support the number of items whose true label is this class
     */
    public record ClassScores(double precision, double recall, double f1, int support) {
    }

    /**
     * Scores {@code predicted} against {@code truth}, item by item.
     *
     * @throws IllegalArgumentException when the lists differ in length
     */
    public static <T> MulticlassScores<T> of(List<T> truth, List<T> predicted) {
        if (truth.size() != predicted.size()) {
            throw new IllegalArgumentException("every item needs a true and a predicted label, got "
                    + truth.size() + " true and " + predicted.size() + " predicted labels");
        }
        int n = truth.size();
        Set<T> labels = new LinkedHashSet<>(truth);
        labels.addAll(predicted);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (Objects.equals(truth.get(i), predicted.get(i))) {
                correct++;
            }
        }
        Map<T, ClassScores> perClass = new LinkedHashMap<>();
        for (T label : labels) {
            perClass.put(label, scoresOf(label, truth, predicted));
        }
        if (n == 0) {
            return new MulticlassScores<>(0, null, perClass, null, null, null);
        }
        return new MulticlassScores<>(n, (double) correct / n, perClass,
                mean(perClass, ClassScores::precision), mean(perClass, ClassScores::recall),
                mean(perClass, ClassScores::f1));
    }

    private static <T> ClassScores scoresOf(T label, List<T> truth, List<T> predicted) {
        int truePositives = 0;
        int predictedPositives = 0;
        int actualPositives = 0;
        for (int i = 0; i < truth.size(); i++) {
            boolean actual = Objects.equals(truth.get(i), label);
            boolean guessed = Objects.equals(predicted.get(i), label);
            actualPositives += actual ? 1 : 0;
            predictedPositives += guessed ? 1 : 0;
            truePositives += actual && guessed ? 1 : 0;
        }
        // 2TP / (2TP + FP + FN) equals the harmonic mean of precision and recall and needs no special case.
        int f1Denominator = predictedPositives + actualPositives;
        return new ClassScores(zeroIfEmpty(truePositives, predictedPositives),
                zeroIfEmpty(truePositives, actualPositives),
                zeroIfEmpty(2L * truePositives, f1Denominator), actualPositives);
    }

    private static double zeroIfEmpty(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private static <T> double mean(Map<T, ClassScores> perClass, ToDoubleFunction<ClassScores> figure) {
        return perClass.values().stream().mapToDouble(figure).average().orElseThrow();
    }
}
