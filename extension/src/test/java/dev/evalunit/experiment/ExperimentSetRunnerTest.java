package dev.evalunit.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.testing.Runs;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.dataset.DatasetLoader;
import dev.evalunit.dataset.DatasetRow;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import dev.evalunit.experiment.spec.ExperimentConfiguration;
import dev.evalunit.experiment.spec.MetricConfiguration;
import dev.evalunit.experiment.spec.ModelConfiguration;
import dev.evalunit.experiment.spec.PreGeneratedOutputs;
import dev.evalunit.http.Backoff;
import dev.evalunit.metrics.MetricRegistry;
import dev.evalunit.model.ModelClients;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.files.ObservationsFile;
import dev.evalunit.files.ObservationsOnDisk;
import dev.evalunit.stats.experiment.ExperimentSummaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ExperimentSetRunner")
class ExperimentSetRunnerTest {

    private static final Path REPORTS = Path.of("target", "evalunit", "set").toAbsolutePath();
    private static final Dataset QA = dataset(
            row("id", "q1", "query", "What is the capital of France?"),
            row("id", "q2", "query", "How many legs has a spider?"),
            row("id", "q3", "query", "Who wrote Hamlet?"));

    private final ModelClients clients = new ModelClients(Backoff.withoutWaiting());
    private ChatServer server;

    @AfterEach
    void stop() {
        clients.close();
        if (server != null) {
            server.close();
        }
    }

    // ---- building plans by hand: the runner is tested apart from the planner ----

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    @SafeVarargs
    private static Dataset dataset(Map<String, Object>... rows) {
        List<DatasetRow> datasetRows = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (Map<String, Object> values : rows) {
            datasetRows.add(new DatasetRow(datasetRows.size() + 1, values));
            values.keySet().stream().filter(c -> !columns.contains(c)).forEach(columns::add);
        }
        return new Dataset("rows.jsonl", columns, datasetRows);
    }

    private static ExperimentConfiguration spec(String name, int index, int repeatIndex, int repeatCount) {
        return new ExperimentConfiguration("set", name, index, "rows.jsonl", ModelConfiguration.named("m1"),
                List.of(new MetricConfiguration("output_length", Map.of())), null, Map.of(), "c1", repeatIndex,
                repeatCount, "model=m1", Map.of("model", Map.of("name", "m1")));
    }

    private static ExperimentPlan experiment(Dataset dataset, Answers answers, Metric... metrics) {
        return experiment(spec("set__0", 0, 0, 1), dataset, Map.of(), answers, metrics);
    }

    private static ExperimentPlan experiment(ExperimentConfiguration spec, Dataset dataset, Map<String, String> columnsMap,
                                             Answers answers, Metric... metrics) {
        ExperimentConfiguration mapped = new ExperimentConfiguration(spec.setName(), spec.name(), spec.index(),
                spec.dataset(), spec.model(), spec.metrics(), spec.judgeModel(), columnsMap, spec.configurationId(),
                spec.repeatIndex(), spec.repeatCount(), spec.label(), spec.recordedConfiguration());
        return new ExperimentPlan(mapped, dataset, answers, List.of(metrics), null);
    }

    private static Answers preGenerated(String aliasedName, List<String> outputs) {
        return new Answers.PreGenerated(new PreGeneratedOutputs(aliasedName, outputs));
    }

    private static ExperimentSetResult run(int concurrency, ExperimentPlan... experiments) {
        Map<String, MetricDescriptor> descriptors = new LinkedHashMap<>();
        for (ExperimentPlan plan : experiments) {
            plan.metrics().forEach(m -> descriptors.putIfAbsent(m.descriptor().name(), m.descriptor()));
        }
        ExperimentSetPlan set = new ExperimentSetPlan("set", "", List.of(experiments), descriptors,
                Map.of("c1", "model=m1"), concurrency, REPORTS);
        return Runs.experimentSet(set);
    }

    private static ExperimentResult runOne(ExperimentPlan experiment) {
        return run(2, experiment).experiments().get(0);
    }

    private static Metric metric(String name) {
        return MetricRegistry.load().create(name, Map.of());
    }

    /** A metric of our own: what it observes is up to the test. */
    private static Metric metric(String name, Function<MetricInput, MetricObservation> observe) {
        MetricDescriptor descriptor = new MetricDescriptor(name, 0, 1, true, List.of(), false, "a test metric");
        return new Metric() {
            @Override
            public MetricDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public MetricObservation observe(MetricInput input) {
                return observe.apply(input);
            }
        };
    }

