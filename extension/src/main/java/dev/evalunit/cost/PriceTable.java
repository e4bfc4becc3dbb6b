package dev.evalunit.cost;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ClosestName;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.model.DeclaredModels;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The prices of the run's models, from {@code evalunit.prices.<model>.<key>} in US dollars per million
 * tokens, e.g. {@code evalunit.prices.judge.input-per-mtok=3.00} and
 * {@code evalunit.prices.judge.output-per-mtok=15.00}. Checked when the run starts, before any call: each
 * key is one of {@link #KEYS}, each value a number &gt;= 0, each model declared in the configuration, and
 * a priced model has both an input and an output price. Empty when no price is set: evaluations then
 * report tokens only.
 */
@API(status = INTERNAL, since = "0.1")
public final class PriceTable {

    /** Dollars per million input tokens. Required for a priced model. */
    public static final String INPUT_PER_MTOK = "input-per-mtok";
    /** Dollars per million output tokens. Required for a priced model. */
    public static final String OUTPUT_PER_MTOK = "output-per-mtok";
    /** Dollars per million input tokens sent through a batch API. Default: the input price. */
    public static final String BATCH_INPUT_PER_MTOK = "batch-input-per-mtok";
    /** Dollars per million output tokens received through a batch API. Default: the output price. */
    public static final String BATCH_OUTPUT_PER_MTOK = "batch-output-per-mtok";
    /** The keys under {@code evalunit.prices.<model>.}. */
    public static final Set<String> KEYS = Set.of(INPUT_PER_MTOK, OUTPUT_PER_MTOK, BATCH_INPUT_PER_MTOK,
            BATCH_OUTPUT_PER_MTOK);

    private static final PriceTable NONE = new PriceTable(Map.of());

    private final Map<String, ModelPrice> prices;

    private PriceTable(Map<String, ModelPrice> prices) {
        this.prices = prices;
    }

    /** No prices: evaluations report tokens, no cost. */
    public static PriceTable none() {
        return NONE;
    }

    /**
     * The prices {@code config} sets under {@value ConfigKeys#PRICES_PREFIX}.
     *
     * @throws ConfigurationException naming the key whose name or value is wrong, the model that is not
     *     declared (with the closest declared name), or the price a model lacks
     */
    public static PriceTable from(EvalConfig config) {
        Map<String, Map<String, BigDecimal>> values = new TreeMap<>();
        for (String key : new TreeSet<>(config.keys())) {
            if (!key.startsWith(ConfigKeys.PRICES_PREFIX)) {
                continue;
            }
            String rest = key.substring(ConfigKeys.PRICES_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String name = dot < 0 ? rest : rest.substring(dot + 1);
            if (dot <= 0 || !KEYS.contains(name)) {
                throw new ConfigurationException("[" + key + "] is not a price key. "
                        + ClosestName.to(name, KEYS).map(known -> "Did you mean [" + ConfigKeys.PRICES_PREFIX
                                + (dot <= 0 ? "<model>" : rest.substring(0, dot)) + "." + known + "]? ").orElse("")
                        + "Name a price " + ConfigKeys.PRICES_PREFIX + "<model>.<key>, the key one of "
                        + String.join(", ", new TreeSet<>(KEYS)) + " (docs/cost.md).");
            }
            values.computeIfAbsent(rest.substring(0, dot), model -> new TreeMap<>())
                    .put(name, price(key, config.get(key).orElse("")));
        }
        if (values.isEmpty()) {
            return NONE;
        }
        Set<String> declared = DeclaredModels.names(config, List.of());
        Map<String, ModelPrice> prices = new TreeMap<>();
        values.forEach((model, given) -> {
            if (!declared.contains(model)) {
                throw new ConfigurationException("model [" + model + "] of [" + ConfigKeys.PRICES_PREFIX + model
                        + ".*] is not declared. " + DeclaredModels.hint(model, declared)
                        + "Price a declared model, or declare it (" + ConfigKeys.MODELS_PREFIX + model + ".base-url).");
            }
            BigDecimal input = required(given, model, INPUT_PER_MTOK);
            BigDecimal output = required(given, model, OUTPUT_PER_MTOK);
            prices.put(model, new ModelPrice(input, output, given.getOrDefault(BATCH_INPUT_PER_MTOK, input),
                    given.getOrDefault(BATCH_OUTPUT_PER_MTOK, output)));
        });
        return new PriceTable(Map.copyOf(prices));
    }

    /** Whether no price is set. */
    public boolean isEmpty() {
        return prices.isEmpty();
    }

    /** The prices of {@code model}, if the table has them. */
    public Optional<ModelPrice> of(String model) {
        return Optional.ofNullable(prices.get(model));
    }

    private static BigDecimal price(String key, String text) {
        try {
            BigDecimal value = new BigDecimal(text.strip());
            if (value.signum() >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Said below, with the key.
        }
        throw new ConfigurationException("[" + key + "] must be a number of US dollars per million tokens, >= 0, not '"
                + text + "'. Give e.g. 3.00.");
    }

    private static BigDecimal required(Map<String, BigDecimal> given, String model, String name) {
        BigDecimal value = given.get(name);
        if (value == null) {
            throw new ConfigurationException("[" + ConfigKeys.PRICES_PREFIX + model + "." + name + "] is not set, but ["
                    + model + "] has other prices. Set it: a priced model needs both " + INPUT_PER_MTOK + " and "
                    + OUTPUT_PER_MTOK + ".");
        }
        return value;
    }
}
