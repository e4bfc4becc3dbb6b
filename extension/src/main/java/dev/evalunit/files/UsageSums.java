package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.usage.Usage;
import dev.evalunit.cost.UsageFields;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The {@value UsageFields#TOKENS} and {@value UsageFields#COST_USD} fields of several files of one evaluation's
 * shards ({@code metrics.json}, {@code set-summary.json}, an experiment's {@code summary.json}), read and summed
 * into what a single run over all their examples writes: tokens exactly; costs, which are linear in the tokens, as
 * the sum of the shards' costs (a model's cost, or the total, stays {@code null} when a shard had no price for it).
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
        List<Usage> read = new ArrayList<>();
        for (Path file : files) {
            read.add(of(JsonFiles.readObject(file, kind + " [" + file + "]")));
        }
        return sum(read);
    }

    /**
     * The usage one file's object holds (e.g. an experiment's {@code summary.json} read back), without reply counts;
     * {@link Usage#NONE} when it has no tokens field.
     */
    static Usage of(Fields json) {
        if (!json.has(UsageFields.TOKENS)) {
            return Usage.NONE;
        }
        Fields cost = json.has(UsageFields.COST_USD) ? json.requiredObject(UsageFields.COST_USD) : null;
        Fields byModel = json.requiredObject(UsageFields.TOKENS);
        List<Usage.ModelUsage> models = new ArrayList<>();
        for (String model : byModel.names()) {
            Fields counts = byModel.requiredObject(model);
            long[] values = new long[COUNTS.size()];
            for (int i = 0; i < COUNTS.size(); i++) {
                values[i] = counts.number(COUNTS.get(i)).longValue();
            }
            models.add(new Usage.ModelUsage(model, values[0], values[1], values[2], values[3], 0, 0,
                    cost == null ? null : cost.number(model)));
        }
        return new Usage(models, cost != null, cost == null ? null : cost.number(UsageFields.TOTAL));
    }

    /**
     * What a single run over all of {@code parts} would have counted: tokens exactly, by model (sorted); costs, which
     * are linear in the tokens, summed, a model's (or the total) {@code null} when a priced part had none for it;
     * {@link Usage#NONE} when every part is.
     */
    public static Usage sum(List<Usage> parts) {
        SortedMap<String, long[]> tokens = new TreeMap<>();
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        Set<String> unpriced = new HashSet<>();
        boolean priced = false;
        boolean counted = false;
        for (Usage part : parts) {
            if (part == Usage.NONE) {
                continue;
            }
            counted = true;
            priced |= part.priced();
            for (Usage.ModelUsage model : part.models()) {
                long[] sum = tokens.computeIfAbsent(model.model(), m -> new long[COUNTS.size()]);
                sum[0] += model.input();
                sum[1] += model.output();
                sum[2] += model.inputFromCache();
                sum[3] += model.outputFromCache();
                if (part.priced()) {
                    add(costs, unpriced, model.model(), model.costUsd());
                }
            }
            if (part.priced()) {
                add(costs, unpriced, UsageFields.TOTAL, part.costUsd());
            }
        }
        if (!counted) {
            return Usage.NONE;
        }
        List<Usage.ModelUsage> models = new ArrayList<>();
        boolean pricedAtAll = priced;
        tokens.forEach((model, sum) -> models.add(new Usage.ModelUsage(model, sum[0], sum[1], sum[2], sum[3], 0, 0,
                pricedAtAll ? cost(model, costs, unpriced) : null)));
        return new Usage(models, priced, priced ? cost(UsageFields.TOTAL, costs, unpriced) : null);
    }

    private static void add(Map<String, BigDecimal> costs, Set<String> unpriced, String name, Double dollars) {
        if (dollars == null) {
            unpriced.add(name);
        } else {
            costs.merge(name, new BigDecimal(Double.toString(dollars)), BigDecimal::add);
        }
    }

    private static Double cost(String name, Map<String, BigDecimal> costs, Set<String> unpriced) {
        return unpriced.contains(name) ? null : costs.getOrDefault(name, BigDecimal.ZERO).doubleValue();
    }
}
