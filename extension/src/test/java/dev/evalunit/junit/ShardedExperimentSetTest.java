package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.ExperimentSetResults;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.CommandLine;
import dev.evalunit.testing.EngineRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.net.InetAddress;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("A sharded experiment set (evalunit.shard=K/N) and evalunit merge")
class ShardedExperimentSetTest {

    private static final String SET = "sharded_grid";

    /** m1 answers correctly; m2 only the questions that start with "How" and "What"; the judge scores 1 for a correct answer. */
    private static final Function<ChatServer.Call, String> MODELS_AND_JUDGE = call -> {
        if ("judge_precision".equals(call.schemaName())) {
            return "{\"reason\": \"checked\", \"score\": " + (call.user().contains("correct: ") ? 1 : 0) + "}";
        }
        boolean correct = call.model().equals("m1") || call.user().contains("How") || call.user().contains("What is");
        return (correct ? "correct: " : "wrong: ") + call.user();
    };

    private ChatServer server;

    @TempDir
    Path work;

    @BeforeEach
    void start() {
        server = ChatServer.start(MODELS_AND_JUDGE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EngineExecutionResults run(Path reportDirectory, String shard) {
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("m1", "m2", "judge")) {
            config.put("evalunit.models." + model + ".base-url", server.baseUrl());
            config.put("evalunit.models." + model + ".max-retries", "0");
        }
        config.put("evalunit.report.dir", reportDirectory.toString());
        if (shard != null) {
            config.put("evalunit.shard", shard);
        }
        return EngineRuns.run(GridTestCase.class, config);
    }

    @Test
    @DisplayName("each shard runs every configuration on its rows and aborts its tests; the merge writes what a single run writes, timings aside")
    void mergeEqualsSingleRun() throws IOException {
        Path single = work.resolve("single");
        run(single, null).testEvents().assertStatistics(stats -> stats.started(9).succeeded(5).failed(4));
        int singleRequests = server.requestCount();
        List<Path> shards = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Path directory = work.resolve("shard-" + k);
            // Eight experiments and the set-level test: all aborted, none failed (m2's gate is applied at the merge).
            run(directory, k + "/3").testEvents().assertStatistics(stats -> stats.started(9).aborted(9).failed(0));
            shards.add(directory);
        }
        // Every row of every experiment ran in exactly one shard: as many calls as the single run.
        assertThat(server.requestCount()).isEqualTo(2 * singleRequests);
        // Rows e5, e6 and e9 hash to shard 1 (FNV-1a of "id=e5"...), in every experiment.
        Path firstExperiment = shards.get(0).resolve(SET).resolve("sharded_grid__0");
        assertThat(Files.readAllLines(firstExperiment.resolve("observations.jsonl")))
                .extracting(line -> line.substring(0, 15)).containsExactly("{\"row_id\":\"e5\",", "{\"row_id\":\"e6\",",
                        "{\"row_id\":\"e9\",");
        assertThat(Files.readString(firstExperiment.resolve("summary.json"))).startsWith("{\n  \"shard\": \"1/3\",\n  \"name\": \"sharded_grid__0\",");

        Path merged = work.resolve("merged");
        CommandLine cli = merge("--output", merged.toString(), shards.get(2).toString(), shards.get(0).toString(),
                shards.get(1).toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("[evalunit] experiment set " + SET + ": merged 3 shards, 8 experiments written to "
                + merged.resolve(SET).toAbsolutePath().normalize(), "[evalunit] merge: every gate holds on 8 evaluations");
        // Each experiment's tokens too: the merge sums its shards' (ChatServer: 10 in, 5 out per reply; 9 rows).
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(single.resolve(SET)
                .resolve("sharded_grid__7/summary.json").toFile()).at("/tokens/judge/input").asLong()).isEqualTo(90);
        List<Path> expected = files(single.resolve(SET));
        assertThat(files(merged.resolve(SET))).isEqualTo(expected).contains(Path.of("set-summary.json"),
                Path.of("sharded_grid__7/observations.jsonl"), Path.of("sharded_grid__7/summary.json"));
        for (Path file : expected) {
            assertThat(masked(merged.resolve(SET).resolve(file))).as(file.toString())
                    .isEqualTo(masked(single.resolve(SET).resolve(file)));
        }
    }

    @Test
    @DisplayName("a --gate on a metric's mean is applied to every experiment: m2's fail it (exit 1)")
    void gateOnAMetric() throws IOException {
        List<Path> shards = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            Path directory = work.resolve("shard-" + k);
            run(directory, k + "/2");
            shards.add(directory);
        }

        CommandLine cli = merge("--output", work.resolve("merged").toString(), "--gate", "judge_precision>=0.7",
                shards.get(0).toString(), shards.get(1).toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("experiment [model=m2, temperature=0.2 · run 1/2 (sharded_grid__4)] of set [" + SET + "] gate"
                + " [judge_precision>=0.7] failed: judge_precision is 0.4444");
        assertThat(cli.out()).contains("[evalunit] merge: 4 of 8 evaluations failed a gate");
        // The run summary has one row for the set: it fails when one of its experiments does.
        assertThat(Files.readString(work.resolve("merged").resolve("summary.md")))
                .contains("| fail | " + SET + " | set | judge_precision: best ");
    }

    @Test
    @DisplayName("a shard still fails the experiments whose model cannot work (they stopped); the others are aborted")
    void stoppedExperimentsFail() throws IOException {
        try (MockWebServer broken = new MockWebServer()) {
            broken.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(401).body("{\"error\": {\"message\": \"Incorrect API key\"}}").build();
                }
            });
            broken.start(InetAddress.getLoopbackAddress(), 0);
            Map<String, String> config = new HashMap<>();
            for (String model : List.of("m1", "judge")) {
                config.put("evalunit.models." + model + ".base-url", server.baseUrl());
            }
            config.put("evalunit.models.m2.base-url", broken.url("/v1").toString());
            config.put("evalunit.report.dir", work.resolve("shard-1").toString());
            config.put("evalunit.shard", "1/3");

            EngineExecutionResults results = EngineRuns.run(GridTestCase.class, config);

            // m2's four experiments stopped and fail; m1's four and the set-level test are aborted.
            results.testEvents().assertStatistics(stats -> stats.started(9).failed(4).aborted(5));
            assertThat(EngineRuns.failures(results)).allSatisfy(failure -> assertThat(failure)
                    .isInstanceOf(EvaluationInfrastructureException.class).hasMessageContaining("stopped: model [m2]"));
        }
    }

    private static CommandLine merge(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "merge";
        System.arraycopy(args, 0, command, 1, args.length);
        return CommandLine.run(command);
    }

    /** Every file under {@code directory} but the shard files, relative, sorted. */
    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(directory::relativize)
                    .filter(f -> !f.getFileName().toString().equals("set-shard.json")).sorted().toList();
        }
    }

    /** The file's text with its timings (how long each generation took) masked. */
    private static String masked(Path file) throws IOException {
        return Files.readString(file).replaceAll("\"generation_seconds\":[-0-9.Ee]+", "\"generation_seconds\":0");
    }

    static class GridTestCase {
        @ExperimentSet("expsets/sharded-grid.json")
        void eachExperiment(ExperimentResult experiment) {
            assertThat(experiment.metrics().get("judge_precision").mean()).isGreaterThan(0.7);
        }

        @Test
        void bestConfiguration(@ExperimentSetResults(SET) ExperimentSetResult set) {
            assertThat(set.configurations()).hasSize(4);
        }
    }
}