    /** A model that answers with {@code answer} and records every request. */
    private static final class FakeModel implements ModelClient {
        final List<ModelRequest> requests = new CopyOnWriteArrayList<>();
        private final Function<ModelRequest, ModelReply> answer;

        FakeModel(Function<ModelRequest, ModelReply> answer) {
            this.answer = answer;
        }

        @Override
        public String name() {
            return "m1";
        }

        @Override
        public ModelReply complete(ModelRequest request) throws ModelCallException {
            requests.add(request);
            return answer.apply(request);
        }
    }

    private static String user(ModelRequest request) {
        return request.messages().get(request.messages().size() - 1).content();
    }

    private static Answers.Generated generatedBy(ModelClient client) {
        return new Answers.Generated("m1", client, null);
    }

    private Answers.Generated generatedByServer(Function<ChatServer.Call, String> handler) {
        server = ChatServer.start(handler);
        ExperimentPlanner planner = new ExperimentPlanner(EvalConfig.of(Map.of(
                "evalunit.models.m1.base-url", server.baseUrl(), "evalunit.models.m1.max-retries", "0")),
                new DatasetLoader(getClass().getClassLoader(), Path.of("")), MetricRegistry.load(), clients,
                new SecretReference(name -> null, name -> null));
        ExperimentSetSpec set = SetJson.experiments(
                "{'name': 'e', 'dataset': 'datasets/exp-qa.jsonl', 'model': 'm1', 'metrics': ['output_length']}");
        return (Answers.Generated) planner.plan(set).experiments().get(0).answers();
    }

    private static List<Object> scores(ExperimentResult result, String metric) {
        return result.rows().stream().map(r -> (Object) r.scores().get(metric)).toList();
    }

    @Nested
    @DisplayName("when generation fails on a row")
    class GenerationFails {

        @Test
        @DisplayName("an HTTP 500 becomes the row's generation error, and every metric says there was no answer")
        void http500() {
            Answers.Generated failing = generatedByServer(call -> {
                throw new IllegalStateException("overloaded");
            });

            ExperimentResult result = runOne(experiment(dataset(row("query", "What is the capital of France?")), failing,
                    metric("output_length"), metric("generation_time")));

            String error = "model [m1]: HTTP 500 after 1 attempt: java.lang.IllegalStateException: overloaded";
            RowResult row = result.rows().get(0);
            assertThat(row.generation()).isEqualTo(Generation.failed(error));
            assertThat(row.scores()).containsExactly(
                    Map.entry("output_length", MetricObservation.failed("no answer to score: " + error, null)),
                    Map.entry("generation_time", MetricObservation.failed("no answer to score: " + error, null)));
            assertThat(result.metric("output_length").orElseThrow().failures()).isEqualTo(1);
        }

        @Test
        @DisplayName("a client that throws an unchecked exception is reported as the model's failure")
        void clientThrows() {
            FakeModel model = new FakeModel(request -> {
                throw new IllegalStateException("socket closed");
            });

            RowResult row = runOne(experiment(QA, generatedBy(model), metric("output_length"))).rows().get(0);

            assertThat(row.generation().error()).isEqualTo("model [m1] failed: socket closed");
            assertThat(row.scores().get("output_length").error()).isEqualTo("no answer to score: model [m1] failed: socket closed");
        }

        @Test
        @DisplayName("a reply without text is a failure, not an answer")
        void replyWithoutText() {
            FakeModel model = new FakeModel(request -> new ModelReply(null, 1, 0, Duration.ofMillis(5)));

            RowResult row = runOne(experiment(QA, generatedBy(model), metric("output_length"))).rows().get(0);

            assertThat(row.generation()).isEqualTo(Generation.failed("model [m1] replied without text"));
        }

        @Test
        @DisplayName("a row without a query is not sent, and says which column is missing")
        void rowWithoutQuery() {
            FakeModel model = new FakeModel(request -> ModelReply.of("answer"));
            Dataset dataset = dataset(row("question", "Who wrote Hamlet?"), row("question", null));

            ExperimentResult result = runOne(experiment(spec("set__0", 0, 0, 1), dataset, Map.of("query", "question"),
                    generatedBy(model), metric("output_length")));

            assertThat(model.requests).extracting(ExperimentSetRunnerTest::user).containsExactly("Who wrote Hamlet?");
            assertThat(result.rows().get(1).generation()).isEqualTo(
                    Generation.failed("no query to answer: column [question] is missing or null in this row"));
        }
    }

