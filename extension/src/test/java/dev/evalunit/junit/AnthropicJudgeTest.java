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
import dev.evalunit.testing.MessagesServer;
import dev.evalunit.testing.MessagesServer.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("@PairwiseEval judged by an anthropic model")
class AnthropicJudgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 4;
    private static final int SAMPLES = 4;
    // Built at run time so that no key-shaped literal sits in the sources.
    private static final String KEY = "sk-ant-" + "test-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private Map<String, String> configuration(ChatServer candidate, MessagesServer judge) throws IOException {
        Path keyFile = dir.resolve("anthropic.key");
        Files.writeString(keyFile, KEY + "\n");
        Map<String, String> config = new HashMap<>();
        config.put("evalunit.models.candidate.base-url", candidate.baseUrl());
        config.put("evalunit.models.judge.provider", "anthropic");
        config.put("evalunit.models.judge.model", "claude-sonnet-4-5");
        config.put("evalunit.models.judge.base-url", judge.baseUrl());
        config.put("evalunit.models.judge.api-key", "${file:" + keyFile + "}");
        config.put("evalunit.models.judge.max-retries", "0");
        config.put("evalunit.report.dir", dir.resolve("reports").toString());
        return config;
    }

    private List<JsonNode> judgments() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("reports").resolve("AnthropicJudgeTestCase.candidateBeatsBaseline")
                .resolve("judgments.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** Every file the run wrote, as text. */
    private String everythingWritten() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("reports"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    @Test
    @DisplayName("runs end to end: the judge's verdicts come through forced tool use, with the key in x-api-key only")
    void endToEnd() throws IOException {
        try (ChatServer candidate = ChatServer.start(call -> "good: " + call.user());
             MessagesServer judge = MessagesServer.start(prompt -> "unused", ChatServer.judgePreferring("good"))) {
            EngineExecutionResults results = EngineRuns.run(AnthropicJudgeTestCase.class, configuration(candidate, judge));

            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
            assertThat(judge.requestCount()).isEqualTo(ROWS * SAMPLES);
            assertThat(judge.apiKeys()).containsOnly(KEY);
            assertThat(judge.versions()).containsOnly("2023-06-01");
            JsonNode request = judge.requests().get(0);
            assertThat(request.path("model").asText()).isEqualTo("claude-sonnet-4-5");
            assertThat(request.path("max_tokens").asInt()).isEqualTo(1024);
            assertThat(request.path("system").asText()).startsWith("You are an impartial judge");
            assertThat(request.path("tool_choice").path("type").asText()).isEqualTo("tool");
            assertThat(request.path("tools").path(0).path("input_schema").path("type").asText()).isEqualTo("object");
            assertThat(judgments()).extracting(line -> line.path("choice").asText())
                    .containsExactly("Model A", "Model A", "Tie", "Model A");
            assertThat(everythingWritten()).doesNotContain(KEY);
        }
    }

    @Test
    @DisplayName("a refusal or an answer cut at max_tokens is an Error row naming the reason, the others are judged")
    void notAnswers() throws IOException {
        try (ChatServer candidate = ChatServer.start(call -> "good: " + call.user());
             MessagesServer judge = MessagesServer.start(call -> {
                 if (call.user().contains("capital of France")) {
                     return new Answer("I can't judge this.", "refusal");
                 }
                 if (call.user().contains("Hamlet")) {
                     return new Answer("{\"explanation\": \"Response A is", "max_tokens");
                 }
                 return Answer.of(ChatServer.judgePreferring("good").apply(ChatServer.judgeCall(call.user())));
             })) {
            Map<String, String> config = configuration(candidate, judge);
            config.put("evalunit.error-budget", "1");
            EngineRuns.run(AnthropicJudgeTestCase.class, config);

            List<JsonNode> judgments = judgments();
            assertThat(judgments).extracting(line -> line.path("choice").asText())
                    .containsExactly("Error", "Model A", "Tie", "Error");
            assertThat(judgments.get(0).path("explanation").asText())
                    .contains("the reply is not an answer: the model refused (stop_reason \"refusal\"): \"I can't judge this.\"");
            assertThat(judgments.get(3).path("explanation").asText())
                    .contains("the reply is not an answer: cut at the token limit (stop_reason \"max_tokens\")");
        }
    }

    static class AnthropicJudgeTestCase {
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
