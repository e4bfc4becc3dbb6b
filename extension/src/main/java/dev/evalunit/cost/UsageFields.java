package dev.evalunit.cost;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.usage.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The public figures of {@link dev.evalunit.api.pairwise.PairwiseResult#usage()} and
     * {@link dev.evalunit.api.experiment.ExperimentSetResult#usage()}: the same numbers as {@link #asMap()}, so
     * that the reports and the files agree.
     */
    public Usage usage() {
        List<Usage.ModelUsage> models = new ArrayList<>();
        tokens.forEach((model, usage) -> models.add(new Usage.ModelUsage(model, usage.input(), usage.output(),
                usage.inputFromCache(), usage.outputFromCache(), usage.replies(), usage.repliesFromCache(),
                cost(model))));
        BigDecimal total = prices.isEmpty() ? null : total();
        return new Usage(models, !prices.isEmpty(), total == null ? null : total.doubleValue());
    }

    /** The fields to add to {@code metrics.json}: {@value #TOKENS}, then {@value #COST_USD} when prices are set. */
    public Map<String, Object> asMap() {
        return asMap(usage());
    }

    /** {@code usage} as the fields of {@code metrics.json}: {@value #TOKENS}, then {@value #COST_USD} when priced. */
    public static Map<String, Object> asMap(Usage usage) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> byModel = new LinkedHashMap<>();
        for (Usage.ModelUsage model : usage.models()) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put(INPUT, model.input());
            counts.put(OUTPUT, model.output());
            counts.put(INPUT_FROM_CACHE, model.inputFromCache());
            counts.put(OUTPUT_FROM_CACHE, model.outputFromCache());
            byModel.put(model.model(), counts);
        }
        fields.put(TOKENS, byModel);
        if (usage.priced()) {
            Map<String, Object> cost = new LinkedHashMap<>();
            usage.models().forEach(model -> cost.put(model.model(), model.costUsd()));
            cost.put(TOTAL, usage.costUsd());
            fields.put(COST_USD, cost);
        }
        return fields;
    }

    /**
     * {@code usage} as the fields of the files ({@link #asMap(Usage)}), followed by {@code more}: e.g. the
     * evaluation's {@code calls} ({@code http.CallTally}), which travel to the files with the usage.
     */
    public static Map<String, Object> asMap(Usage usage, Map<String, Object> more) {
        Map<String, Object> fields = asMap(usage);
        fields.putAll(more);
        return fields;
    }

    /**
     * The run summary's figure, e.g. {@code 1234 tokens in, 567 out, $0.0123}; the cost only with prices for
     * every model; {@code (all from cache)} when no call was made ({@link Usage#figure()}).
     */
    public String figure() {
        return usage().figure();
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