    @Nested
    @DisplayName("when a metric fails on a row")
    class MetricFails {

        @Test
        @DisplayName("its exception becomes that observation's error; the other metrics are scored")
        void throwsException() {
            Metric exploding = metric("exploding", input -> {
                throw new IllegalStateException("judge exploded");
            });
            Metric silent = metric("silent", input -> {
                throw new IllegalStateException();
            });

            RowResult row = runOne(experiment(QA, preGenerated("baseline", List.of("Paris", "eight", "Shakespeare")),
                    exploding, silent, metric("output_length"))).rows().get(0);

            assertThat(row.scores()).containsExactly(
                    Map.entry("exploding", MetricObservation.failed("metric [exploding] failed: judge exploded", null)),
                    Map.entry("silent", MetricObservation.failed("metric [silent] failed: IllegalStateException", null)),
                    Map.entry("output_length", MetricObservation.of(1)));
        }

        @Test
        @DisplayName("returning no observation is a failure too")
        void returnsNull() {
            RowResult row = runOne(experiment(QA, preGenerated("baseline", List.of("a", "b", "c")),
                    metric("absent", input -> null))).rows().get(0);

            assertThat(row.scores().get("absent")).isEqualTo(
                    MetricObservation.failed("metric [absent] returned no observation", null));
        }
    }

    @Nested
    @DisplayName("rows")
    class Rows {

        @Test
        @DisplayName("a null pre-generated output leaves its row without an answer, the other rows scored")
        void nullPreGenerated() {
            ExperimentResult result = runOne(experiment(QA,
                    preGenerated("baseline", Arrays.asList("Paris", null, "William Shakespeare")),
                    metric("output_length")));

            String error = "the pre-generated output of [baseline] is null";
            assertThat(result.rows()).extracting(RowResult::generation).containsExactly(
                    Generation.preGenerated("Paris"), Generation.failed(error), Generation.preGenerated("William Shakespeare"));
            assertThat(scores(result, "output_length")).containsExactly(MetricObservation.of(1),
                    MetricObservation.failed("no answer to score: " + error, null), MetricObservation.of(2));
        }

        @Test
        @DisplayName("come out in dataset order, whatever order their answers arrive in")
        void datasetOrder() {
            FakeModel model = lastRowAnsweredFirst();

            ExperimentResult result = run(3, experiment(QA, generatedBy(model), metric("output_length")))
                    .experiments().get(0);

            assertThat(result.rows()).extracting(RowResult::rowId).containsExactly("q1", "q2", "q3");
            assertThat(result.rows()).extracting(r -> r.generation().output()).containsExactly(
                    "answer to What is the capital of France?", "answer to How many legs has a spider?",
                    "answer to Who wrote Hamlet?");
        }

        @Test
        @DisplayName("are identified by their id column, else (missing, null or blank) by their 1-based row number")
        void rowIds() {
            Dataset dataset = dataset(row("id", "a"), row("id", 7), row("id", null), row(), row("id", " "));

            ExperimentResult result = runOne(experiment(dataset,
                    preGenerated("baseline", List.of("1", "2", "3", "4", "5")), metric("output_length")));

            assertThat(result.rows()).extracting(RowResult::rowId).containsExactly("a", 7, 3, 4, 5);
        }
    }

    @Nested
    @DisplayName("generation")
    class Generations {

        @Test
        @DisplayName("records the reply's latency in seconds, not truncated, and its token counts")
        void latency() {
            FakeModel model = new FakeModel(request -> new ModelReply("Paris", 12, 3, Duration.ofMillis(1234)));

            ExperimentResult result = runOne(experiment(dataset(row("query", "What is the capital of France?")),
                    generatedBy(model), metric("generation_time"), metric("nb_tokens_prompt"), metric("nb_tokens_completion")));

            assertThat(result.rows().get(0).generation()).isEqualTo(new Generation("Paris", 1.234, 12, 3, null));
            assertThat(result.rows().get(0).scores()).containsExactly(
                    Map.entry("generation_time", MetricObservation.of(1.234)),
                    Map.entry("nb_tokens_prompt", MetricObservation.of(12)),
                    Map.entry("nb_tokens_completion", MetricObservation.of(3)));
        }

