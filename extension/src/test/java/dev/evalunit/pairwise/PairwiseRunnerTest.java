package dev.evalunit.pairwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.evalunit.testing.Runs;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.dataset.DatasetLoader;
import dev.evalunit.execution.Workers;
import dev.evalunit.http.Backoff;
import dev.evalunit.model.ModelClients;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.ChatServer.JudgeCall;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PairwiseRunner")
class PairwiseRunnerTest {

    private static final String DATASET = "datasets/qa-eight.jsonl";
    private static final List<String> IDS = List.of("q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8");
    private static final String FRANCE = "What is the capital of France?";
    private static final String SPIDER = "How many legs has a spider?";

    private final ModelClients clients = new ModelClients(Backoff.withoutWaiting());
    private final Map<String, String> config = new HashMap<>();
    private final Map<String, AnswerGenerator> methods = new HashMap<>();
    private ChatServer server;

    @AfterEach
    void close() {
        clients.close();
        if (server != null) {
            server.close();
        }
    }

    private void startServer(Function<String, String> generator, Function<JudgeCall, String> judge) {
        server = ChatServer.start(generator, judge);
        config.put("evalunit.models.candidate.base-url", server.baseUrl());
        config.put("evalunit.models.candidate.max-retries", "0");
        config.put("evalunit.models.judge.base-url", server.baseUrl());
        config.put("evalunit.models.judge.max-retries", "0");
    }

    /** One autorater sample per example, so that each example makes one judge call. */
    private PairwiseResult run(int concurrency, SideSpec sideA, SideSpec sideB) {
        return Runs.pairwise(plan(concurrency, sideA, sideB));
    }

    private PairwisePlan plan(int concurrency, SideSpec sideA, SideSpec sideB) {
        config.put("evalunit.concurrency", String.valueOf(concurrency));
        MethodBinder binder = (method, side) -> methods.get(method);
        PairwisePlanner planner = new PairwisePlanner(EvalConfig.of(config),
                new DatasetLoader(getClass().getClassLoader(), Path.of("")), clients,
                new SecretReference(name -> null, name -> null), binder);
        PairwiseSpec spec = SpecBuilder.valid().name("runner").dataset(DATASET).context(new PromptSpec("", ""))
                .samples(1).sideA(sideA).sideB(sideB).build();
        return planner.plan(spec);
    }

    private static SideSpec candidate() {
        return SideSpec.model("candidate", SpecBuilder.prompt("{{ question }}"));
    }

    private static SideSpec method(String name) {
        return SideSpec.method(name, SpecBuilder.prompt("{{ question }}"));
    }

    private static SideSpec baseline() {
        return SideSpec.responseColumn("answer_b");
    }

    private static List<Object> ids(PairwiseResult result) {
        return result.judgments().stream().map(j -> j.ids().get("id")).toList();
    }

    private static Judgment judgmentOf(PairwiseResult result, String id) {
        return result.judgments().stream().filter(j -> id.equals(j.ids().get("id"))).findFirst().orElseThrow();
    }

    @Nested
    @DisplayName("with evalunit.concurrency")
    class Concurrency {

        @ParameterizedTest(name = "concurrency = {0}")
        @ValueSource(ints = {2, 3})
        @DisplayName("has at most that many model calls in flight at once, and reaches it")
        void boundsCallsInFlight(int concurrency) {
            CallsInFlight inFlight = new CallsInFlight();
            startServer(inFlight.track(prompt -> "good: " + prompt), inFlight.track(ChatServer.judgePreferring("good")));

            PairwiseResult result = run(concurrency, candidate(), baseline());

            assertThat(server.requestCount()).isEqualTo(IDS.size() * 2);
            assertThat(inFlight.max()).isEqualTo(concurrency);
            assertThat(result.judgments()).noneMatch(Judgment::isError);
        }
    }

    @Test
    @DisplayName("hands the examples to the workers a few per worker at a time, not all at once: the queue stays short")
    void boundedSubmission() {
        startServer(prompt -> "unused", ChatServer.judgePreferring("good"));
        ThreadPoolExecutor oneWorker = (ThreadPoolExecutor) Workers.pool(1, "bounded-");
        AtomicInteger longestQueue = new AtomicInteger();
        methods.put("sut", params -> {
            longestQueue.accumulateAndGet(oneWorker.getQueue().size(), Math::max);
            return "good: " + params.get("prompt");
        });
        try {
            PairwiseResult result = new PairwiseRunner(oneWorker).run(plan(1, method("sut"), baseline()));

            assertThat(PairwiseRunner.windowFor(oneWorker)).isEqualTo(4);
            // Without a window, all eight examples were queued before the first finished.
            assertThat(longestQueue.get()).isBetween(1, 3);
            assertThat(ids(result)).containsExactlyElementsOf(IDS);
            assertThat(result.judgments()).noneMatch(Judgment::isError);
        } finally {
            oneWorker.shutdownNow();
        }
    }

    @Test
    @DisplayName("names each side: the declared model, the method, or the response column of pre-generated answers")
    void sideNames() {
        startServer(prompt -> "good: " + prompt, ChatServer.judgePreferring("good"));
        methods.put("sut", params -> "good: " + params.get("prompt"));

        PairwiseResult modelAgainstColumn = run(1, candidate(), baseline());
        PairwiseResult methodAgainstModel = run(1, method("sut"), candidate());

        assertThat(modelAgainstColumn).extracting(PairwiseResult::modelA, PairwiseResult::modelB)
                .containsExactly("candidate", "answer_b");
        assertThat(methodAgainstModel).extracting(PairwiseResult::modelA, PairwiseResult::modelB)
                .containsExactly("sut", "candidate");
    }

