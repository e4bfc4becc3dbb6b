package dev.evalunit.report;

import static dev.evalunit.report.HtmlReporterTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.usage.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The experiment set's HTML page")
class SetHtmlReporterTest {

    @TempDir
    Path directory;

    private String write(ExperimentSetResult set) throws IOException {
        List<Path> written = new SetHtmlReporter().reportSet(set, directory);
        assertThat(written).containsExactly(directory.resolve("set-report.html"));
        return Files.readString(written.get(0), StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("is one self-contained page")
    class SelfContained {

        @Test
        @DisplayName("with inline style, no script and no address to fetch; nothing is written per experiment")
        void noNetwork() throws IOException {
            ExperimentSetResult set = Sets.twelve();
            String html = write(set);

            assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<svg")
                    .doesNotContain("<script", "src=", "href=", "url(", "@import", "http:", "https:");
            assertThat(new SetHtmlReporter().reportExperiment(set.experiments().get(0), directory)).isEmpty();
            assertThat(directory).isDirectoryContaining(p -> p.getFileName().toString().equals("set-report.html"));
            try (var files = Files.list(directory)) {
                assertThat(files).hasSize(1);
            }
        }
    }

    @Nested
    @DisplayName("lists the configurations")
    class Configurations {

        @Test
        @DisplayName("with each one's tokens over its runs and their cost, when the experiments have usage; without the column otherwise")
        void tokens() throws IOException {
            ExperimentSetResult plain = Sets.twelve();
            Usage perRun = new Usage(List.of(new Usage.ModelUsage("judge", 50, 20, 50, 20, 5, 5, 0.0001),
                    new Usage.ModelUsage("m1", 10, 5, 0, 0, 5, 0, 0.00002)), true, 0.00012);
            ExperimentSetResult counted = new ExperimentSetResult(plain.name(), plain.readme(),
                    plain.experiments().stream().map(e -> e.withUsage(perRun)).toList(), plain.configurations(),
                    plain.rankings(), plain.reportDirectory(), plain.usage());

            assertThat(write(plain)).doesNotContain("tokens (all runs)");
            String html = write(counted);

            assertThat(html).contains("<th>values</th><th>tokens (all runs)</th></tr>");
            // Each of the four configurations runs 3 times: 3 x (60 in, 25 out, $0.00012).
            assertThat(html.split("<td>180 in, 75 out, \\$0.0004</td></tr>", -1)).hasSize(5);
        }
    }

    @Nested
    @DisplayName("per metric")
    class PerMetric {

        @Test
        @DisplayName("draws every configuration's mean across runs as a dot with its 95% interval as a whisker, best marked")
        void chart() throws IOException {
            String html = write(Sets.twelve());

            assertThat(count(html, "<svg")).isEqualTo(2);
            assertThat(html).contains("<title>judge_precision: mean across runs with 95% intervals</title>",
                    "<title>output_length: mean across runs with 95% intervals</title>",
                    ">0.910 [0.850, 0.970]</text>", ">26.000 [24.000, 28.000]</text>");
            assertThat(count(html, "<circle class=\"dot")).isEqualTo(4 * 2);
            assertThat(count(html, "<circle class=\"dot best\"")).isEqualTo(2);
            // A long label keeps its start and its end (the last grid axis), the whole of it as the tooltip.
            assertThat(html).contains("<g><title>model.name=m1, model.sampling_params.temperature=0.8</title>"
                    + "<text class=\"label\" x=\"322\" y=\"47\" text-anchor=\"end\">model.name=m1, mode…rams.temperature=0.8</text>");
        }

        @Test
        @DisplayName("ranks the configurations best first, following the metric's direction, with the best's p-value")
        void ranking() throws IOException {
            String html = write(Sets.twelve());

            assertThat(html).contains("judge_precision <span class=\"note\">(higher is better)</span>",
                    "output_length <span class=\"note\">(lower is better)</span>",
                    "<tr class=\"best\"><td>1</td><td>model.name=m1, model.sampling_params.temperature=0.2</td>"
                            + "<td>0.910</td><td>0.850 to 0.970</td><td>0.020</td><td>3</td><td>0.100</td><td>0.0%</td>",
                    "Best: <strong>model.name=m1, model.sampling_params.temperature=0.2</strong>. Against the runner-up,"
                            + " paired permutation test over the rows both scored: p = 0.004.",
                    // output_length: lower is better, so the 0.9 configuration (26.0) is last and the 0.4 one best.
                    "<tr class=\"best\"><td>1</td><td>model.name=m2, model.sampling_params.temperature=0.8</td>"
                            + "<td>26.000</td>",
                    "Best: <strong>model.name=m2, model.sampling_params.temperature=0.8</strong>. Against the runner-up,"
                            + " paired permutation test over the rows both scored: p = n/a (fewer than two ranked"
                            + " configurations, or no row scored by both).");
        }

        @Test
        @DisplayName("shows the failure rate of every metric and configuration, tinted when above zero")
        void failureRates() throws IOException {
            String html = write(Sets.twelve());

            assertThat(html).contains("<tr><th scope=\"row\">model.name=m2, model.sampling_params.temperature=0.8</th>"
                    + "<td class=\"failing\">6.7%</td><td class=\"failing\">6.7%</td></tr>",
                    "<tr><th scope=\"row\">model.name=m1, model.sampling_params.temperature=0.2</th>"
                            + "<td>0.0%</td><td>0.0%</td></tr>");
        }
    }

    @Nested
    @DisplayName("lists the answers")
    class Answers {

        @Test
        @DisplayName("of a 12-experiment set: one collapsible block per configuration (the first open), one column per run, one row per dataset row")
        void twelveExperiments() throws IOException {
            String html = write(Sets.twelve());

            assertThat(count(html, "<details class=\"configuration\"")).isEqualTo(4);
            assertThat(count(html, "<details class=\"configuration\" open>")).isEqualTo(1);
            assertThat(count(html, "<th>run ")).isEqualTo(12);
            assertThat(count(html, "<tr class=\"answer\">")).isEqualTo(4 * 5);
            assertThat(html).contains("<th>run 3/3 <span class=\"note\">model_comparison_v1__11</span></th>",
                    "<div class=\"text response\">The capital is city 4</div>",
                    "<li><span class=\"metric\">judge_precision:</span> 1.000<details class=\"judge\">");
        }

        @Test
        @DisplayName("of the first 2,000 rows of a larger set, saying so: the observations files have every row")
        void boundedRows() throws IOException {
            String html = write(Sets.large(2500));

            assertThat(count(html, "<tr class=\"answer\">")).isEqualTo(2000);
            assertThat(html).contains("(2 run(s), 2500 row(s))",
                    "<p class=\"note\">The first 2000 of 2500 rows have a row here; each run's observations.jsonl has every row.</p>",
                    "<td class=\"ids\">q2000</td>").doesNotContain("<td class=\"ids\">q2001</td>");
            assertThat(write(Sets.twelve())).doesNotContain("rows have a row here");
        }

        @Test
        @DisplayName("with a failed answer as a tinted cell saying why, its scores as errors")
        void failedRow() throws IOException {
            String html = write(Sets.twelve());

            assertThat(count(html, "<td class=\"error\"><div class=\"text failure\">no answer: timeout</div>"))
                    .isEqualTo(1);
            assertThat(html).contains("<span class=\"failure\">error: no answer</span>");
        }
    }

    @Nested
    @DisplayName("is safe with any data")
    class Safe {

        @Test
        @DisplayName("escapes every text from a model, a dataset or the set's definition: markup shows as text")
        void escaped() throws IOException {
            String html = write(Sets.hostile());

            assertThat(html).doesNotContain(Hostile.SCRIPT, Hostile.IMAGE, Hostile.LINK, "<a ", "<img", "<script")
                    .contains("<title>Experiment set: Hostile&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;</title>",
                            "Why: &lt;a id=&quot;pwned&quot; href=&quot;javascript:",
                            "model.system_prompt = Answer&quot; autofocus onfocus=&quot;",
                            "&quot;}]&lt;/script&gt;&lt;script&gt;document.body.id=",
                            "no answer: timeout&lt;img src=x onerror=",
                            "<td class=\"ids\">q1&lt;script&gt;");
            assertThat(html).doesNotContainPattern("<[^>]*\\s(onerror|onfocus|autofocus|href|src)=");
        }

        @Test
        @DisplayName("shows an api_key only as its reference: never the key in the file it names, never a literal")
        void noKey() throws IOException {
            String key = "sk-" + "evalunit-fake/" + UUID.randomUUID() + "+x=";
            Path keyFile = Files.writeString(directory.resolve("m1-key"), key + "\n");
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", "m1");
            model.put("api_key", "${file:" + keyFile + "}");
            Map<String, Object> literal = new LinkedHashMap<>();
            literal.put("name", "m2");
            literal.put("api_key", key); // the engine refuses this; the page hides it all the same
            ExperimentSetResult set = Sets.hostile();
            ExperimentSetResult withKeys = new ExperimentSetResult(set.name(), set.readme(), set.experiments(), List.of(
                    new ConfigurationResult("c1", "m1", Map.of("model", model), List.of(), Map.of()),
                    new ConfigurationResult("c2", "m2", Map.of("model", literal), List.of(), Map.of())),
                    set.rankings(), set.reportDirectory());

            String html = write(withKeys);

            assertThat(html).doesNotContain(key, Html.escape(key), "evalunit-fake")
                    .contains("model.api_key = ${file:" + Html.escape(keyFile.toString()) + "}",
                            "model.api_key = (hidden: not a reference)");
            // The only key-related values on the page are the references and the hidden mark.
            assertThat(html.lines().filter(line -> line.contains("api_key")))
                    .allMatch(line -> line.matches("model\\.api_key = (\\$\\{(env|file):[^}]+}|\\(hidden: not a reference\\))"));
            assertThat(write(Sets.hostile())).contains("model.api_key = " + Sets.KEY_REFERENCE);
        }
    }
}
