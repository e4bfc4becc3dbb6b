package dev.evalunit.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

@DisplayName("LangChain4j's OpenAiChatModel as the autorater, against a loopback server")
class LangChain4jOpenAiWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    private final Queue<JsonNode> bodies = new ConcurrentLinkedQueue<>();
    private MockWebServer server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private void start(Function<JsonNode, MockResponse> handler) throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    JsonNode body = JSON.readTree(request.getBody().utf8());
                    bodies.add(body);
                    return handler.apply(body);
                } catch (IOException e) {
                    return new MockResponse.Builder().code(500).body(e.toString()).build();
                }
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        OpenAiModels.baseUrl = server.url("/v1").toString();
    }

    private static MockResponse completion(String content, String finishReason) {
        String body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + JSON.valueToTree(content) + "},\"finish_reason\":\"" + finishReason + "\"}],"
                + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":12,\"total_tokens\":62}}";
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    private List<String> judgments() throws IOException {
        run();
        try (Stream<Path> files = Files.walk(reports)) {
            return Files.readAllLines(files.filter(p -> p.getFileName().toString().equals("judgments.jsonl"))
                    .findFirst().orElseThrow());
        }
    }

    private EngineExecutionResults run() {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(Fixture.class))
                .configurationParameter("evalunit.cache.mode", "off")
                .configurationParameter("evalunit.report.dir", reports.toString())
                .configurationParameter("evalunit.models.candidate.provider", "langchain4j")
                .configurationParameter("evalunit.models.candidate.factory", "dev.evalunit.langchain4j.Models#candidate")
                .configurationParameter("evalunit.models.judge.provider", "langchain4j")
                .configurationParameter("evalunit.models.judge.factory", "dev.evalunit.langchain4j.OpenAiModels#judge")
                .configurationParameter("evalunit.models.judge.temperature", "0")
                .configurationParameter("evalunit.models.judge.max-tokens", "300")
                .configurationParameter("evalunit.autorater.samples", "1")
                .execute();
    }

    @Test
    @DisplayName("sends the system text, the prompt, the sampling parameters and the verdict's JSON schema")
    void request() throws IOException {
        start(body -> completion("{\"explanation\": \"A is right\", \"choice\": \"A\"}", "stop"));

        List<String> judgments = judgments();

        assertThat(judgments).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"choice\":\"Model A\""));
        JsonNode body = bodies.peek();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(body.path("temperature").asDouble()).isZero();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).contains("<response_a>", "<response_b>");
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(body.path("response_format").path("json_schema").path("schema").path("properties").has("choice"))
                .isTrue();
    }

    @Test
    @DisplayName("makes a verdict cut at the token limit an Error judgment that names the reason")
    void cut() throws IOException {
        start(body -> completion("{\"explanation\": \"A is", "length"));

        assertThat(judgments()).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"choice\":\"Error\"",
                "the reply is not an answer: cut at the token limit (finishReason LENGTH). Raise"
                        + " [evalunit.models.judge.max-tokens], or ask for a shorter answer."));
    }

    @Test
    @DisplayName("makes a failed call an Error judgment, and the run goes on")
    void serverError() throws IOException {
        start(body -> new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"overloaded\"}}").build());

        assertThat(judgments()).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"choice\":\"Error\"",
                "model [judge]: the chat model failed: "));
    }

    @Test
    @DisplayName("stops the evaluation when the server refuses the key, naming the model and what to check")
    void refusedKey() throws IOException {
        start(body -> new MockResponse.Builder().code(401)
                .body("{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}").build());

        List<Throwable> failures = run().testEvents().failed().stream().map(Event::getPayload)
                .map(p -> p.map(TestExecutionResult.class::cast).flatMap(TestExecutionResult::getThrowable).orElseThrow())
                .toList();

        assertThat(failures).singleElement().satisfies(failure -> assertThat(failure.getMessage()).contains(
                "model [judge]: the chat model cannot answer any request: AuthenticationException:",
                "Incorrect API key provided", "Check the key and the model name that its factory or class gives it."));
    }

    static class Fixture {
        @PairwiseEval(dataset = "datasets/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(template = "Answer the question: {{ question }}")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(name = "prompt",
                        template = "Question: {{ question }}")),
                modelB = @Candidate(responseColumn = "model_b_response"))
        void judged(PairwiseResult result) {
        }
    }
}
