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
import dev.evalunit.testing.EngineRuns;
import dev.evalunit.testing.FaultInjectingServer;
import dev.evalunit.testing.FaultInjectingServer.Fault;
import dev.evalunit.testing.FaultInjectingServer.FaultPlan;
import dev.evalunit.testing.FaultInjectingServer.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code calls} field of {@code metrics.json}: the calls an evaluation made, the HTTP attempts they took,
 * the retries among them and the failed attempts by kind, against a loopback server that fails two calls once
 * each (a 503, then a truncated 200) of a pairwise evaluation of 40 examples (a generation and one autorater
 * sample each: 80 calls).
 */
@DisplayName("Each evaluation's metrics report its calls, attempts, retries and faults by kind")
class CallStatisticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CALLS = 80;

    @TempDir
    Path dir;

    /** ex01's generation is answered 503 once, ex02's a truncated 200 once; everything else is answered. */
    private static final FaultPlan TWO_FAULTS = (example, kind, body, occurrence) -> {
        if (kind == Kind.GENERATION && occurrence == 0) {
            return switch (example) {
                case "ex01" -> Fault.UNAVAILABLE;
                case "ex02" -> Fault.TRUNCATED_JSON;
                default -> Fault.OK;
            };
        }
        return Fault.OK;
    };

    @Test
    @DisplayName("a 503 and a truncated 200, each retried once: attempts = calls + 2, retries 2, the faults by kind")
    void retriedFaultsAreCounted() throws IOException {
        try (FaultInjectingServer server = FaultInjectingServer.start(TWO_FAULTS, false)) {
            JsonNode calls = run(server, "live").get("calls");

            assertThat(server.attempts()).hasSize(CALLS + 2);
            assertThat(calls.toString()).isEqualTo("{\"calls\":" + CALLS + ",\"attempts\":" + (CALLS + 2)
                    + ",\"retries\":2,\"faults\":{\"HTTP 503\":1,\"unreadable reply\":1},\"hedges_sent\":0,\"hedges_won\":0}");
        }
    }

    @Test
    @DisplayName("a replayed run counts its calls with 0 attempts")
    void replayedRunHasNoAttempts() throws IOException {
        try (FaultInjectingServer server = FaultInjectingServer.start(TWO_FAULTS, false)) {
            run(server, "live");
            int sent = server.attempts().size();

            JsonNode calls = run(server, "replay").get("calls");

            assertThat(server.attempts()).hasSize(sent);
            assertThat(calls.toString()).isEqualTo("{\"calls\":" + CALLS
                    + ",\"attempts\":0,\"retries\":0,\"faults\":{},\"hedges_sent\":0,\"hedges_won\":0}");
        }
    }

    private JsonNode run(FaultInjectingServer server, String cacheMode) throws IOException {
        Path reports = dir.resolve(cacheMode);
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("candidate", "judge")) {
            config.put("evalunit.models." + model + ".base-url", server.baseUrl());
            config.put("evalunit.models." + model + ".max-retries", "2");
        }
        config.put("evalunit.report.dir", reports.toString());
        config.put("evalunit.cache.mode", cacheMode);
        config.put("evalunit.cache.dir", dir.resolve("cache").toString());
        EngineRuns.run(CallsTestCase.class, config);
        return JSON.readTree(reports.resolve("CallsTestCase.counted").resolve("metrics.json").toFile());
    }

    // Fixture: run only through the engine above, never directly (it is not @Nested).

    static class CallsTestCase {
        @PairwiseEval(dataset = "fault-injection/forty-questions.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question"), samples = 1),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void counted(PairwiseResult result) {
        }
    }
}
