package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The maximum-likelihood Bradley-Terry fit over battles, as Arena-Hard scores models: the probability
 * that model i beats model j is {@code 1 / (1 + exp(θj - θi))}, a tie counts half a win for each side.
 * Fitted by Newton's method on the log-likelihood with a tiny L2 anchor ({@value #ANCHOR} times
 * {@code Σθ²/2}): the anchor fixes the origin of the scale, and keeps a model that never (or always) wins
 * finite instead of running off to infinity; on data with a finite maximum its effect is below 10⁻⁶
 * on any win probability. StrictMath keeps the numbers the same on every JVM.
 */
@API(status = INTERNAL, since = "0.1")
public final class BradleyTerry {

    /** The L2 anchor's weight, on the natural-log strength scale. */
    static final double ANCHOR = 1e-6;
    private static final int MAX_ITERATIONS = 500;
    private static final double TOLERANCE = 1e-10;

    private BradleyTerry() {
    }

    /**
     * Each model's strength θ (natural-log scale, centred by the anchor); models in name order.
     * Only differences between models of one connected group (see {@link #connected}) mean anything.
     */
    public static Map<String, Double> strengths(List<Battle> battles) {
        List<String> models = List.copyOf(models(battles));
        int k = models.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < k; i++) {
            index.put(models.get(i), i);
        }
        double[][] n = new double[k][k];
        double[][] w = new double[k][k];
        for (Battle battle : battles) {
            int a = index.get(battle.modelA());
            int b = index.get(battle.modelB());
            n[a][b]++;
            n[b][a]++;
            w[a][b] += battle.scoreA();
            w[b][a] += 1 - battle.scoreA();
        }
        double[] theta = newton(n, w);
        Map<String, Double> strengths = new TreeMap<>();
        for (int i = 0; i < k; i++) {
            strengths.put(models.get(i), theta[i]);
        }
        return strengths;
    }

    /** The probability that a model of strength {@code theta} beats one of strength {@code baseline}. */
    public static double winProbability(double theta, double baseline) {
        return 1 / (1 + StrictMath.exp(baseline - theta));
    }

    /** Every model in the battles, in name order. */
    public static Set<String> models(List<Battle> battles) {
        Set<String> models = new TreeSet<>();
        for (Battle battle : battles) {
            models.add(battle.modelA());
            models.add(battle.modelB());
        }
        return models;
    }

    /** The models linked to {@code model} by a chain of battles (including {@code model} itself). */
    public static Set<String> connected(List<Battle> battles, String model) {
        Map<String, Set<String>> neighbours = new HashMap<>();
        for (Battle battle : battles) {
            neighbours.computeIfAbsent(battle.modelA(), m -> new HashSet<>()).add(battle.modelB());
            neighbours.computeIfAbsent(battle.modelB(), m -> new HashSet<>()).add(battle.modelA());
        }
        Set<String> reached = new TreeSet<>();
        Deque<String> queue = new ArrayDeque<>();
        reached.add(model);
        queue.add(model);
        while (!queue.isEmpty()) {
            for (String next : neighbours.getOrDefault(queue.poll(), Set.of())) {
                if (reached.add(next)) {
                    queue.add(next);
                }
            }
        }
        return reached;
    }

    private static double[] newton(double[][] n, double[][] w) {
        int k = n.length;
        double[] theta = new double[k];
        double objective = objective(theta, n, w);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[k];
            double[][] curvature = new double[k][k];
            for (int i = 0; i < k; i++) {
                gradient[i] = -ANCHOR * theta[i];
                curvature[i][i] = ANCHOR;
                for (int j = 0; j < k; j++) {
                    if (i != j && n[i][j] > 0) {
                        double p = winProbability(theta[i], theta[j]);
                        gradient[i] += w[i][j] - n[i][j] * p;
                        double c = n[i][j] * p * (1 - p);
                        curvature[i][i] += c;
                        curvature[i][j] -= c;
                    }
                }
            }
            double[] step = solve(curvature, gradient);
            // Halve the step until the penalised log-likelihood does not fall (it is concave).
            double factor = 1;
            double[] next = new double[k];
            double nextObjective;
            do {
                for (int i = 0; i < k; i++) {
                    next[i] = theta[i] + factor * step[i];
                }
                nextObjective = objective(next, n, w);
                factor /= 2;
            } while (nextObjective < objective && factor > 1e-12);
            double largest = 0;
            for (int i = 0; i < k; i++) {
                largest = Math.max(largest, Math.abs(next[i] - theta[i]));
            }
            theta = next;
            objective = nextObjective;
            if (largest < TOLERANCE) {
                break;
            }
        }
        return theta;
    }

    private static double objective(double[] theta, double[][] n, double[][] w) {
        double total = 0;
        for (int i = 0; i < theta.length; i++) {
            total -= ANCHOR * theta[i] * theta[i] / 2;
            for (int j = 0; j < theta.length; j++) {
                if (w[i][j] > 0) {
                    total += w[i][j] * logWinProbability(theta[i] - theta[j]);
                }
            }
        }
        return total;
    }

    /** {@code log(1 / (1 + exp(-x)))} without overflow. */
    private static double logWinProbability(double x) {
        return x > 0 ? -StrictMath.log1p(StrictMath.exp(-x)) : x - StrictMath.log1p(StrictMath.exp(x));
    }

    /** Solves {@code a x = b} (a symmetric positive definite) by Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int k = b.length;
        double[][] m = new double[k][];
        double[] x = b.clone();
        for (int i = 0; i < k; i++) {
            m[i] = a[i].clone();
        }
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int row = col + 1; row < k; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swapRow = m[col];
            m[col] = m[pivot];
            m[pivot] = swapRow;
            double swap = x[col];
            x[col] = x[pivot];
            x[pivot] = swap;
            for (int row = col + 1; row < k; row++) {
                double f = m[row][col] / m[col][col];
                for (int c = col; c < k; c++) {
                    m[row][c] -= f * m[col][c];
                }
                x[row] -= f * x[col];
            }
        }
        for (int row = k - 1; row >= 0; row--) {
            double sum = x[row];
            for (int c = row + 1; c < k; c++) {
                sum -= m[row][c] * x[c];
            }
            x[row] = sum / m[row][row];
        }
        return x;
    }
}