    @Test
    @DisplayName("returns the judgments in dataset order, however the examples finish")
    void datasetOrder() {
        // q1's answer waits until q2 has been judged, so q2 finishes first.
        CountDownLatch q2Judged = new CountDownLatch(1);
        AtomicBoolean q1Waited = new AtomicBoolean();
        List<String> judgedInOrder = new CopyOnWriteArrayList<>();
        startServer(prompt -> "unused", call -> {
            judgedInOrder.add(call.instruction());
            if (call.instruction().equals(SPIDER)) {
                q2Judged.countDown();
            }
            return ChatServer.judgePreferring("good").apply(call);
        });
        methods.put("sut", params -> {
            String question = params.get("prompt");
            if (question.equals(FRANCE)) {
                q1Waited.set(q2Judged.await(10, TimeUnit.SECONDS));
            }
            return "good: " + question;
        });

        PairwiseResult result = run(2, method("sut"), baseline());

        assertThat(q1Waited).isTrue();
        assertThat(judgedInOrder.indexOf(FRANCE)).isGreaterThan(judgedInOrder.indexOf(SPIDER));
        assertThat(ids(result)).containsExactlyElementsOf(IDS);
        assertThat(result.judgments()).extracting(Judgment::inferenceInstruction).first()
                .isEqualTo(FRANCE);
        assertThat(result.judgments()).extracting(Judgment::responseB)
                .containsExactly("bad: Lyon", "bad: six", "good: blue", "bad: Marlowe", "good: four", "bad: Mars",
                        "good: 100 degrees Celsius", "bad: Michelangelo");
    }

    @Nested
    @DisplayName("when a side cannot answer one example")
    class WhenASideFails {

        @Test
        @DisplayName("a model's HTTP 500 makes that example an Error naming the side, and the others are judged")
        void httpFailure() {
            AtomicInteger judgeCalls = new AtomicInteger();
            startServer(prompt -> {
                if (prompt.equals(SPIDER)) {
                    throw new IllegalStateException("no GPU");
                }
                return "good: " + prompt;
            }, call -> {
                judgeCalls.incrementAndGet();
                return ChatServer.judgePreferring("good").apply(call);
            });

            PairwiseResult result = run(2, candidate(), baseline());

            Judgment failed = judgmentOf(result, "q2");
            assertThat(failed.choice()).isEqualTo(Choice.ERROR);
            assertThat(failed.explanation())
                    .startsWith("model A [candidate] failed: model [candidate]: HTTP 500 after 1 attempt");
            assertThat(failed.confidence()).isNull();
            assertThat(failed.responseA()).isNull();
            assertThat(failed.responseB()).isEqualTo("bad: six");
            assertThat(failed.samples()).isEmpty();
            assertThat(failed.inferenceInstruction()).isEqualTo(SPIDER);
            // The example that failed is not sent to the autorater; every other one is judged.
            assertThat(judgeCalls).hasValue(IDS.size() - 1);
            assertThat(ids(result)).containsExactlyElementsOf(IDS);
            assertThat(result.judgments()).filteredOn(Judgment::isError).containsExactly(failed);
            assertThat(result.metrics().errorCount()).isEqualTo(1);
            assertThat(result.metrics().exampleCount()).isEqualTo(IDS.size());
        }

        @Test
        @DisplayName("an in-process method that returns null or throws makes an Error naming the side and the reason")
        void methodFailures() {
            AtomicInteger judgeCalls = new AtomicInteger();
            startServer(prompt -> "unused", call -> {
                judgeCalls.incrementAndGet();
                return ChatServer.judgePreferring("good").apply(call);
            });
            methods.put("sut", params -> switch (params.get("prompt")) {
                case "What colour is the sky?" -> null;
                case "What is two plus two?" -> throw new UnsupportedOperationException();
                default -> "good: " + params.get("prompt");
            });
            methods.put("baseline", params -> {
                if (params.get("prompt").equals("Who wrote Hamlet?")) {
                    throw new IllegalStateException("baseline crashed");
                }
                return "bad: " + params.get("prompt");
            });

            PairwiseResult result = run(2, method("sut"), method("baseline"));

            assertThat(result.judgments()).filteredOn(Judgment::isError)
                    .extracting(j -> j.ids().get("id"), Judgment::explanation, Judgment::responseA, Judgment::responseB)
                    .containsExactly(
                            tuple("q3", "model A [sut] returned no answer (null)", null, null),
                            tuple("q4", "model B [baseline] failed: baseline crashed",
                                    "good: Who wrote Hamlet?", null),
                            tuple("q5", "model A [sut] failed: UnsupportedOperationException",
                                    null, null));
            assertThat(judgeCalls).hasValue(IDS.size() - 3);
            assertThat(judgmentOf(result, "q1").choice()).isEqualTo(Choice.MODEL_A);
        }
    }

    /**
     * Counts the calls the server is answering at once. Each call holds for a short, bounded time
     * so that calls the runner lets overlap do overlap; nothing here measures time.
     */
    private static final class CallsInFlight {
        private static final long HOLD_MILLIS = 50;

        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        <T> Function<T, String> track(Function<T, String> answer) {
            return input -> {
                max.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(HOLD_MILLIS);
                    return answer.apply(input);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } finally {
                    now.decrementAndGet();
                }
            };
        }

        int max() {
            return max.get();
        }
    }
}
