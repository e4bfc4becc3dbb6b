package dev.evalunit.cost;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * The most an evaluation may spend ({@value ConfigKeys#MAX_COST_USD}), in US dollars at the
 * {@link PriceTable}'s prices. Each evaluation keeps its own {@link Spending}: before every call that
 * the response cache does not answer, the call's cost is bounded from above (input tokens counted with
 * {@code o200k_base}, output at the model's {@code max-tokens}), and a call that could take the
 * evaluation over the budget is not made. Without the key there is no budget, and the calls are not
 * wrapped at all.
 */
@API(status = INTERNAL, since = "0.1")
public final class CostBudget {

    private static final CostBudget NONE = new CostBudget(null, PriceTable.none());

    private final BigDecimal limit;
    private final PriceTable prices;

    private CostBudget(BigDecimal limit, PriceTable prices) {
        this.limit = limit;
        this.prices = prices;
    }

    /** No budget: evaluations spend what they spend. */
    public static CostBudget none() {
        return NONE;
    }

    /**
     * The budget {@value ConfigKeys#MAX_COST_USD} sets, priced by {@code prices}.
     *
     * @throws ConfigurationException when the limit is not a number &gt; 0, or is set without any price
     */
    public static CostBudget from(EvalConfig config, PriceTable prices) {
        String text = config.get(ConfigKeys.MAX_COST_USD).orElse(null);
        if (text == null) {
            return NONE;
        }
        BigDecimal limit;
        try {
            limit = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            limit = BigDecimal.ZERO;
        }
        if (limit.signum() <= 0) {
            throw new ConfigurationException("[" + ConfigKeys.MAX_COST_USD + "] must be a number of US dollars > 0, not '"
                    + text + "'. Give e.g. 5.00, or remove it for no cost budget.");
        }
        if (prices.isEmpty()) {
            throw new ConfigurationException("[" + ConfigKeys.MAX_COST_USD + "] is set, but no model has a price. Set "
                    + ConfigKeys.PRICES_PREFIX + "<model>." + PriceTable.INPUT_PER_MTOK + " and ."
                    + PriceTable.OUTPUT_PER_MTOK + " for the models the evaluations call (docs/cost.md).");
        }
        return new CostBudget(limit, prices);
    }

    /** What one evaluation has spent so far: zero, against this budget. */
    public Spending newSpending() {
        return limit == null ? Spending.UNLIMITED : new Spending(limit, prices);
    }
}