        @Test
        @DisplayName("sends each repeat's index as the request's sampleIndex, and gives it to the metrics")
        void repeats() {
            Dataset one = dataset(row("query", "What is the capital of France?"));
            List<FakeModel> models = new ArrayList<>();
            List<List<Integer>> metricIndexes = new ArrayList<>();
            List<ExperimentPlan> experiments = new ArrayList<>();
            for (int repeat = 0; repeat < 3; repeat++) {
                FakeModel model = new FakeModel(request -> ModelReply.of("Paris"));
                List<Integer> indexes = new CopyOnWriteArrayList<>();
                Metric recording = metric("recording", input -> {
                    indexes.add(input.sampleIndex());
                    return MetricObservation.of(1);
                });
                models.add(model);
                metricIndexes.add(indexes);
                experiments.add(experiment(spec("set__" + repeat, repeat, repeat, 3), one, Map.of(), generatedBy(model),
                        recording));
            }

            run(3, experiments.toArray(ExperimentPlan[]::new));

            assertThat(models).extracting(m -> m.requests.stream().map(ModelRequest::sampleIndex).toList())
                    .containsExactly(List.of(0), List.of(1), List.of(2));
            assertThat(metricIndexes).containsExactly(List.of(0), List.of(1), List.of(2));
        }

        @Test
        @DisplayName("keeps at most evalunit.concurrency calls in flight across all experiments")
        void concurrency() {
            int concurrency = 2;
            InFlight inFlight = new InFlight(concurrency);
            Answers.Generated generated = generatedByServer(call -> inFlight.during(() -> "answer"));

            ExperimentSetResult set = run(concurrency,
                    experiment(spec("set__0", 0, 0, 2), QA, Map.of(), generated, metric("output_length")),
                    experiment(spec("set__1", 1, 1, 2), QA, Map.of(), generated, metric("output_length")));

            assertThat(server.requestCount()).isEqualTo(6);
            assertThat(set.experiments()).allSatisfy(e ->
                    assertThat(e.rows()).allSatisfy(r -> assertThat(r.generation().output()).isEqualTo("answer")));
            assertThat(inFlight.most()).as("most calls in flight at once").isEqualTo(concurrency);
        }
    }

    @Nested
    @DisplayName("results")
    class Results {

        @Test
        @DisplayName("carry each experiment's spec, metrics and folder inside the set's folder, in plan order")
        void experimentResults() {
            ExperimentSetResult set = run(2,
                    experiment(spec("first run", 0, 0, 2), QA, Map.of(),
                            preGenerated("baseline", List.of("Paris", "eight", "Shakespeare")), metric("output_length")),
                    experiment(spec("set__1", 1, 1, 2), QA, Map.of(),
                            preGenerated("baseline", List.of("Paris", "eight legs", "Shakespeare")), metric("output_length")));

            assertThat(set.name()).isEqualTo("set");
            assertThat(set.reportDirectory()).isEqualTo(REPORTS);
            assertThat(set.experiments()).extracting(ExperimentResult::name).containsExactly("first run", "set__1");
            ExperimentResult first = set.experiments().get(0);
            assertThat(first.reportDirectory()).isEqualTo(REPORTS.resolve("first_run"));
            assertThat(first.configurationId()).isEqualTo("c1");
            assertThat(first.repeatCount()).isEqualTo(2);
            assertThat(first.modelName()).isEqualTo("m1");
            assertThat(first.metricNames()).containsExactly("output_length");
            assertThat(set.experiments().get(1).metric("output_length").orElseThrow().mean()).isEqualTo(4.0 / 3);
            assertThat(set.configurations()).singleElement().satisfies(c -> {
                assertThat(c.label()).isEqualTo("model=m1");
                assertThat(c.experimentNames()).containsExactly("first run", "set__1");
            });
        }
    }

    @Nested
    @DisplayName("observations")
    class Observations {

