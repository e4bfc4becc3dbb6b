package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.usage.Usage;
import dev.evalunit.cost.UsageFields;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
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
     * @return the usage a single run would have had ({@link UsageFields#asMap} writes it as the files hold it),
     *     without reply counts, which the files do not keep; {@link Usage#NONE} when no file has the tokens field
     *     (one whose models made no reply has it, empty, and its cost's total with a price table)
     */
    public static Usage of(List<Path> files, String kind) {
        List<Fields> read = new ArrayList<>();
        for (Path file : files) {
            read.add(JsonFiles.readObject(file, kind + " [" + file + "]"));
        }
        return sum(read);
    }

    /** The usage one file's object holds (e.g. an experiment's {@code summary.json} read back), as {@link #of}. */
    static Usage of(Fields json) {
        return sum(List.of(json));
    }

    private static Usage sum(List<Fields> files) {
        SortedMap<String, long[]> tokens = new TreeMap<>();
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        Map<String, Boolean> unpriced = new LinkedHashMap<>();
        boolean priced = false;
        boolean counted = false;
        for (Fields json : files) {
            if (!json.has(UsageFields.TOKENS)) {
                continue;
            }
            counted = true;
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
        if (!counted) {
            return Usage.NONE;
        }
        List<Usage.ModelUsage> models = new ArrayList<>();
        boolean pricedAtAll = priced;
        tokens.forEach((model, sum) -> models.add(new Usage.ModelUsage(model, sum[0], sum[1], sum[2], sum[3], 0, 0,
                pricedAtAll ? sum(model, costs, unpriced) : null)));
        return new Usage(models, priced, priced ? sum(UsageFields.TOTAL, costs, unpriced) : null);
    }

    private static Double sum(String name, Map<String, BigDecimal> costs, Map<String, Boolean> unpriced) {
        return unpriced.containsKey(name) ? null : costs.getOrDefault(name, BigDecimal.ZERO).doubleValue();
    }
}
