/**
 * Tokens and cost: each evaluation counts the input and output tokens of every reply per model (from
 * the replies' usage, cached replies included, so that a replayed run reports the same tokens) in its
 * {@link dev.evalunit.cost.TokenCounts}, and, when the configuration has a {@link dev.evalunit.cost.PriceTable},
 * prices them. {@link dev.evalunit.cost.UsageFields} turns both into the {@code tokens} and {@code cost_usd}
 * fields of {@code metrics.json}.
 *
 * <p>Plain Java, no JUnit. Counting is two additions per reply; pricing happens once, when the
 * evaluation has run, and not at all without a price table.
 */
package dev.evalunit.cost;