        @Test
        @DisplayName("go to each experiment's observations file as the rows finish, in dataset order; the result reads them from it")
        void streamedToTheirFiles() throws Exception {
            FakeModel model = lastRowAnsweredFirst();

            ExperimentSetResult set = run(3,
                    experiment(spec("streamed one", 0, 0, 2), QA, Map.of(), generatedBy(model), metric("output_length")),
                    experiment(spec("streamed two", 1, 1, 2), QA, Map.of(),
                            preGenerated("baseline", List.of("Paris", "eight legs", "Shakespeare")), metric("output_length")));

            for (ExperimentResult experiment : set.experiments()) {
                Path file = experiment.reportDirectory().resolve(ObservationsFile.NAME);
                assertThat(experiment.rows()).isInstanceOf(ObservationsOnDisk.class);
                assertThat(((ObservationsOnDisk) experiment.rows()).file()).isEqualTo(file);
                assertThat(Files.readAllLines(file)).hasSize(3).satisfiesExactly(
                        line -> assertThat(line).startsWith("{\"row_id\":\"q1\""),
                        line -> assertThat(line).startsWith("{\"row_id\":\"q2\""),
                        line -> assertThat(line).startsWith("{\"row_id\":\"q3\""));
                assertThat(experiment.reportDirectory().resolve(ObservationsFile.NAME + ".partial")).doesNotExist();
                // The running sums give the summaries the rows give.
                assertThat(experiment.metrics()).isEqualTo(
                        ExperimentSummaries.summarize(List.copyOf(experiment.rows()), experiment.metricNames()));
            }
            assertThat(set.experiments().get(0).rows()).extracting(r -> r.generation().output()).containsExactly(
                    "answer to What is the capital of France?", "answer to How many legs has a spider?",
                    "answer to Who wrote Hamlet?");
            assertThat(set.experiments().get(1).rows().get(1).generation().output()).isEqualTo("eight legs");
        }

        @Test
        @DisplayName("a run that stops on a bug leaves no half-written file")
        void noPartialFileAfterAFailure() throws Exception {
            Path folder = REPORTS.resolve("stops");
            Files.createDirectories(folder);
            Files.deleteIfExists(folder.resolve(ObservationsFile.NAME));
            Metric broken = metric("broken", input -> {
                if (input.row().get("id").equals("q3")) {
                    throw new AssertionError("a bug in a metric");
                }
                return MetricObservation.of(1);
            });

            assertThatThrownBy(() -> run(1, experiment(spec("stops", 0, 0, 1), QA, Map.of(),
                    preGenerated("baseline", List.of("Paris", "eight", "Shakespeare")), broken)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("evalunit failed to run a row")
                    .hasRootCauseMessage("a bug in a metric");
            assertThat(folder.resolve(ObservationsFile.NAME + ".partial")).doesNotExist();
            assertThat(folder.resolve(ObservationsFile.NAME)).doesNotExist();
        }

        @Test
        @DisplayName("a folder that cannot be written stops the run with the reason")
        void folderNotWritable() throws Exception {
            Files.createDirectories(REPORTS);
            Path blocked = REPORTS.resolve("blocked");
            if (Files.isDirectory(blocked)) {
                try (var files = Files.walk(blocked)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.writeString(blocked, "a file where the experiment's folder would be");

            assertThatThrownBy(() -> run(1, experiment(spec("blocked", 0, 0, 1), QA, Map.of(),
                    preGenerated("baseline", List.of("Paris", "eight", "Shakespeare")), metric("output_length"))))
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessage("evalunit could not write an observations file")
                    .cause().hasMessageContaining(blocked.toString());
            Files.delete(blocked);
        }
    }

    /** A model that answers the last row of {@link #QA} before the others, which wait for it (boundedly). */
    private static FakeModel lastRowAnsweredFirst() {
        CountDownLatch lastAnswered = new CountDownLatch(1);
        return new FakeModel(request -> {
            String query = user(request);
            if (query.equals("Who wrote Hamlet?")) {
                lastAnswered.countDown();
            } else {
                await(lastAnswered);
            }
            return ModelReply.of("answer to " + query);
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            // Bounded, so that a runner that ran rows one by one fails instead of hanging.
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the last row was never asked while the first waited");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts calls in flight. Each call waits (boundedly) for {@code expected} calls to be in flight, then
     * stays a moment longer, so that a pool wider than {@code expected} would show more.
     */
    private static final class InFlight {
        private final int expected;
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        InFlight(int expected) {
            this.expected = expected;
        }

        String during(java.util.function.Supplier<String> call) {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (now.get() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                Thread.sleep(20);
                return call.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                now.decrementAndGet();
            }
        }

        int most() {
            return most.get();
        }
    }
}
