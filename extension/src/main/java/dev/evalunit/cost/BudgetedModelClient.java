package dev.evalunit.cost;

import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.autorater.TokenLimit;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.model.ModelSettings;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A model client held to its evaluation's {@link Spending}: before each call it bounds the call's cost
 * from above and reserves it, after the call it books the cost of the reply's usage. The bound counts
 * the input with {@code o200k_base} (plus {@value #TOKENS_PER_MESSAGE} tokens per message for the
 * wire format's framing) and the output at the model's {@code max-tokens}, or
 * {@value #DEFAULT_OUTPUT_BOUND} when it sets none. Only calls are held: the response cache answers
 * before this client is reached.
 */
final class BudgetedModelClient implements ModelClient {

    static final int TOKENS_PER_MESSAGE = 4;
    static final int DEFAULT_OUTPUT_BOUND = 4096;

    private final ModelClient delegate;
    private final Spending spending;
    private final Optional<ModelPrice> price;
    private final String model;
    private final int systemTokens;
    private final long outputBound;

    BudgetedModelClient(ModelClient delegate, ModelSettings settings, Spending spending, Optional<ModelPrice> price) {
        this.delegate = delegate;
        this.spending = spending;
        this.price = price;
        this.model = settings.name();
        this.systemTokens = settings.systemPrompt() == null ? 0 : TokenLimit.count(settings.systemPrompt()) + TOKENS_PER_MESSAGE;
        Object maxTokens = settings.samplingParams().get("max_tokens");
        this.outputBound = maxTokens instanceof Number n ? n.longValue() : DEFAULT_OUTPUT_BOUND;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        if (price.isEmpty()) {
            throw new ModelCallException(Spending.REACHED + " cannot be kept: model [" + model + "] has no price. Set "
                    + ConfigKeys.PRICES_PREFIX + model + "." + PriceTable.INPUT_PER_MTOK + " and ."
                    + PriceTable.OUTPUT_PER_MTOK + ", or remove " + ConfigKeys.MAX_COST_USD);
        }
        long input = systemTokens;
        for (ChatMessage message : request.messages()) {
            input += TokenLimit.count(message.content()) + TOKENS_PER_MESSAGE;
        }
        BigDecimal bound = price.get().cost(input, outputBound);
        spending.reserve(bound, model);
        BigDecimal cost = BigDecimal.ZERO;
        try {
            ModelReply reply = delegate.complete(request);
            // A reply without usage is booked at its bound: never less than it may have cost.
            cost = reply.promptTokens() == null || reply.completionTokens() == null ? bound
                    : price.get().cost(reply.promptTokens(), reply.completionTokens());
            return reply;
        } finally {
            spending.settle(bound, cost);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
