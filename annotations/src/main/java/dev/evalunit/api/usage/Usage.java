package dev.evalunit.api.usage;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The tokens one evaluation (a pairwise evaluation or an experiment set) used, per model, and what they cost
 * at the run's price table: the same figures as the {@code tokens} and {@code cost_usd} fields of its
 * {@code metrics.json} or {@code set-summary.json}, for the reports people read. Tokens come from the
 * replies' usage, cached replies included; a reply whose usage the provider did not report counts 0.
 *
 * @param models each model that had a reply, sorted by name
 * @param priced whether the run had a price table (without one, no cost is known)
 * @param costUsd the total in US dollars, or {@code null} without a price table or when a model that
 *     replied has no price
 */
@API(status = STABLE, since = "0.1")
public record Usage(List<ModelUsage> models, boolean priced, Double costUsd) {

    /** No reply counted and no price table: what a result carries when it was built without usage. */
    public static final Usage NONE = new Usage(List.of(), false, null);

    public Usage {
        models = List.copyOf(models);
    }

    /** Whether no model had a reply. */
    public boolean isEmpty() {
        return models.isEmpty();
    }

    /** Input tokens of every model. */
    public long input() {
        return models.stream().mapToLong(ModelUsage::input).sum();
    }

    /** Output tokens of every model. */
    public long output() {
        return models.stream().mapToLong(ModelUsage::output).sum();
    }

    /**
     * One line, e.g. {@code 1234 tokens in, 567 out, $0.0123}: the cost only when it is known;
     * {@code (all from cache)} when every reply came from the response cache.
     */
    public String figure() {
        long replies = models.stream().mapToLong(ModelUsage::replies).sum();
        long cached = models.stream().mapToLong(ModelUsage::repliesFromCache).sum();
        return input() + " tokens in, " + output() + " out" + (costUsd == null ? "" : ", " + dollars(costUsd))
                + (replies > 0 && cached == replies ? " (all from cache)" : "");
    }

    /** How the reports show a cost: {@code $0.0123} (dollars to four decimals), {@code n/a} when unknown. */
    public static String dollars(Double usd) {
        return usd == null ? "n/a" : String.format(Locale.ROOT, "$%.4f", usd);
    }

    /**
     * One model's tokens and cost.
     *
     * @param model the declared model's name
     * @param input input (prompt) tokens, cached replies included
     * @param output output (completion) tokens, cached replies included
     * @param inputFromCache the part of {@code input} whose replies came from the response cache
     * @param outputFromCache the part of {@code output} whose replies came from the response cache
     * @param replies replies counted
     * @param repliesFromCache the part of {@code replies} that came from the response cache
     * @param costUsd what {@code input} and {@code output} cost in US dollars, or {@code null} without a price
     */
    @API(status = STABLE, since = "0.1")
    public record ModelUsage(String model, long input, long output, long inputFromCache, long outputFromCache,
                             long replies, long repliesFromCache, Double costUsd) {
    }
}
