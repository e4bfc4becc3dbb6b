package dev.evalunit.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.Optional;
import org.apiguardian.api.API;

/** The "did you mean" of a misspelt name: the known name fewest edits away, if it is close enough. */
@API(status = INTERNAL, since = "0.1")
public final class ClosestName {

    private ClosestName() {
    }

    /**
     * The candidate with the smallest edit distance to {@code wrong} (the first of equals, in the
     * candidates' order), if that distance is at most a third of {@code wrong}'s length and at least 2.
     */
    public static Optional<String> to(String wrong, Collection<String> candidates) {
        int allowed = Math.max(2, wrong.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wrong, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
