package dev.evalunit.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.config.EvalConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The run summary's figure of tokens and cost")
class UsageFieldsTest {

    private static final EvalConfig PRICED = EvalConfig.of(Map.of(
            "evalunit.models.judge.base-url", "http://127.0.0.1:1",
            "evalunit.prices.judge.input-per-mtok", "3",
            "evalunit.prices.judge.output-per-mtok", "15",
            "evalunit.prices.judge.batch-input-per-mtok", "1.5"));

    private static TokenCounts counts(boolean fromCache) {
        TokenCounts counts = new TokenCounts();
        counts.of("judge").add(new ModelReply("a", 1000, 200, Duration.ZERO), fromCache);
        counts.of("judge").add(new ModelReply("b", null, null, Duration.ZERO), fromCache);
        return counts;
    }

    @Test
    @DisplayName("gives the tokens in and out, and the cost with a price table")
    void priced() {
        // 1000 x $3 / 1M + 200 x $15 / 1M = $0.006
        assertThat(UsageFields.of(counts(false), PriceTable.from(PRICED)).figure())
                .isEqualTo("1000 tokens in, 200 out, $0.0060");
        assertThat(UsageFields.of(counts(false), PriceTable.none()).figure()).isEqualTo("1000 tokens in, 200 out");
    }

    @Test
    @DisplayName("says when every reply came from the cache")
    void fromCache() {
        assertThat(UsageFields.of(counts(true), PriceTable.none()).figure())
                .isEqualTo("1000 tokens in, 200 out (all from cache)");
    }

    @Test
    @DisplayName("prices batch tokens at the batch prices, the live ones where none is given")
    void batch() {
        ModelPrice price = PriceTable.from(PRICED).of("judge").orElseThrow();
        assertThat(price.batchCost(1000, 200).doubleValue()).isEqualTo(0.0045);
        assertThat(price.cost(1000, 200).doubleValue()).isEqualTo(0.006);
    }
}
