package dev.evalunit.junit;

import static dev.evalunit.assertj.EvalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.PairwiseTournament;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.TournamentResults;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.TournamentDefinition;
import dev.evalunit.api.pairwise.TournamentResult;
import dev.evalunit.api.pairwise.TournamentStanding;
import dev.evalunit.runsummary.RunIndex;
import dev.evalunit.stats.pairwise.Battle;
import dev.evalunit.stats.pairwise.RankedModel;
import dev.evalunit.stats.pairwise.Ranking;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

@DisplayName("@PairwiseTournament")
class PairwiseTournamentExtensionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the fixtures' final method received, read by the tests. */
    static final AtomicReference<TournamentResult> RECEIVED = new AtomicReference<>();

    private ChatServer server;
    private final List<String> generations = new java.util.concurrent.CopyOnWriteArrayList<>();

    @TempDir
    Path reports;

    @BeforeEach
    void start() {
        RECEIVED.set(null);
        // Each model answers at its own level; the judge prefers the higher level, but on q3 it calls levels one
        // apart a tie, and on q4 it always picks the answer shown first: every candidate loses some, and the fit
        // stays finite.
        server = ChatServer.start(call -> {
            if (!call.isAutorater()) {
                generations.add(call.model() + ": " + call.user());
                return "level " + call.model().charAt(1) + " answer to " + call.user();
            }
            ChatServer.JudgeCall judge = ChatServer.judgeCall(call.user());
            if (judge.instruction().contains("Hamlet")) {
                return ChatServer.verdict("A", "the first answer reads better");
            }
            int a = level(judge.shownA());
            int b = level(judge.shownB());
            if (judge.instruction().contains("sky") && Math.abs(a - b) == 1) {
                return ChatServer.verdict("TIE", "both answers are close enough");
            }
            return ChatServer.verdict(a == b ? "TIE" : a > b ? "A" : "B", "the higher level is better");
        });
    }

    private static int level(String answer) {
        return answer.charAt("level ".length()) - '0';
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EngineExecutionResults run(Class<?> fixture) {
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("m1", "m2", "m3", "judge")) {
            config.put("evalunit.models." + model + ".base-url", server.baseUrl());
        }
        config.put("evalunit.report.dir", reports.toString());
        return EngineRuns.run(fixture, config);
    }

    @Nested
    @DisplayName("against a baseline")
    class AgainstABaseline {

        @Test
        @DisplayName("is one test per pairing, named 'm2 vs m1', plus the test that receives the tournament")
        void oneTestPerPairing() {
            EngineExecutionResults results = run(BaselineTestCase.class);

            results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
            List<String> names = results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
            assertThat(names).contains("m2 vs m1", "m3 vs m1");
        }

        @Test
        @DisplayName("asks each candidate once per example, however many pairings it plays")
        void answersOncePerCandidate() {
            run(BaselineTestCase.class);

            // 3 candidates x 4 examples; the baseline m1 plays two pairings but answers 4 times.
            assertThat(generations).hasSize(12);
            assertThat(generations.stream().filter(g -> g.startsWith("m1:"))).hasSize(4);
        }

        @Test
        @DisplayName("writes each pairing's files in its folder, naming the models, and tournament.json beside them")
        void files() throws IOException {
            EngineExecutionResults results = run(BaselineTestCase.class);

            Path tournament = reports.resolve("qa_tournament");
            for (String folder : List.of("m2-vs-m1", "m3-vs-m1")) {
                Path judgments = tournament.resolve(folder).resolve("judgments.jsonl");
                assertThat(judgments).exists();
                assertThat(tournament.resolve(folder).resolve("metrics.json")).exists();
                JsonNode first = JSON.readTree(Files.readAllLines(judgments).get(0));
                assertThat(first.get("model_a").asText()).isEqualTo(folder.substring(0, 2));
                assertThat(first.get("model_b").asText()).isEqualTo("m1");
            }
            JsonNode file = JSON.readTree(tournament.resolve("tournament.json").toFile());
            assertThat(file.get("baseline").asText()).isEqualTo("m1");
            assertThat(file.get("ranking").findValuesAsText("model")).containsExactly("m3", "m2", "m1");
            assertThat(file.get("pairings").findValuesAsText("folder")).containsExactly("m2-vs-m1", "m3-vs-m1");
            List<String> entries = results.testEvents().reportingEntryPublished().stream()
                    .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("evalunit.judgments"))
                    .filter(java.util.Objects::nonNull).toList();
            assertThat(entries).hasSize(2);
        }

        @Test
        @DisplayName("gives each pairing's metrics.json the tokens of its own calls (a shared answer where it was made), and tournament.json the totals")
        void tokens() throws IOException {
            run(BaselineTestCase.class);

            // ChatServer: 10 input and 5 output tokens per reply; 4 examples, 2 autorater samples each.
            Path tournament = reports.resolve("qa_tournament");
            JsonNode first = JSON.readTree(tournament.resolve("m2-vs-m1").resolve("metrics.json").toFile()).get("tokens");
            JsonNode second = JSON.readTree(tournament.resolve("m3-vs-m1").resolve("metrics.json").toFile()).get("tokens");
            JsonNode total = JSON.readTree(tournament.resolve("tournament.json").toFile()).get("tokens");
            assertThat(first.fieldNames()).toIterable().containsExactly("judge", "m1", "m2");
            assertThat(first.path("m1").path("input").asLong()).isEqualTo(40);
            assertThat(first.path("judge").path("output").asLong()).isEqualTo(40);
            assertThat(second.fieldNames()).toIterable().as("m1's answers were made in the first pairing")
                    .containsExactly("judge", "m3");
            assertThat(second.path("m3").path("output").asLong()).isEqualTo(20);
            assertThat(total.fieldNames()).toIterable().containsExactly("judge", "m1", "m2", "m3");
            assertThat(total.path("judge").path("input").asLong()).isEqualTo(160);
            assertThat(total.path("m1").path("input").asLong()).isEqualTo(40);
            assertThat(RECEIVED.get().pairings().get(1).usage().input()).isEqualTo(40 + 80);
            // The run summary's row of each pairing ends with the same tokens (in: m1 40 + m2 40 + judge 80; out: half).
            Map<String, String> figures = new HashMap<>();
            RunIndex.entries(reports).forEach(entry -> figures.put(entry.evaluation().name(), entry.evaluation().figures()));
            assertThat(figures.get("qa_tournament m2 vs m1")).startsWith("A wins ").endsWith(" errors; 160 tokens in, 80 out");
            assertThat(figures.get("qa_tournament m3 vs m1")).startsWith("A wins ").endsWith(" errors; 120 tokens in, 60 out");
        }

        @Test
        @DisplayName("ranks by a Bradley-Terry fit over the pairings' votes, as computed from the judgments files")
        void ranking() {
            run(BaselineTestCase.class);
            TournamentResult tournament = RECEIVED.get();

            List<Battle> battles = new ArrayList<>();
            for (PairwiseResult pairing : tournament.pairings()) {
                pairing.judgments().forEach(j -> battles.addAll(Battle.of(j, pairing.modelA(), pairing.modelB())));
            }
            // 2 pairings x 4 examples x 2 samples (the default), none an error.
            assertThat(battles).hasSize(16);
            Ranking expected = Ranking.of(battles, "m1", 50, 7);
            assertThat(tournament.ranking()).containsExactly("m3", "m2", "m1");
            for (RankedModel model : expected.models()) {
                TournamentStanding standing = tournament.standing(model.model()).orElseThrow();
                assertThat(standing.score()).isCloseTo(model.score(), within(1e-12));
                assertThat(standing.ciLow()).isEqualTo(model.ciLow());
                assertThat(standing.ciHigh()).isEqualTo(model.ciHigh());
                assertThat(standing.battles()).isEqualTo(model.battles());
            }
            assertThat(tournament.standing("m1").orElseThrow().score()).isEqualTo(0.5);
            // Against the baseline only, each candidate's fitted score is its share of its battles with the baseline.
            for (String model : List.of("m2", "m3")) {
                double share = battles.stream().filter(b -> b.modelA().equals(model)).mapToDouble(Battle::scoreA)
                        .average().orElseThrow();
                assertThat(tournament.standing(model).orElseThrow().score()).isCloseTo(share, within(1e-5));
            }
        }

        @Test
        @DisplayName("gives assertions that name the candidate, its figures and the ranking")
        void assertions() {
            run(BaselineTestCase.class);
            TournamentResult tournament = RECEIVED.get();

            assertThat(tournament).model("m3").ranksAbove("m2").rank().isEqualTo(1);
            assertThatThrownBy(() -> assertThat(tournament).model("m1").ranksAbove("m2"))
                    .hasMessageContaining("Expected [m1] to rank above [m2], but it ranks 3")
                    .hasMessageContaining("ranking [m3, m2, m1] against baseline [m1] of tournament [qa_tournament]");
            assertThatThrownBy(() -> assertThat(tournament).model("m9"))
                    .hasMessageStartingWith("Expected candidate [m9] in the ranking, but it is not a candidate;");
            assertThatThrownBy(() -> assertThat(tournament).model("m1").score().isGreaterThan(0.6))
                    .hasMessageContaining("score of [m1]");
        }
    }

    @Nested
    @DisplayName("declared in JSON or in Java")
    class DeclaredInJsonOrJava {
        @Test
        @DisplayName("a JSON file runs the same tournament as the annotation")
        void json() {
            run(BaselineTestCase.class);
            TournamentResult annotated = RECEIVED.get();

            EngineExecutionResults results = run(JsonTestCase.class);

            results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
            assertSameStandings(RECEIVED.get(), annotated);
            assertThat(RECEIVED.get().name()).isEqualTo("qa_tournament_json");
            assertThat(reports.resolve("qa_tournament_json").resolve("tournament.json")).exists();
        }

        @Test
        @DisplayName("a builder method runs the same tournament as the annotation")
        void builder() {
            run(BaselineTestCase.class);
            TournamentResult annotated = RECEIVED.get();

            EngineExecutionResults results = run(BuilderTestCase.class);

            results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
            assertSameStandings(RECEIVED.get(), annotated);
        }

        private static void assertSameStandings(TournamentResult actual, TournamentResult expected) {
            assertThat(actual.standings()).isEqualTo(expected.standings());
            assertThat(actual.baseline()).isEqualTo(expected.baseline());
        }
    }

    @Nested
    @DisplayName("round robin")
    class RoundRobin {
        @Test
        @DisplayName("plays every pair of candidates, the later-declared as A")
        void everyPair() {
            EngineExecutionResults results = run(RoundRobinTestCase.class);

            List<String> names = results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName())
                    .filter(n -> n.contains(" vs ")).toList();
            assertThat(names).containsExactly("m2 vs m1", "m3 vs m1", "m3 vs m2");
            results.testEvents().assertStatistics(stats -> stats.failed(0));
            assertThat(generations).hasSize(12);
        }
    }

    @Nested
    @DisplayName("repeated")
    class Repeated {
        @Test
        @DisplayName("plays each pairing once per repeat, each candidate answering anew, and pools the battles")
        void repeats() {
            EngineExecutionResults results = run(RepeatTestCase.class);

            List<String> names = results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName())
                    .filter(n -> n.contains(" vs ")).toList();
            assertThat(names).containsExactly("m2 vs m1 (repeat 1)", "m2 vs m1 (repeat 2)");
            results.testEvents().assertStatistics(stats -> stats.failed(0));
            // 2 candidates x 4 examples x 2 repeats.
            assertThat(generations).hasSize(16);
            assertThat(reports.resolve("repeated").resolve("m2-vs-m1-repeat-2").resolve("judgments.jsonl")).exists();
            // 2 repeats x 4 examples x 2 samples, each between m2 and m1.
            assertThat(RECEIVED.get().standing("m2").orElseThrow().battles()).isEqualTo(16);
        }
    }

    @Nested
    @DisplayName("over temperatures")
    class OverTemperatures {
        @Test
        @DisplayName("names each candidate with its temperature and sends it")
        void temperatures() {
            EngineExecutionResults results = run(TemperatureTestCase.class);

            List<String> names = results.testEvents().started().stream().map(Event::getTestDescriptor)
                    .map(d -> d.getDisplayName()).toList();
            assertThat(names).containsExactly("m2[temperature=0.9] vs m2[temperature=0.1]");
            assertThat(server.requests()).filteredOn(r -> r.path("model").asText().equals("m2"))
                    .extracting(r -> r.path("temperature").asDouble()).containsOnly(0.1, 0.9);
        }
    }

    // Fixtures: run only through the engine above, never directly (they are not @Nested).

    @Nested
    @DisplayName("in a sharded run (evalunit.shard=K/N)")
    class Sharded {

        private EngineExecutionResults runInto(Path directory, String shard) {
            Map<String, String> config = new HashMap<>();
            for (String model : List.of("m1", "m2", "m3", "judge")) {
                config.put("evalunit.models." + model + ".base-url", server.baseUrl());
            }
            config.put("evalunit.report.dir", directory.toString());
            config.put("evalunit.cache.mode", "off"); // every run calls the stand-in, so that its files compare
            if (shard != null) {
                config.put("evalunit.shard", shard);
            }
            return EngineRuns.run(ShardedTestCase.class, config);
        }

        @Test
        @DisplayName("is run whole by shard 1 and skipped by the others, saying why; the merge copies it as it is")
        void wholeInShardOne() throws IOException {
            runInto(reports.resolve("single"), null).testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
            generations.clear();

            EngineExecutionResults first = runInto(reports.resolve("shard-1"), "1/2");
            int firstGenerations = generations.size();
            EngineExecutionResults second = runInto(reports.resolve("shard-2"), "2/2");

            // Shard 1: the tournament whole (2 pairings and the test of the tournament), the pairwise part aborted.
            first.testEvents().assertStatistics(stats -> stats.succeeded(3).aborted(1).failed(0));
            // Shard 2: the tournament skipped, before any call of its own.
            second.testEvents().assertStatistics(stats -> stats.succeeded(0).aborted(4).failed(0));
            assertThat(second.testEvents().aborted().stream()
                    .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                            .getThrowable().orElseThrow().getMessage()))
                    .contains("[evalunit] tournament qa_tournament: not split into shards; shard 1/2 runs it whole,"
                            + " and evalunit merge takes its files from there");
            assertThat(reports.resolve("shard-2/qa_tournament")).doesNotExist();
            // m3 plays only in the tournament: shard 2 asked it nothing.
            assertThat(generations.subList(firstGenerations, generations.size())).noneMatch(g -> g.startsWith("m3:"));
            assertThat(generations.subList(0, firstGenerations)).anyMatch(g -> g.startsWith("m3:"));

            dev.evalunit.testing.CommandLine merged = dev.evalunit.testing.CommandLine.run("merge", "--output",
                    reports.resolve("merged").toString(), reports.resolve("shard-1").toString(),
                    reports.resolve("shard-2").toString());

            assertThat(merged.exitCode()).as(merged.err()).isZero();
            assertThat(merged.out()).contains("[evalunit] tournament qa_tournament: run whole by shard 1, its files copied to "
                    + reports.resolve("merged").resolve("qa_tournament"));
            for (String file : List.of("tournament.json", "m2-vs-m1/judgments.jsonl", "m2-vs-m1/metrics.json",
                    "m3-vs-m1/judgments.jsonl")) {
                assertThat(Files.readString(reports.resolve("merged/qa_tournament").resolve(file))).as(file)
                        .isEqualTo(Files.readString(reports.resolve("single/qa_tournament").resolve(file)));
            }
            assertThat(Files.readString(reports.resolve("merged/qa_pairwise/judgments.jsonl")))
                    .isEqualTo(Files.readString(reports.resolve("single/qa_pairwise/judgments.jsonl")));
            // The merged run summary: the merged evaluation, and the pairings as shard 1 recorded them.
            assertThat(Files.readString(reports.resolve("merged/summary.md"))).contains(
                    "| pass | qa_pairwise | pairwise | A wins ",
                    " | qa_tournament m2 vs m1 | pairwise | A wins ", " | qa_tournament m3 vs m1 | pairwise | A wins ");
        }
    }

    /** The baseline tournament beside a pairwise evaluation: what a sharded run splits and what it runs whole. */
    static class ShardedTestCase extends BaselineTestCase {
        @PairwiseEval(name = "qa_pairwise", dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
                idColumns = "id", autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question"), samples = 2),
                modelA = @Candidate(model = "m2", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(model = "m1", params = @PromptParam(template = "{{ question }}")))
        void pairwise(PairwiseResult result) {
            assertThat(result).hasNoErrors();
        }
    }

    static class BaselineTestCase {
        @PairwiseTournament(name = "qa_tournament", dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
                idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question"), samples = 2),
                models = {"m1", "m2", "m3"}, params = @PromptParam(template = "{{ question }}"),
                baseline = "m1", bootstrapRounds = 50, seed = 7)
        void pairing(PairwiseResult result) {
            assertThat(result).hasNoErrors();
        }

        @Test
        void tournament(@TournamentResults("qa_tournament") TournamentResult tournament) {
            RECEIVED.set(tournament);
        }
    }

    static class JsonTestCase {
        @PairwiseTournament("tournaments/qa-tournament.json")
        void pairing(PairwiseResult result) {
            assertThat(result).hasNoErrors();
        }

        @Test
        void tournament(@TournamentResults("qa_tournament_json") TournamentResult tournament) {
            RECEIVED.set(tournament);
        }
    }

    static class BuilderTestCase {
        static TournamentDefinition qa() {
            return TournamentDefinition.named("qa_tournament_java")
                    .dataset("datasets/qa-small.jsonl").idColumns("id").task(Task.QUESTION_ANSWERING)
                    .autorater("judge", "{{ question }}").autoraterSamples(2)
                    .models("m1", "m2", "m3").prompt("{{ question }}")
                    .baseline("m1").bootstrapRounds(50).seed(7)
                    .build();
        }

        @PairwiseTournament(builder = "qa")
        void pairing(PairwiseResult result) {
            assertThat(result).hasNoErrors();
        }

        @Test
        void tournament(@TournamentResults("qa_tournament_java") TournamentResult tournament) {
            RECEIVED.set(tournament);
        }
    }

    static class RoundRobinTestCase {
        @PairwiseTournament(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                models = {"m1", "m2", "m3"}, params = @PromptParam(template = "{{ question }}"), roundRobin = true)
        void pairing(PairwiseResult result) {
            assertThat(result.judgments()).hasSize(4);
        }
    }

    static class RepeatTestCase {
        @PairwiseTournament(name = "repeated", dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question"), samples = 2),
                models = {"m1", "m2"}, repeat = 2, params = @PromptParam(template = "{{ question }}"), baseline = "m1")
        void pairing(PairwiseResult result) {
            assertThat(result).hasNoErrors();
        }

        @Test
        void tournament(@TournamentResults("repeated") TournamentResult tournament) {
            RECEIVED.set(tournament);
        }
    }

    static class TemperatureTestCase {
        @PairwiseTournament(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                models = "m2", temperatures = {0.1, 0.9}, params = @PromptParam(template = "{{ question }}"),
                baseline = "m2[temperature=0.1]")
        void pairing(PairwiseResult result) {
            assertThat(result.modelA()).isEqualTo("m2[temperature=0.9]");
        }
    }
}
