package dev.evalunit.junit;

import static dev.evalunit.assertj.EvalAssertions.assertThat;
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
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import dev.evalunit.testing.GenerateContentServer;
import dev.evalunit.testing.GenerateContentServer.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("@PairwiseEval with a gemini candidate, judged by a vertex model")
class GeminiCandidateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 4;
    private static final int SAMPLES = 4;
    // Built at run time so that no key-shaped literal sits in the sources.
    private static final String KEY = "AIza" + "test-" + UUID.randomUUID();
    private static final String TOKEN = "ya29." + "test-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private Map<String, String> configuration(GenerateContentServer candidate, GenerateContentServer judge)
            throws IOException {
        Path keyFile = Files.writeString(dir.resolve("gemini.key"), KEY + "\n");
        Path tokenFile = Files.writeString(dir.resolve("vertex.token"), TOKEN + "\n");
        Map<String, String> config = new HashMap<>();
        config.put("evalunit.models.candidate.provider", "gemini");
        config.put("evalunit.models.candidate.model", "gemini-2.5-flash");
        config.put("evalunit.models.candidate.base-url", candidate.baseUrl());
        config.put("evalunit.models.candidate.api-key", "${file:" + keyFile + "}");
        config.put("evalunit.models.candidate.max-retries", "0");
        config.put("evalunit.models.judge.provider", "vertex");
        config.put("evalunit.models.judge.model", "publishers/google/models/gemini-2.5-pro");
        config.put("evalunit.models.judge.project", "evals-project");
        config.put("evalunit.models.judge.location", "europe-west4");
        config.put("evalunit.models.judge.base-url", judge.baseUrl());
        config.put("evalunit.models.judge.api-key", "${file:" + tokenFile + "}");
        config.put("evalunit.models.judge.max-retries", "0");
        config.put("evalunit.report.dir", dir.resolve("reports").toString());
        return config;
    }

    private List<JsonNode> judgments() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("reports").resolve("GeminiCandidateTestCase.candidateBeatsBaseline")
                .resolve("judgments.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    @DisplayName("runs end to end: the candidate on Google AI with x-goog-api-key, the judge on Vertex AI with a bearer"
            + " token and responseJsonSchema")
    void endToEnd() throws IOException {
        try (GenerateContentServer candidate = GenerateContentServer.start(call -> Answer.of("good: " + call.user()));
             GenerateContentServer judge = GenerateContentServer.start(prompt -> "unused", ChatServer.judgePreferring("good"))) {
            EngineExecutionResults results = EngineRuns.run(GeminiCandidateTestCase.class, configuration(candidate, judge));

            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
            assertThat(candidate.requestCount()).isEqualTo(ROWS);
            assertThat(candidate.paths()).containsOnly("/v1beta/models/gemini-2.5-flash:generateContent");
            assertThat(candidate.apiKeys()).containsOnly(KEY);
            assertThat(candidate.authorizations()).containsOnly("null");
            assertThat(candidate.requests().get(0).path("contents").path(0).path("role").asText()).isEqualTo("user");

            assertThat(judge.requestCount()).isEqualTo(ROWS * SAMPLES);
            assertThat(judge.paths()).containsOnly("/v1/projects/evals-project/locations/europe-west4/publishers/google"
                    + "/models/gemini-2.5-pro:generateContent");
            assertThat(judge.authorizations()).containsOnly("Bearer " + TOKEN);
            assertThat(judge.apiKeys()).containsOnly("null");
            JsonNode request = judge.requests().get(0);
            assertThat(request.path("systemInstruction").path("parts").path(0).path("text").asText())
                    .startsWith("You are an impartial judge");
            assertThat(request.path("generationConfig").path("responseMimeType").asText()).isEqualTo("application/json");
            assertThat(request.path("generationConfig").path("responseJsonSchema").path("type").asText()).isEqualTo("object");
            assertThat(judgments()).extracting(line -> line.path("choice").asText())
                    .containsExactly("Model A", "Model A", "Tie", "Model A");
        }
    }

    @Test
    @DisplayName("a blocked prompt or an answer cut at MAX_TOKENS is an Error row naming the reason, the others are judged")
    void notAnswers() throws IOException {
        try (GenerateContentServer candidate = GenerateContentServer.start(call -> {
                if (call.user().contains("capital of France")) {
                    return Answer.blocked("PROHIBITED_CONTENT");
                }
                if (call.user().contains("Hamlet")) {
                    return Answer.finished("good: To be", "MAX_TOKENS");
                }
                return Answer.of("good: " + call.user());
            });
             GenerateContentServer judge = GenerateContentServer.start(prompt -> "unused",
                     ChatServer.judgePreferring("good"))) {
            Map<String, String> config = configuration(candidate, judge);
            config.put("evalunit.error-budget", "1");
            EngineRuns.run(GeminiCandidateTestCase.class, config);

            List<JsonNode> judgments = judgments();
            assertThat(judgments).extracting(line -> line.path("choice").asText()).containsExactly("Error", "Model A",
                    "Tie", "Error");
            assertThat(judgments.get(0).path("explanation").asText()).contains("model [candidate]: the reply is not an"
                    + " answer: the prompt was blocked by the provider (promptFeedback.blockReason \"PROHIBITED_CONTENT\")");
            assertThat(judgments.get(3).path("explanation").asText()).contains("model [candidate]: the reply is not an"
                    + " answer: cut at the token limit (finishReason \"MAX_TOKENS\")");
        }
    }

    static class GeminiCandidateTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge",
                        instruction = @Prompt(template = "Answer the question: {{ question }}"),
                        context = @Prompt(column = "context")),
                modelA = @Candidate(model = "candidate",
                        params = @PromptParam(name = "prompt", template = "{{ context }}\n{{question}}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void candidateBeatsBaseline(PairwiseResult result) {
            assertThat(result).modelAWinRate().isGreaterThan(0.5);
        }
    }
}
