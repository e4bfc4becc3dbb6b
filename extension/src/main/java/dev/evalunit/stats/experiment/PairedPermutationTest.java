package dev.evalunit.stats.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * Two-sided paired permutation (sign-flip) test of whether paired differences are centred on 0:
 * under that hypothesis each difference is as likely to have either sign, so the observed sum is
 * compared with the sums of every sign assignment. Chosen over a t test because per-row score
 * differences of LLM metrics are rarely normal (many ties, bounded scales).
 */
@API(status = INTERNAL, since = "0.1")
public final class PairedPermutationTest {

    /** Up to this many non-zero differences, all 2^n sign assignments are enumerated. */
    public static final int EXACT_LIMIT = 16;
    /** Random sign assignments drawn above {@link #EXACT_LIMIT}. */
    public static final int RANDOM_PERMUTATIONS = 10_000;
    // Sums that are equal in exact arithmetic may differ in their last bits.
    private static final double RELATIVE_TOLERANCE = 1e-10;
    // java.util.Random's linear congruential generator (its Javadoc's formula).
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private PairedPermutationTest() {
    }

    /**
     * The p-value: the share of sign assignments whose sum is at least as far from 0 as the
     * observed one. Exact for up to {@value #EXACT_LIMIT} non-zero differences; above that,
     * {@code (count + 1) / (permutations + 1)} over {@value #RANDOM_PERMUTATIONS} assignments drawn
     * with {@code seed} (the observed assignment counted once, so that p is never 0).
     * Zero differences carry no sign and are left out; when all are zero, p is 1.
     *
     * @return the p-value, {@code null} without differences
     */
    public static Double pValue(double[] differences, long seed) {
        if (differences.length == 0) {
            return null;
        }
        double[] nonZero = Arrays.stream(differences).filter(d -> d != 0).toArray();
        if (nonZero.length == 0) {
            return 1.0;
        }
        double observed = 0;
        double scale = 0;
        for (double difference : nonZero) {
            observed += difference;
            scale += Math.abs(difference);
        }
        double threshold = Math.abs(observed) - RELATIVE_TOLERANCE * scale;
        return nonZero.length <= EXACT_LIMIT ? exact(nonZero, threshold) : sampled(nonZero, threshold, seed);
    }

    private static double exact(double[] differences, double threshold) {
        int assignments = 1 << differences.length;
        int extreme = 0;
        for (int signs = 0; signs < assignments; signs++) {
            double sum = 0;
            for (int i = 0; i < differences.length; i++) {
                sum += (signs & (1 << i)) == 0 ? differences[i] : -differences[i];
            }
            if (Math.abs(sum) >= threshold) {
                extreme++;
            }
        }
        return (double) extreme / assignments;
    }

    private static double sampled(double[] differences, double threshold, long seed) {
        // java.util.Random's sequence is specified, so a seed gives the same p on every JVM. Its generator is
        // written out here (the formula its Javadoc gives, nextBoolean being the top bit of the 48): the same signs
        // in the same order, without an atomic update and a call per sign, which made this loop more than half of
        // a large set's aggregation. Multiplying by 1.0 or -1.0 is exact, so every sum is the same to the last bit.
        // Two permutations are drawn at once, the second from the state the first will end in (a jump of n steps
        // ahead), so that the processor works on two independent chains of multiplications and additions.
        int n = differences.length;
        long jumpMultiplier = 1;
        long jumpAddend = 0;
        long multiplier = MULTIPLIER;
        long addend = ADDEND;
        for (long steps = n; steps > 0; steps >>>= 1) {
            if ((steps & 1) != 0) {
                jumpMultiplier = jumpMultiplier * multiplier & MASK;
                jumpAddend = (jumpAddend * multiplier + addend) & MASK;
            }
            addend = (multiplier + 1) * addend & MASK;
            multiplier = multiplier * multiplier & MASK;
        }
        long state = (seed ^ MULTIPLIER) & MASK;
        int extreme = 0;
        // RANDOM_PERMUTATIONS is even: the pairs draw them all.
        for (int permutation = 0; permutation < RANDOM_PERMUTATIONS; permutation += 2) {
            long first = state;
            long second = (jumpMultiplier * state + jumpAddend) & MASK;
            double firstSum = 0;
            double secondSum = 0;
            for (double difference : differences) {
                first = (first * MULTIPLIER + ADDEND) & MASK;
                second = (second * MULTIPLIER + ADDEND) & MASK;
                firstSum += ((int) (first >>> 46 & 2) - 1) * difference;
                secondSum += ((int) (second >>> 46 & 2) - 1) * difference;
            }
            state = second;
            extreme += (Math.abs(firstSum) >= threshold ? 1 : 0) + (Math.abs(secondSum) >= threshold ? 1 : 0);
        }
        return (extreme + 1.0) / (RANDOM_PERMUTATIONS + 1.0);
    }
}
