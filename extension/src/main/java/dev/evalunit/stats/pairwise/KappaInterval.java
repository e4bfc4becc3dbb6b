package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The 95% large-sample interval of Cohen's kappa: {@code kappa +- z * se}, with the asymptotic
 * standard error of Fleiss, Cohen and Everitt (1969), the one SAS (PROC FREQ) and Stata report.
 * With {@code p_ij} the share of items labelled i by the first rater and j by the second,
 * {@code p_i.} and {@code p_.j} the margins, {@code p_o} and {@code p_e} observed and chance agreement:
 * <pre>
 * var = ( sum_i p_ii [1 - (p_i. + p_.i)(1 - kappa)]^2
 *       + (1 - kappa)^2 sum_{i != j} p_ij (p_.i + p_j.)^2
 *       - [kappa - p_e (1 - kappa)]^2 ) / (n (1 - p_e)^2)
 * </pre>
 * Chosen over a bootstrap because it is deterministic (no seed, the same bounds on every machine),
 * closed-form (no resampling on large files) and the interval statistics packages print, so a
 * figure can be checked elsewhere. Bounds are clipped to [-1, 1].
 */
@API(status = INTERNAL, since = "0.1")
public final class KappaInterval {

    private KappaInterval() {
    }

    /**
     * The bounds {@code [low, high]} for two raters' labels of the same items.
     *
     * @return {@code null} without items, or when chance agreement is 1 (every label the same: the
     *     variance is 0/0)
     * @throws IllegalArgumentException when the lists differ in length
     */
    public static <T> double[] of(List<T> a, List<T> b) {
        Double kappa = CohensKappa.of(a, b);
        if (kappa == null) {
            return null;
        }
        int n = a.size();
        Map<T, Double> rowShare = new HashMap<>();
        Map<T, Double> columnShare = new HashMap<>();
        Map<List<T>, Double> cellShare = new HashMap<>();
        for (int i = 0; i < n; i++) {
            rowShare.merge(a.get(i), 1.0 / n, Double::sum);
            columnShare.merge(b.get(i), 1.0 / n, Double::sum);
            cellShare.merge(Arrays.asList(a.get(i), b.get(i)), 1.0 / n, Double::sum);
        }
        Set<T> labels = new LinkedHashSet<>(rowShare.keySet());
        labels.addAll(columnShare.keySet());
        double chance = 0;
        for (T label : labels) {
            chance += rowShare.getOrDefault(label, 0.0) * columnShare.getOrDefault(label, 0.0);
        }
        if (labels.size() == 1) {
            return null;
        }
        double diagonal = 0;
        double offDiagonal = 0;
        for (Map.Entry<List<T>, Double> cell : cellShare.entrySet()) {
            T i = cell.getKey().get(0);
            T j = cell.getKey().get(1);
            if (Objects.equals(i, j)) {
                double weight = 1 - (rowShare.getOrDefault(i, 0.0) + columnShare.getOrDefault(i, 0.0)) * (1 - kappa);
                diagonal += cell.getValue() * weight * weight;
            } else {
                double margins = columnShare.getOrDefault(i, 0.0) + rowShare.getOrDefault(j, 0.0);
                offDiagonal += cell.getValue() * margins * margins;
            }
        }
        double correction = kappa - chance * (1 - kappa);
        double variance = (diagonal + (1 - kappa) * (1 - kappa) * offDiagonal - correction * correction)
                / (n * (1 - chance) * (1 - chance));
        double halfWidth = WilsonInterval.Z_95 * Math.sqrt(Math.max(0.0, variance));
        return new double[] {Math.max(-1.0, kappa - halfWidth), Math.min(1.0, kappa + halfWidth)};
    }
}
