package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.cost.UsageFields;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The {@value UsageFields#TOKENS} and {@value UsageFields#COST_USD} fields of several files of one evaluation's
 * shards ({@code metrics.json}, {@code set-summary.json}), summed into what a single run over all their examples
 * writes: tokens exactly; costs, which are linear in the tokens, as the sum of the shards' costs (a model's cost,
 * or the total, stays {@code null} when a shard had no price for it).
 */
@API(status = INTERNAL, since = "0.1")
public final class UsageSums {

    private static final List<String> COUNTS = List.of(UsageFields.INPUT, UsageFields.OUTPUT,
            UsageFields.INPUT_FROM_CACHE, UsageFields.OUTPUT_FROM_CACHE);

    private UsageSums() {
    }

    /**
     * @param kind what the files are, for messages: e.g. {@code metrics file}
     * @return the two fields in the order a run writes them; empty when no file has tokens
     */
    public static Map<String, Object> of(List<Path> files, String kind) {
        SortedMap<String, long[]> tokens = new TreeMap<>();
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        Map<String, Boolean> unpriced = new LinkedHashMap<>();
        boolean priced = false;
        for (Path file : files) {
            Fields json = JsonFiles.readObject(file, kind + " [" + file + "]");
            if (!json.has(UsageFields.TOKENS)) {
                continue;
            }
            Fields byModel = json.requiredObject(UsageFields.TOKENS);
            for (String model : byModel.names()) {
                Fields counts = byModel.requiredObject(model);
                long[] sum = tokens.computeIfAbsent(model, m -> new long[COUNTS.size()]);
                for (int i = 0; i < COUNTS.size(); i++) {
                    sum[i] += counts.number(COUNTS.get(i)).longValue();
                }
            }
            if (json.has(UsageFields.COST_USD)) {
                priced = true;
                Fields cost = json.requiredObject(UsageFields.COST_USD);
                for (String name : cost.names()) {
                    Double dollars = cost.number(name);
                    if (dollars == null) {
                        unpriced.put(name, true);
                    } else {
                        costs.merge(name, new BigDecimal(Double.toString(dollars)), BigDecimal::add);
                    }
                }
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (tokens.isEmpty()) {
            return fields;
        }
        Map<String, Object> tokenFields = new LinkedHashMap<>();
        tokens.forEach((model, sum) -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            for (int i = 0; i < COUNTS.size(); i++) {
                counts.put(COUNTS.get(i), sum[i]);
            }
            tokenFields.put(model, counts);
        });
        fields.put(UsageFields.TOKENS, tokenFields);
        if (priced) {
            Map<String, Object> cost = new LinkedHashMap<>();
            for (String name : tokens.keySet()) {
                cost.put(name, sum(name, costs, unpriced));
            }
            cost.put(UsageFields.TOTAL, sum(UsageFields.TOTAL, costs, unpriced));
            fields.put(UsageFields.COST_USD, cost);
        }
        return fields;
    }

    private static Double sum(String name, Map<String, BigDecimal> costs, Map<String, Boolean> unpriced) {
        return unpriced.containsKey(name) ? null : costs.getOrDefault(name, BigDecimal.ZERO).doubleValue();
    }
}
