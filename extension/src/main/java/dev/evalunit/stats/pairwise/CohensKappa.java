package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/** Cohen's kappa between two raters who labelled the same items, for any number of labels. */
@API(status = INTERNAL, since = "0.1")
public final class CohensKappa {

    private CohensKappa() {
    }

    /**
     * {@code (observed - chance) / (1 - chance)}, where observed is the share of items both raters
     * labelled alike and chance is the sum, over the union of the labels either rater used, of the
     * product of the two raters' shares of that label.
     *
     * <p>When chance agreement is 1 (both raters used one and the same label for every item) the
     * formula is 0/0; observed agreement is then necessarily 1 too, and we return 1.0: the raters
     * agree perfectly, and a gate on kappa should not fail on a unanimous sample.
     *
     * @return {@code null} for empty lists
     * @throws IllegalArgumentException when the lists differ in length
     */
    public static <T> Double of(List<T> a, List<T> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(
                    "both raters must label the same items, got " + a.size() + " and " + b.size() + " labels");
        }
        long n = a.size();
        if (n == 0) {
            return null;
        }
        Map<T, Long> countsA = new HashMap<>();
        Map<T, Long> countsB = new HashMap<>();
        long agreements = 0;
        for (int i = 0; i < n; i++) {
            countsA.merge(a.get(i), 1L, Long::sum);
            countsB.merge(b.get(i), 1L, Long::sum);
            if (Objects.equals(a.get(i), b.get(i))) {
                agreements++;
            }
        }
        Set<T> labels = new HashSet<>(countsA.keySet());
        labels.addAll(countsB.keySet());
        // Kept in whole numbers (everything scaled by n^2) so that "chance agreement is 1" is an exact test.
        long chanceScaled = 0;
        for (T label : labels) {
            chanceScaled += countsA.getOrDefault(label, 0L) * countsB.getOrDefault(label, 0L);
        }
        long observedScaled = agreements * n;
        long all = n * n;
        if (chanceScaled == all) {
            return 1.0;
        }
        return (double) (observedScaled - chanceScaled) / (all - chanceScaled);
    }
}
