package dev.evalunit.cost;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.model.ModelSettings;
import java.math.BigDecimal;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * One evaluation's spending against its {@link CostBudget}: what its calls cost (at their reported
 * usage) and what the calls in flight may still cost (their upper bounds, reserved before they are
 * made). A call whose bound would take spent plus reserved over the limit is refused with
 * {@value #REACHED}: its example becomes an {@code Error} row, and {@link #check} fails the evaluation
 * once it has run. Thread safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Spending {

    /** How a refused call's message begins: the reason its example's {@code Error} row gives. */
    public static final String REACHED = "cost budget reached";

    /** No budget: {@link #guard} leaves clients as they are, so calls cost no extra work. */
    static final Spending UNLIMITED = new Spending(null, PriceTable.none());

    private final BigDecimal limit;
    private final PriceTable prices;
    private BigDecimal spent = BigDecimal.ZERO;
    private BigDecimal reserved = BigDecimal.ZERO;
    private long refused;

    Spending(BigDecimal limit, PriceTable prices) {
        this.limit = limit;
        this.prices = prices;
    }

    /** {@code client}, or, under a budget, a client that keeps its calls within it. */
    public ModelClient guard(ModelClient client, ModelSettings settings) {
        return limit == null ? client : new BudgetedModelClient(client, settings, this, prices.of(settings.name()));
    }

    /**
     * Reserves {@code bound} for a call of {@code model}.
     *
     * @throws ModelCallException {@value #REACHED}, when the call could take the evaluation over its limit
     */
    synchronized void reserve(BigDecimal bound, String model) throws ModelCallException {
        if (spent.add(reserved).add(bound).compareTo(limit) > 0) {
            refused++;
            throw new ModelCallException(REACHED + ": " + dollars(spent) + " spent of " + dollars(limit) + " ("
                    + ConfigKeys.MAX_COST_USD + "); a call of model [" + model + "] could cost up to " + dollars(bound)
                    + ", so it was not made");
        }
        reserved = reserved.add(bound);
    }

    /** The call reserved with {@code bound} ended, having cost {@code cost} (zero when it failed). */
    synchronized void settle(BigDecimal bound, BigDecimal cost) {
        reserved = reserved.subtract(bound);
        spent = spent.add(cost);
    }

    /** What the calls made so far cost, in dollars. */
    public synchronized BigDecimal spent() {
        return spent;
    }

    /**
     * @throws EvaluationInfrastructureException when a call of {@code evaluation} was refused, naming what
     *     was spent, the limit and how many calls were not made
     */
    public synchronized void check(String evaluation) {
        if (refused > 0) {
            throw new EvaluationInfrastructureException("evaluation [" + evaluation + "] stopped at its cost budget: "
                    + dollars(spent) + " spent of " + dollars(limit) + " (" + ConfigKeys.MAX_COST_USD + "), " + refused
                    + (refused == 1 ? " call was" : " calls were") + " not made; their examples are Error rows ("
                    + REACHED + "). Raise " + ConfigKeys.MAX_COST_USD + ", or evaluate fewer examples.");
        }
    }

    static String dollars(BigDecimal amount) {
        return String.format(Locale.ROOT, "$%.6f", amount);
    }
}
