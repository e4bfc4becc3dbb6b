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
import dev.evalunit.autorater.AutoraterPrompts;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A judge whose reply holds no verdict (prose), against a loopback server")
class JudgeReaskTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROSE = "Both answers have their merits.";

    @TempDir
    Path reports;

    private ChatServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private List<JsonNode> run(Function<ChatServer.Call, String> judge, Map<String, String> extra) throws IOException {
        server = ChatServer.start(call -> call.isAutorater() ? judge.apply(call) : "an answer");
        Map<String, String> config = new HashMap<>(extra);
        for (String model : List.of("candidate", "judge")) {
            config.put("evalunit.models." + model + ".base-url", server.baseUrl());
        }
        config.put("evalunit.report.dir", reports.toString());
        config.put("evalunit.cache.dir", reports.resolve("cache").toString());
        config.put("evalunit.error-budget", "1");
        EngineRuns.run(OneSampleTestCase.class, config).testEvents().assertStatistics(stats -> stats.succeeded(1));
        List<JsonNode> judgments = new ArrayList<>();
        for (String line : Files.readAllLines(reports.resolve("OneSampleTestCase.evaluation/judgments.jsonl"))) {
            judgments.add(JSON.readTree(line));
        }
        return judgments;
    }

    private static long judgeCalls(ChatServer server) {
        return server.requests().stream().filter(r -> r.toString().contains("You are an impartial judge")).count();
    }

    @Test
    @DisplayName("prose, then a verdict when asked again: a counted vote, no Error")
    void proseThenVerdict() throws IOException {
        List<JsonNode> judgments = run(call -> call.user().contains(AutoraterPrompts.REASK_NOTE)
                ? ChatServer.verdict("A", "A is better") : PROSE, Map.of());

        assertThat(judgments).isNotEmpty().allSatisfy(j -> {
            assertThat(j.get("choice").asText()).isEqualTo("Model A");
            assertThat(j.get("samples").get(0).get("choice").asText()).isEqualTo("A");
        });
        assertThat(judgeCalls(server)).isEqualTo(2L * judgments.size());
    }

    @Test
    @DisplayName("prose twice: the sample is an ERROR, after one re-ask (the default)")
    void proseTwice() throws IOException {
        List<JsonNode> judgments = run(call -> PROSE, Map.of());

        assertThat(judgments).isNotEmpty().allSatisfy(j -> {
            assertThat(j.get("choice").asText()).isEqualTo("Error");
            assertThat(j.get("explanation").asText())
                    .isEqualTo("all 1 autorater samples failed: the reply has no JSON object with a \"choice\"");
        });
        assertThat(judgeCalls(server)).isEqualTo(2L * judgments.size());
    }

    @Test
    @DisplayName("asks as many more times as evalunit.autorater.reask-attempts says")
    void configured() throws IOException {
        List<JsonNode> judgments = run(call -> PROSE, Map.of("evalunit.autorater.reask-attempts", "3"));

        assertThat(judgeCalls(server)).isEqualTo(4L * judgments.size());
    }

    // Fixture: run only through the engine above, never directly (it is not @Nested).

    static class OneSampleTestCase {
        @PairwiseEval(dataset = "bad-input/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question"), samples = 1),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }
}
