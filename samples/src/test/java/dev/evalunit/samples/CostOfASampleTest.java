package dev.evalunit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.samples.support.ChatCompletionsDispatcher;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

@DisplayName("The cost of the question-answering sample, with the samples' price table")
class CostOfASampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    @TempDir
    Path secrets;

    @Test
    @DisplayName("is the stand-in's usage fields times junit-platform.properties' prices, per model and in total")
    void handComputation() throws IOException {
        ChatCompletionsDispatcher standIn = new ChatCompletionsDispatcher();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(standIn);
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            Path keyFile = Files.writeString(secrets.resolve("key"), "test-key\n");
            Map<String, String> config = new HashMap<>();
            for (String model : List.of("candidate", "judge")) {
                config.put("evalunit.models." + model + ".base-url", "http://127.0.0.1:" + server.getPort() + "/v1");
                config.put("evalunit.models." + model + ".api-key", "${file:" + keyFile + "}");
            }
            config.put("evalunit.report.dir", reports.toString());
            config.put("evalunit.cache.mode", "off");
            // Only the class: not the samples' spec files under evals/, which class selectors also reach.
            config.put("evalunit.specs.with-test-classes", "false");
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(QuestionAnsweringEvalTest.class))
                    .configurationParameters(config).build(), listener);
            assertThat(listener.getSummary().getFailures()).extracting(f -> f.getException().toString()).isEmpty();
        }
        // What the stand-in put in its replies' usage fields, by the model id each request named.
        long[] candidate = standIn.usageSent("gpt-4o-mini");
        long[] judge = standIn.usageSent("gpt-4o");
        assertThat(candidate[0]).isPositive();
        assertThat(judge[1]).isPositive();

        JsonNode metrics = JSON.readTree(reports.resolve("QuestionAnsweringEvalTest.candidateBeatsBaseline/metrics.json").toFile());
        JsonNode tokens = metrics.path("tokens");
        JsonNode cost = metrics.path("cost_usd");
        // The evaluation's own pages show metrics.json's figures, the cost to four decimals.
        Path evaluation = reports.resolve("QuestionAnsweringEvalTest.candidateBeatsBaseline");
        String summary = Files.readString(evaluation.resolve("summary.md"));
        String page = Files.readString(evaluation.resolve("report.html"));
        for (String model : List.of("candidate", "judge")) {
            String input = tokens.path(model).path("input").asText();
            String output = tokens.path(model).path("output").asText();
            String dollars = dollars(cost.path(model).asDouble());
            assertThat(summary).contains("| " + model + " | " + input + " | " + output + " | " + dollars + " |\n");
            assertThat(page).contains("<tr><th scope=\"row\">" + model + "</th><td>" + input + "</td><td>" + output
                    + "</td><td>" + dollars + "</td></tr>");
        }
        long inputTotal = tokens.path("candidate").path("input").asLong() + tokens.path("judge").path("input").asLong();
        long outputTotal = tokens.path("candidate").path("output").asLong() + tokens.path("judge").path("output").asLong();
        String total = "| total | " + inputTotal + " | " + outputTotal + " | "
                + dollars(cost.path("total").asDouble()) + " |\n";
        assertThat(summary).contains("## Tokens and cost").contains(total);
        assertThat(page).contains("<h2>Tokens and cost</h2>")
                .contains("<tr><th scope=\"row\">total</th><td>" + inputTotal + "</td><td>"
                        + outputTotal + "</td><td>" + dollars(cost.path("total").asDouble()) + "</td></tr>");
        assertThat(Files.readString(reports.resolve("index.html"))).contains(String.format(java.util.Locale.ROOT,
                "%d tokens in, %d out, %s", inputTotal, outputTotal, dollars(cost.path("total").asDouble())));

        assertThat(tokens.path("candidate").path("input").asLong()).isEqualTo(candidate[0]);
        assertThat(tokens.path("candidate").path("output").asLong()).isEqualTo(candidate[1]);
        assertThat(tokens.path("judge").path("input").asLong()).isEqualTo(judge[0]);
        assertThat(tokens.path("judge").path("output").asLong()).isEqualTo(judge[1]);

        // junit-platform.properties: candidate $0.15 / $0.60, judge $2.50 / $10.00 per million tokens in / out.
        double candidateCost = (candidate[0] * 0.15 + candidate[1] * 0.60) / 1_000_000;
        double judgeCost = (judge[0] * 2.50 + judge[1] * 10.00) / 1_000_000;
        assertThat(cost.path("candidate").asDouble()).isCloseTo(candidateCost, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cost.path("judge").asDouble()).isCloseTo(judgeCost, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cost.path("total").asDouble()).isCloseTo(candidateCost + judgeCost, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Files.readString(reports.resolve("summary.md"))).contains(String.format(java.util.Locale.ROOT,
                "%d tokens in, %d out, $%.4f", candidate[0] + judge[0], candidate[1] + judge[1], candidateCost + judgeCost));
    }

    private static String dollars(double usd) {
        return String.format(java.util.Locale.ROOT, "$%.4f", usd);
    }
}
