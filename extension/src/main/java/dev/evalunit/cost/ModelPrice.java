package dev.evalunit.cost;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * One model's prices in US dollars per million tokens. Batch prices (the providers' batch APIs, about
 * half the price) default to the live ones when not given.
 *
 * @param inputPerMtok {@value PriceTable#INPUT_PER_MTOK}
 * @param outputPerMtok {@value PriceTable#OUTPUT_PER_MTOK}
 * @param batchInputPerMtok {@value PriceTable#BATCH_INPUT_PER_MTOK}, or the input price
 * @param batchOutputPerMtok {@value PriceTable#BATCH_OUTPUT_PER_MTOK}, or the output price
 */
@API(status = INTERNAL, since = "0.1")
public record ModelPrice(BigDecimal inputPerMtok, BigDecimal outputPerMtok, BigDecimal batchInputPerMtok,
                         BigDecimal batchOutputPerMtok) {

    private static final int MTOK_DIGITS = 6;

    /** What {@code input} and {@code output} tokens cost at the live prices, exactly. */
    public BigDecimal cost(long input, long output) {
        return perMtok(inputPerMtok, input).add(perMtok(outputPerMtok, output));
    }

    /** What {@code input} and {@code output} tokens cost at the batch prices, exactly. */
    public BigDecimal batchCost(long input, long output) {
        return perMtok(batchInputPerMtok, input).add(perMtok(batchOutputPerMtok, output));
    }

    private static BigDecimal perMtok(BigDecimal price, long tokens) {
        return price.multiply(BigDecimal.valueOf(tokens)).movePointLeft(MTOK_DIGITS);
    }
}
