package dev.evalunit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.samples.support.ChatCompletionsDispatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

@DisplayName("The run's index.html, after a real run of two test classes")
class RunIndexTest {

    private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]+)\">([^<]+)</a>");

    @TempDir
    Path reports;

    @TempDir
    Path secrets;

    @Test
    @DisplayName("has one row per evaluation of both classes (ReportSecretsTest's fixtures), each linking to its page, which exists; the console names it")
    void linksBothPages() throws IOException {
        String console = run(ReportSecretsTest.Fixture.class, ReportSecretsTest.SetFixture.class);

        Path index = reports.resolve("index.html");
        String html = Files.readString(index, StandardCharsets.UTF_8);
        assertThat(html).contains("2 evaluations: 2 passed, 0 failed.");
        Map<String, String> links = new HashMap<>();
        Matcher link = LINK.matcher(html);
        while (link.find()) {
            links.put(link.group(2), link.group(1));
        }
        assertThat(links).containsOnly(Map.entry("Fixture.compare", "Fixture.compare/report.html"),
                Map.entry("keyed_set", "keyed_set/set-report.html"));
        links.values().forEach(target -> assertThat(reports.resolve(URLDecoder.decode(target, StandardCharsets.UTF_8)))
                .isRegularFile());
        assertThat(console).contains("[evalunit] run summary: " + reports.resolve("summary.md"),
                "[evalunit] report: " + index);
    }

    /** Runs the classes in one launcher, as one Surefire fork does, on a loopback server; returns standard output. */
    private String run(Class<?>... fixtures) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = System.out;
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new ChatCompletionsDispatcher());
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            Path keyFile = Files.writeString(secrets.resolve("key"), "test-key\n");
            Map<String, String> config = new HashMap<>();
            for (String model : List.of("candidate", "judge", "m1", "m2")) {
                config.put("evalunit.models." + model + ".base-url", "http://127.0.0.1:" + server.getPort() + "/v1");
                config.put("evalunit.models." + model + ".api-key", "${file:" + keyFile + "}");
            }
            config.put("evalunit.report.dir", reports.toString());
            config.put("evalunit.cache.mode", "off");
            // Only the two classes: not the samples' spec files beside them (docs/spec-files.md).
            config.put("evalunit.specs.with-test-classes", "false");
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(List.of(DiscoverySelectors.selectClass(fixtures[0]), DiscoverySelectors.selectClass(fixtures[1])))
                        .configurationParameters(config).build(), listener);
            } finally {
                System.setOut(console);
            }
            assertThat(listener.getSummary().getFailures()).extracting(f -> f.getException().toString()).isEmpty();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
