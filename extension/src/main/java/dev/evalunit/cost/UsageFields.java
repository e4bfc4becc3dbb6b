package dev.evalunit.cost;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.apiguardian.api.API;

/**
 * One evaluation's tokens, priced when there is a price table: the {@value #TOKENS} and {@value #COST_USD}
 * fields of {@code metrics.json} and the short figure of the run summary. Computed once, when the
 * evaluation has run.
 *
 * @param tokens each model's tokens, by name
 * @param prices the run's price table, maybe empty
 */
@API(status = INTERNAL, since = "0.1")
public record UsageFields(SortedMap<String, TokenUsage> tokens, PriceTable prices) {

    /** {@code {"<model>": {"input": n, "output": n, "input_from_cache": n, "output_from_cache": n}}}. */
    public static final String TOKENS = "tokens";
    /** {@code {"<model>": dollars, "total": dollars}}, only with a price table; {@code null} for a model without a price. */
    public static final String COST_USD = "cost_usd";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String INPUT_FROM_CACHE = "input_from_cache";
    public static final String OUTPUT_FROM_CACHE = "output_from_cache";
    public static final String TOTAL = "total";

    /** What {@code counts} holds now, priced by {@code prices}. */
    public static UsageFields of(TokenCounts counts, PriceTable prices) {
        return new UsageFields(counts.snapshot(), prices);
    }

    /** The fields to add to {@code metrics.json}: {@value #TOKENS}, then {@value #COST_USD} when prices are set. */
    public Map<String, Object> asMap() {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> byModel = new LinkedHashMap<>();
        tokens.forEach((model, usage) -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put(INPUT, usage.input());
            counts.put(OUTPUT, usage.output());
            counts.put(INPUT_FROM_CACHE, usage.inputFromCache());
            counts.put(OUTPUT_FROM_CACHE, usage.outputFromCache());
            byModel.put(model, counts);
        });
        fields.put(TOKENS, byModel);
        if (!prices.isEmpty()) {
            Map<String, Object> cost = new LinkedHashMap<>();
            tokens.keySet().forEach(model -> cost.put(model, cost(model)));
            BigDecimal total = total();
            cost.put(TOTAL, total == null ? null : total.doubleValue());
            fields.put(COST_USD, cost);
        }
        return fields;
    }

    /**
     * The run summary's figure, e.g. {@code 1234 tokens in, 567 out, $0.0123}; the cost only with prices for
     * every model; {@code (all from cache)} when no call was made.
     */
    public String figure() {
        long in = tokens.values().stream().mapToLong(TokenUsage::input).sum();
        long out = tokens.values().stream().mapToLong(TokenUsage::output).sum();
        long replies = tokens.values().stream().mapToLong(TokenUsage::replies).sum();
        long cached = tokens.values().stream().mapToLong(TokenUsage::repliesFromCache).sum();
        BigDecimal total = prices.isEmpty() ? null : total();
        return in + " tokens in, " + out + " out" + (total == null ? "" : String.format(Locale.ROOT, ", $%.4f", total))
                + (replies > 0 && cached == replies ? " (all from cache)" : "");
    }

    /** The evaluation's cost in dollars, or {@code null} when a model that replied has no price. */
    public BigDecimal total() {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, TokenUsage> entry : tokens.entrySet()) {
            var price = prices.of(entry.getKey());
            if (price.isEmpty()) {
                return null;
            }
            total = total.add(price.get().cost(entry.getValue().input(), entry.getValue().output()));
        }
        return total;
    }

    private Double cost(String model) {
        TokenUsage usage = tokens.get(model);
        return prices.of(model).map(price -> price.cost(usage.input(), usage.output()).doubleValue()).orElse(null);
    }
}
