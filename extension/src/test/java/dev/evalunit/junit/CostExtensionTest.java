package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.usage.Usage;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("Tokens and cost of an evaluation")
class CostExtensionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** ChatServer's usage on every reply. */
    private static final int PROMPT_TOKENS = 10;
    private static final int COMPLETION_TOKENS = 5;
    /** 4 examples; 2 autorater samples each. */
    private static final int EXAMPLES = 4;
    private static final int SAMPLES = 2;

    private ChatServer server;

    @TempDir
    Path reports;

    @BeforeEach
    void start() {
        server = ChatServer.start(call -> call.isAutorater() ? ChatServer.verdict("A", "A is better")
                : "an answer to " + call.user());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EngineExecutionResults run(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("candidate", "judge")) {
            config.put("evalunit.models." + model + ".base-url", server.baseUrl());
        }
        config.put("evalunit.autorater.samples", String.valueOf(SAMPLES));
        config.put("evalunit.report.dir", reports.toString());
        config.putAll(extra);
        return EngineRuns.run(PricedTestCase.class, config);
    }

    private JsonNode metrics() throws IOException {
        return JSON.readTree(reports.resolve("PricedTestCase.evaluation/metrics.json").toFile());
    }

    @Nested
    @DisplayName("in metrics.json")
    class Metrics {

        @Test
        @DisplayName("counts each model's input and output tokens from the replies' usage")
        void tokens() throws IOException {
            run(Map.of()).testEvents().assertStatistics(stats -> stats.succeeded(1));

            JsonNode tokens = metrics().path("tokens");
            // One generation per example for the candidate, SAMPLES autorater calls per example for the judge.
            assertThat(tokens.path("candidate").path("input").asLong()).isEqualTo((long) EXAMPLES * PROMPT_TOKENS);
            assertThat(tokens.path("candidate").path("output").asLong()).isEqualTo((long) EXAMPLES * COMPLETION_TOKENS);
            assertThat(tokens.path("judge").path("input").asLong()).isEqualTo((long) EXAMPLES * SAMPLES * PROMPT_TOKENS);
            assertThat(tokens.path("judge").path("output").asLong()).isEqualTo((long) EXAMPLES * SAMPLES * COMPLETION_TOKENS);
            assertThat(tokens.path("judge").path("input_from_cache").asLong()).isZero();
            assertThat(metrics().has("cost_usd")).as("no price table, no cost").isFalse();
        }

        @Test
        @DisplayName("prices them with the price table, per model and in total")
        void cost() throws IOException {
            run(Map.of("evalunit.prices.candidate.input-per-mtok", "3.00",
                    "evalunit.prices.candidate.output-per-mtok", "15.00",
                    "evalunit.prices.judge.input-per-mtok", "0.50",
                    "evalunit.prices.judge.output-per-mtok", "1.50"));

            // By hand: candidate 40 in, 20 out; judge 80 in, 40 out.
            double candidate = 40 * 3.00 / 1e6 + 20 * 15.00 / 1e6;   // 0.00042
            double judge = 80 * 0.50 / 1e6 + 40 * 1.50 / 1e6;         // 0.0001
            JsonNode cost = metrics().path("cost_usd");
            assertThat(cost.path("candidate").asDouble()).isEqualTo(0.00042).isCloseTo(candidate, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(cost.path("judge").asDouble()).isEqualTo(0.0001).isCloseTo(judge, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(cost.path("total").asDouble()).isEqualTo(0.00052);
        }

        @Test
        @DisplayName("gives a null cost for a model without a price, and no total")
        void unpriced() throws IOException {
            run(Map.of("evalunit.prices.judge.input-per-mtok", "0.50", "evalunit.prices.judge.output-per-mtok", "1.50"));

            JsonNode cost = metrics().path("cost_usd");
            assertThat(cost.path("candidate").isNull()).isTrue();
            assertThat(cost.path("judge").asDouble()).isEqualTo(0.0001);
            assertThat(cost.path("total").isNull()).isTrue();
        }

        @Test
        @DisplayName("reports the same tokens on a replayed run, and that they came from the cache")
        void replay(@TempDir Path cache) throws IOException {
            run(Map.of("evalunit.cache.mode", "live", "evalunit.cache.dir", cache.toString()));
            String live = metrics().path("tokens").toString();
            int calls = server.requestCount();

            run(Map.of("evalunit.cache.mode", "replay", "evalunit.cache.dir", cache.toString()));

            assertThat(server.requestCount()).as("no call in replay").isEqualTo(calls);
            JsonNode tokens = metrics().path("tokens");
            assertThat(tokens.path("judge").path("input").asLong()).isEqualTo((long) EXAMPLES * SAMPLES * PROMPT_TOKENS);
            assertThat(tokens.path("judge").path("input_from_cache").asLong()).isEqualTo((long) EXAMPLES * SAMPLES * PROMPT_TOKENS);
            assertThat(tokens.path("candidate").path("output_from_cache").asLong()).isEqualTo((long) EXAMPLES * COMPLETION_TOKENS);
            assertThat(live).contains("\"input_from_cache\":0");
        }
    }

    @Nested
    @DisplayName("in the result the test and the reporters see (PairwiseResult.usage())")
    class Result {

        @Test
        @DisplayName("has the same tokens and cost as metrics.json")
        void sameAsMetrics() throws IOException {
            run(Map.of("evalunit.prices.candidate.input-per-mtok", "3.00",
                    "evalunit.prices.candidate.output-per-mtok", "15.00",
                    "evalunit.prices.judge.input-per-mtok", "0.50",
                    "evalunit.prices.judge.output-per-mtok", "1.50")).testEvents().assertStatistics(stats -> stats.succeeded(1));

            Usage usage = PricedTestCase.seen.usage();
            JsonNode metrics = metrics();
            assertThat(usage.priced()).isTrue();
            assertThat(usage.models()).extracting(Usage.ModelUsage::model).containsExactly("candidate", "judge");
            for (Usage.ModelUsage model : usage.models()) {
                JsonNode tokens = metrics.path("tokens").path(model.model());
                assertThat(model.input()).isEqualTo(tokens.path("input").asLong());
                assertThat(model.output()).isEqualTo(tokens.path("output").asLong());
                assertThat(model.inputFromCache()).isEqualTo(tokens.path("input_from_cache").asLong());
                assertThat(model.costUsd()).isEqualTo(metrics.path("cost_usd").path(model.model()).asDouble());
            }
            assertThat(usage.costUsd()).isEqualTo(metrics.path("cost_usd").path("total").asDouble()).isEqualTo(0.00052);
            assertThat(usage.figure()).isEqualTo("120 tokens in, 60 out, $0.0005");
        }

        @Test
        @DisplayName("has no cost without a price table")
        void unpriced() {
            run(Map.of()).testEvents().assertStatistics(stats -> stats.succeeded(1));

            Usage usage = PricedTestCase.seen.usage();
            assertThat(usage.priced()).isFalse();
            assertThat(usage.costUsd()).isNull();
            assertThat(usage.input()).isEqualTo((long) EXAMPLES * PROMPT_TOKENS + EXAMPLES * SAMPLES * PROMPT_TOKENS);
        }
    }

    @Nested
    @DisplayName("under a cost budget (evalunit.budget.max-cost-usd)")
    class Budget {

        private final Map<String, String> prices = Map.of(
                "evalunit.prices.candidate.input-per-mtok", "3.00", "evalunit.prices.candidate.output-per-mtok", "15.00",
                "evalunit.prices.judge.input-per-mtok", "0.50", "evalunit.prices.judge.output-per-mtok", "1.50",
                "evalunit.models.candidate.max-tokens", "100", "evalunit.models.judge.max-tokens", "100",
                "evalunit.concurrency", "1");

        private EngineExecutionResults runWithin(String limit) {
            Map<String, String> config = new HashMap<>(prices);
            config.put("evalunit.budget.max-cost-usd", limit);
            return run(config);
        }

        @Test
        @DisplayName("runs as without one when the evaluation fits")
        void fits() throws IOException {
            runWithin("1.00").testEvents().assertStatistics(stats -> stats.succeeded(1));

            assertThat(metrics().path("cost_usd").path("total").asDouble()).isEqualTo(0.00052);
        }

        @Test
        @DisplayName("makes no call that could exceed it: the rest become Error rows, and the test fails naming spent and limit")
        void stops() throws IOException {
            EngineExecutionResults results = runWithin("0.0005");

            // Each candidate call is bounded at (tokens of the prompt + 4) x $3 + 100 x $15 per million, about
            // $0.0015: over the limit, so no example gets its answer and no call is made.
            assertThat(server.requestCount()).isZero();
            assertThat(EngineRuns.failures(results)).singleElement().satisfies(failure -> assertThat(failure)
                    .isInstanceOf(dev.evalunit.budget.EvaluationInfrastructureException.class)
                    .hasMessage("evaluation [PricedTestCase.evaluation] stopped at its cost budget: $0.000000 spent of"
                            + " $0.000500 (evalunit.budget.max-cost-usd), 4 calls were not made; their examples are Error"
                            + " rows (cost budget reached). Raise evalunit.budget.max-cost-usd, or evaluate fewer examples."));
            List<String> judgments = Files.readAllLines(reports.resolve("PricedTestCase.evaluation/judgments.jsonl"));
            assertThat(judgments).hasSize(EXAMPLES).allSatisfy(line -> assertThat(JSON.readTree(line).path("explanation")
                    .asText()).startsWith("model A [candidate] failed: cost budget reached: $0.000000 spent of $0.000500"));
        }

        @Test
        @DisplayName("stops part way, having spent no more than it")
        void partWay() throws IOException {
            // A candidate call is bounded at just over $0.0015 (its 100 output tokens alone cost that), and costs
            // $0.000105; the first example fits, the second's answer would not: spent + bound > $0.0016.
            EngineExecutionResults results = runWithin("0.0016");

            assertThat(EngineRuns.failures(results)).singleElement().satisfies(failure -> assertThat(failure)
                    .hasMessageStartingWith("evaluation [PricedTestCase.evaluation] stopped at its cost budget: $")
                    .hasMessageContaining(" spent of $0.001600 (evalunit.budget.max-cost-usd), 3 calls were not made"));
            JsonNode metrics = metrics();
            assertThat(metrics.path("cost_usd").path("total").asDouble()).isEqualTo(0.00013);
            assertThat(metrics.path("error_count").asInt()).isEqualTo(EXAMPLES - 1);
            assertThat(Files.readString(reports.resolve("PricedTestCase.evaluation/judgments.jsonl")))
                    .contains("cost budget reached");
        }
    }

    // Fixture: run only through the engine above, never directly (not @Nested).

    static class PricedTestCase {
        /** The result the last run injected. */
        static volatile PairwiseResult seen;

        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
            seen = result;
        }
    }
}
