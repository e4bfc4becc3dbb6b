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
import dev.evalunit.files.JudgmentsFile;
import dev.evalunit.stats.pairwise.PairwiseStatistics;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.junit.jupiter.api.io.TempDir;
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
    @DisplayName("writes each judgment to the judgments file as it finishes, in dataset order")
    class StreamedJudgments {

        @TempDir
        Path reports;

        /** Delays per example so that they finish out of order (q1 last), and q3's method fails. */
        private PairwiseResult runOutOfOrder() {
            config.put("evalunit.report.dir", reports.toString());
            startServer(prompt -> "unused", ChatServer.judgePreferring("good"));
            methods.put("sut", params -> {
                String question = params.get("prompt");
                Thread.sleep(question.equals(FRANCE) ? 300 : question.hashCode() % 2 == 0 ? 40 : 5);
                if (question.startsWith("What colour")) {
                    throw new IllegalStateException("no colour today");
                }
                return "good: " + question;
            });
            return run(4, method("sut"), baseline());
        }

        @Test
        @DisplayName("lines, get(i) and iteration follow the dataset, Error rows in place, however the examples finish")
        void datasetOrder() throws Exception {
            PairwiseResult result = runOutOfOrder();

            List<String> lines = Files.readAllLines(result.judgmentsFile());
            assertThat(lines).hasSize(IDS.size());
            for (int i = 0; i < IDS.size(); i++) {
                assertThat(lines.get(i)).startsWith("{\"id\":\"" + IDS.get(i) + "\",");
                assertThat(result.judgments().get(i).ids()).containsEntry("id", IDS.get(i));
            }
            assertThat(ids(result)).containsExactlyElementsOf(IDS);
            List<Judgment> iterated = new ArrayList<>();
            result.judgments().forEach(iterated::add);
            assertThat(iterated).hasSize(IDS.size());
            for (int i = 0; i < IDS.size(); i++) {
                assertThat(result.judgments().get(i)).isEqualTo(iterated.get(i));
            }
            assertThat(result.judgments()).extracting(Judgment::isError)
                    .containsExactly(false, false, true, false, false, false, false, false);
            assertThat(result.judgments().get(2).explanation()).contains("no colour today");
            assertThat(result.metrics().exampleCount()).isEqualTo(8);
            assertThat(result.metrics().errorCount()).isEqualTo(1);
            assertThat(reports.resolve("runner")).isDirectoryNotContaining("glob:**.partial");
        }

        @Test
        @DisplayName("writes the same bytes as the judgments file written from the same judgments held in memory")
        void sameBytes() throws Exception {
            PairwiseResult result = runOutOfOrder();
            PairwiseResult inMemory = new PairwiseResult(result.name(), result.task(), result.idColumns(),
                    result.humanPreferenceColumn(), new ArrayList<>(result.judgments()), result.metrics(),
                    reports.resolve("copy"), result.modelA(), result.modelB());
            Files.createDirectories(inMemory.reportDirectory());

            Path written = JudgmentsFile.write(inMemory, inMemory.reportDirectory());

            assertThat(Files.readAllBytes(written)).isEqualTo(Files.readAllBytes(result.judgmentsFile()));
            assertThat(PairwiseStatistics.compute(inMemory.judgments(), false)).isEqualTo(result.metrics());
        }

        @Test
        @DisplayName("holds no judgment in memory: each read is a new object, which nothing keeps once the reader lets go")
        void noJudgmentHeld() {
            PairwiseResult result = runOutOfOrder();

            Judgment first = result.judgments().get(0);
            assertThat(result.judgments().get(0)).isEqualTo(first).isNotSameAs(first);
            WeakReference<Judgment> read = new WeakReference<>(first);
            first = null;
            for (int i = 0; i < 50 && read.get() != null; i++) {
                System.gc();
            }
            assertThat(read.get()).as("a judgment read once, after System.gc()").isNull();
            assertThat(result.judgments()).isInstanceOf(PairwiseResult.StoredJudgments.class);
        }

        @Test
        @DisplayName("keeps the file-backed list when a result is built from it, and copies a list a user builds")
        void userLists() {
            PairwiseResult result = runOutOfOrder();
            PairwiseResult same = result.withUsage(result.usage());
            List<Judgment> mine = new ArrayList<>(List.of(result.judgments().get(1)));
            PairwiseResult built = new PairwiseResult("mine", "question_answering", List.of("id"), null, mine,
                    result.metrics(), null);
            mine.clear();

            assertThat(same.judgments()).isSameAs(result.judgments());
            assertThat(built.judgments()).hasSize(1).first().isEqualTo(result.judgments().get(1));
            assertThat(built.judgments()).isNotInstanceOf(PairwiseResult.StoredJudgments.class);
        }

        @Test
        @DisplayName("without a report directory, writes a temporary file that the result reads")
        void withoutReportDirectory() {
            config.put("evalunit.report.dir", reports.toString());
            startServer(prompt -> "unused", ChatServer.judgePreferring("good"));
            methods.put("sut", params -> "good: " + params.get("prompt"));
            PairwisePlan plan = plan(2, method("sut"), baseline());
            PairwisePlan noDirectory = new PairwisePlan(plan.name(), plan.dataset(), plan.idColumns(), plan.task(),
                    plan.instruction(), plan.context(), plan.sideA(), plan.sideB(), plan.humanPreferenceColumn(),
                    plan.judge(), plan.samples(), plan.maxInputTokens(), plan.reaskAttempts(), plan.concurrency(), null);

            PairwiseResult result = Runs.pairwise(noDirectory);

            assertThat(result.reportDirectory()).isNull();
            assertThat(ids(result)).containsExactlyElementsOf(IDS);
            assertThat(result.judgments()).noneMatch(Judgment::isError);
            assertThat(reports).isEmptyDirectory();
        }
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
