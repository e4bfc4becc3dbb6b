package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("A sharded run (evalunit.shard=K/N) and evalunit merge")
class ShardedRunTest {

    private static final String EVALUATION = "ShardedTestCase.candidateBeatsBaseline";

    private ChatServer server;

    @TempDir
    Path work;

    @BeforeEach
    void startServer() {
        // Deterministic: the candidate answers well except on one question, where its server fails (an
        // Error row); the judge prefers answers marked "good"; answer_b is "good" on q4, q8 and q12.
        server = ChatServer.start(prompt -> {
            if (prompt.contains("Which planet")) {
                throw new IllegalStateException("the stand-in fails on this question");
            }
            return "good: " + prompt.lines().reduce((a, b) -> b).orElse("");
        }, ChatServer.judgePreferring("good"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private EngineRuns.Captured run(Path reportDirectory, String shard) {
        Map<String, String> config = new HashMap<>();
        config.put("evalunit.models.candidate.base-url", server.baseUrl());
        config.put("evalunit.models.candidate.max-retries", "0");
        config.put("evalunit.models.judge.base-url", server.baseUrl());
        config.put("evalunit.models.judge.max-retries", "0");
        config.put("evalunit.report.dir", reportDirectory.toString());
        if (shard != null) {
            config.put("evalunit.shard", shard);
        }
        return EngineRuns.runCapturingConsole(ShardedTestCase.class, config);
    }

    /** Runs the three shards, each into its own report directory; returns the directories. */
    private List<Path> runShards() {
        List<Path> shards = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Path directory = work.resolve("shard-" + k);
            run(directory, k + "/3").results().testEvents().assertStatistics(stats -> stats.aborted(1).failed(0));
            shards.add(directory);
        }
        return shards;
    }

    private static CommandLine merge(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "merge";
        System.arraycopy(args, 0, command, 1, args.length);
        return CommandLine.run(command);
    }

    private static String[] mergeArgs(Path output, List<Path> shards, String... extra) {
        List<String> args = new ArrayList<>(List.of("--output", output.toString()));
        args.addAll(List.of(extra));
        shards.forEach(shard -> args.add(shard.toString()));
        return args.toArray(String[]::new);
    }

    private static List<String> ids(Path judgments) throws IOException {
        return Files.readAllLines(judgments).stream().map(line -> line.substring(line.indexOf(":\"") + 2, line.indexOf("\","))).toList();
    }

    @Nested
    @DisplayName("a shard")
    class AShard {

        @Test
        @DisplayName("runs only its examples, by a stable hash of their ids, and writes partial files marked with the shard")
        void runsItsPart() throws IOException {
            Path directory = work.resolve("shard-2");
            EngineRuns.Captured run = run(directory, "2/3");

            Path evaluation = directory.resolve(EVALUATION);
            // FNV-1a of "id=q1", "id=q2", ... modulo 3 puts q1, q2 and q4 in shard 2 (ShardTest pins the hash).
            assertThat(ids(evaluation.resolve("judgments.jsonl"))).containsExactly("q1", "q2", "q4");
            assertThat(server.requestCount()).isEqualTo(3 * (1 + 4));
            assertThat(Files.readString(evaluation.resolve("metrics.json"))).startsWith("{\n  \"shard\": \"2/3\",\n  \"example_count\": 3,");
            assertThat(Files.readString(evaluation.resolve("shard.json")))
                    .contains("\"shard\": \"2/3\"", "\"evaluation\": \"" + EVALUATION + "\"", "\"dataset_size\": 12",
                            "\"error_budget\": 0.1", "\"rows\": [\n    1,\n    2,\n    4\n  ]");
        }

        @Test
        @DisplayName("does not apply the gates: its test is aborted, saying so, and the console says so too")
        void skipsTheGates() throws IOException {
            ShardedTestCase.bodyRan = false;
            EngineRuns.Captured run = run(work.resolve("shard-1"), "1/3");

            String reason = "[evalunit] " + EVALUATION + ": shard 1/3 ran 3 of 12 examples; gates (error budget,"
                    + " assertions) are not applied to a partial run: evalunit merge applies them";
            run.results().testEvents().assertStatistics(stats -> stats.started(1).aborted(1).failed(0).succeeded(0));
            assertThat(run.results().testEvents().aborted().stream()
                    .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage()))
                    .containsExactly(reason);
            assertThat(run.console()).contains(reason);
            assertThat(ShardedTestCase.bodyRan).isFalse();
            // The run summary's row (recorded for the run's summary.md) says the figures are the shard's.
            try (Stream<Path> index = Files.list(work.resolve("shard-1").resolve(".evalunit-index"))) {
                assertThat(index.filter(f -> f.toString().endsWith(".properties")).toList()).singleElement()
                        .satisfies(entry -> assertThat(Files.readString(entry)).contains("figures=shard 1/3, gates at merge; A wins"));
            }
        }
    }

    @Nested
    @DisplayName("evalunit merge")
    class Merge {

        @Test
        @DisplayName("writes what a single run writes, byte for byte, and exits 0 when the gates hold")
        void equalsASingleRun() throws IOException {
            Path single = work.resolve("single");
            run(single, null).results().testEvents().assertStatistics(stats -> stats.succeeded(1));
            List<Path> shards = runShards();

            Path merged = work.resolve("merged");
            CommandLine cli = merge(mergeArgs(merged, shards, "--gate", "autosxs_model_a_win_rate>=0.5"));

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(cli.out()).contains("[evalunit] " + EVALUATION + ": merged 3 shards, 12 judgments written to "
                    + merged.resolve(EVALUATION).resolve("judgments.jsonl").toAbsolutePath().normalize(),
                    "[evalunit] merge: every gate holds on 1 evaluation");
            Path expected = single.resolve(EVALUATION);
            Path actual = merged.resolve(EVALUATION);
            assertThat(files(actual)).isEqualTo(files(expected)).contains("judgments.jsonl", "metrics.json");
            for (String file : files(expected)) {
                assertThat(Files.readString(actual.resolve(file))).as(file).isEqualTo(Files.readString(expected.resolve(file)));
            }
            assertThat(Files.readString(actual.resolve("judgments.jsonl"))).contains("\"choice\":\"Error\"");
        }

        @Test
        @DisplayName("writes the run summary of the merged run: the single run's figures, the gates' outcome")
        void runSummary() throws IOException {
            Path single = work.resolve("single");
            run(single, null);
            String singleFigures;
            try (var entries = Files.list(single.resolve(".evalunit-index"))) {
                Path entry = entries.filter(f -> f.toString().endsWith(".properties")).findFirst().orElseThrow();
                java.util.Properties properties = new java.util.Properties();
                properties.load(Files.newBufferedReader(entry));
                singleFigures = properties.getProperty("figures");
            }
            assertThat(singleFigures).startsWith("A wins 72.7%");
            List<Path> shards = runShards();

            Path passed = work.resolve("merged");
            CommandLine pass = merge(mergeArgs(passed, shards, "--gate", "autosxs_model_a_win_rate>=0.5"));
            Path failed = work.resolve("merged-failed");
            CommandLine fail = merge(mergeArgs(failed, shards, "--gate", "autosxs_model_a_win_rate>=0.9"));

            assertThat(Files.readString(passed.resolve("summary.md")))
                    .contains("| pass | " + EVALUATION + " | pairwise | " + singleFigures + " |");
            assertThat(pass.out()).contains("[evalunit] run summary: " + passed.resolve("summary.md"));
            assertThat(Files.readString(failed.resolve("summary.md")))
                    .contains("| fail | " + EVALUATION + " | pairwise | " + singleFigures + " |");
            assertThat(fail.exitCode()).isEqualTo(1);
        }

        @Test
        @DisplayName("exits 1, naming the evaluation and the figure, when a --gate fails")
        void gateFails() {
            CommandLine cli = merge(mergeArgs(work.resolve("merged"), runShards(), "--gate", "autosxs_model_a_win_rate>=0.9"));

            assertThat(cli.exitCode()).isEqualTo(1);
            assertThat(cli.err()).contains("evaluation [" + EVALUATION + "] gate [autosxs_model_a_win_rate>=0.9] failed:"
                    + " autosxs_model_a_win_rate is 0.7273");
            assertThat(cli.out()).contains("[evalunit] merge: 1 of 1 evaluation failed a gate");
        }

        @Test
        @DisplayName("exits 1 when the merged evaluation is over the error budget its shards were run with")
        void errorBudget() {
            List<Path> shards = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                Path directory = work.resolve("tight-" + k);
                Map<String, String> config = new HashMap<>();
                config.put("evalunit.models.candidate.base-url", server.baseUrl());
                config.put("evalunit.models.candidate.max-retries", "0");
                config.put("evalunit.models.judge.base-url", server.baseUrl());
                config.put("evalunit.report.dir", directory.toString());
                config.put("evalunit.shard", k + "/3");
                config.put("evalunit.error-budget", "0");
                EngineRuns.run(ShardedTestCase.class, config).testEvents().assertStatistics(stats -> stats.aborted(1));
                shards.add(directory);
            }

            CommandLine cli = merge(mergeArgs(work.resolve("merged"), shards));

            assertThat(cli.exitCode()).isEqualTo(1);
            assertThat(cli.err()).contains("evaluation [" + EVALUATION + "] exceeded its error budget: 1 of 12 examples (8.3%)");
        }

        @Test
        @DisplayName("refuses a missing shard, naming it and the shards given (exit 2)")
        void missingShard() {
            List<Path> shards = runShards();

            CommandLine cli = merge(mergeArgs(work.resolve("merged"), shards.subList(0, 2)));

            assertThat(cli.exitCode()).isEqualTo(2);
            assertThat(cli.err().strip()).isEqualTo("Configuration error: shard [3/3] of [" + EVALUATION + "] is missing"
                    + " (given: 1/3 in [" + shards.get(0).resolve(EVALUATION) + "], 2/3 in [" + shards.get(1).resolve(EVALUATION)
                    + "]). Add the report directory of the missing shard.");
            assertThat(work.resolve("merged")).doesNotExist();
        }

        @Test
        @DisplayName("refuses a shard given twice, naming both directories (exit 2)")
        void duplicatedShard() {
            List<Path> shards = runShards();

            CommandLine cli = merge(mergeArgs(work.resolve("merged"), List.of(shards.get(0), shards.get(1), shards.get(1))));

            assertThat(cli.exitCode()).isEqualTo(2);
            assertThat(cli.err().strip()).isEqualTo("Configuration error: shard [2/3] of [" + EVALUATION + "] is given"
                    + " twice: [" + shards.get(1).resolve(EVALUATION) + "] and [" + shards.get(1).resolve(EVALUATION)
                    + "]. Give each shard once.");
        }

        @Test
        @DisplayName("refuses shards of different evaluations (another spec), naming both (exit 2)")
        void differentSpecs() throws IOException {
            List<Path> shards = runShards();
            Path other = work.resolve("other");
            Map<String, String> config = new HashMap<>();
            config.put("evalunit.models.candidate.base-url", server.baseUrl());
            config.put("evalunit.models.judge.base-url", server.baseUrl());
            config.put("evalunit.report.dir", other.toString());
            config.put("evalunit.shard", "3/3");
            config.put("evalunit.autorater.samples", "2");
            EngineRuns.run(ShardedTestCase.class, config);

            CommandLine cli = merge(mergeArgs(work.resolve("merged"), List.of(shards.get(0), shards.get(1), other)));

            assertThat(cli.exitCode()).isEqualTo(2);
            assertThat(cli.err()).startsWith("Configuration error: the shards of [" + EVALUATION + "] come from different"
                    + " evaluations: [" + shards.get(0).resolve(EVALUATION) + "] has spec ")
                    .contains(", [" + other.resolve(EVALUATION) + "] has spec ")
                    .endsWith(". Merge the shards of one evaluation, run with one configuration.\n");
        }

        @Test
        @DisplayName("refuses a directory without shard files, and a malformed gate (exit 2)")
        void badInput() throws IOException {
            Path empty = Files.createDirectories(work.resolve("empty"));

            CommandLine noShards = merge(mergeArgs(work.resolve("merged"), List.of(empty)));
            CommandLine badGate = merge(mergeArgs(work.resolve("merged"), List.of(empty), "--gate", "win rate high"));

            assertThat(noShards.exitCode()).isEqualTo(2);
            assertThat(noShards.err().strip()).isEqualTo("Configuration error: directory [" + empty + "] holds no shard"
                    + " file (shard.json or set-shard.json). Name the report directories (evalunit.report.dir) of runs"
                    + " with evalunit.shard=K/N.");
            assertThat(badGate.exitCode()).isEqualTo(2);
            assertThat(badGate.err().strip()).isEqualTo("Configuration error: option [--gate] gives the gate [win rate high]."
                    + " Write a figure or metric name, a comparison and a number, e.g. autosxs_model_a_win_rate>=0.5 (one of >=, >, <=, <).");
        }
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> !name.equals("shard.json")).sorted().toList();
        }
    }

    static class ShardedTestCase {
        static volatile boolean bodyRan;

        @PairwiseEval(dataset = "datasets/qa-twelve.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge",
                        instruction = @Prompt(template = "Answer the question: {{ question }}"),
                        context = @Prompt(column = "context")),
                modelA = @Candidate(model = "candidate",
                        params = @PromptParam(name = "prompt", template = "{{ context }}\n{{question}}")),
                modelB = @Candidate(responseColumn = "answer_b"),
                humanPreferenceColumn = "human")
        void candidateBeatsBaseline(PairwiseResult result) {
            bodyRan = true;
        }
    }
}
