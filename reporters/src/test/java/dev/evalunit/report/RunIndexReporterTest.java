package dev.evalunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The run's index.html")
class RunIndexReporterTest {

    @Test
    @DisplayName("is written as index.html into the report directory, beside summary.md")
    void writesIndex(@TempDir Path root) throws IOException {
        List<Path> written = new RunIndexReporter().report(Runs.plain(), root);

        assertThat(written).containsExactly(root.resolve("index.html"));
        assertThat(Files.readString(written.get(0))).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    }

    @Nested
    @DisplayName("shows")
    class Shows {

        private final String html = RunIndexReporter.render(Runs.plain());

        @Test
        @DisplayName("the totals and the run's time in its header")
        void totals() {
            assertThat(html).contains("<title>evalunit run</title>").contains("<p class=\"lead totals\">4 evaluations: 1 passed,"
                    + " 1 failed, 1 in error, 1 skipped. Run started 2026-12-07 03:47:01 UTC, took 1 min 12 s.</p>");
        }

        @Test
        @DisplayName("one row per evaluation, in the run's order: outcome as a coloured label with its text, name, kind, figures")
        void rows() {
            assertThat(HtmlReporterTest.count(html, "<tr class=\"run ")).isEqualTo(4);
            assertThat(html).containsSubsequence(
                    "<tr class=\"run fail\"><td><span class=\"outcome fail\">fail</span></td><td><a href=\"QaEval.losing/report.html\">"
                            + "QaEval.losing</a></td><td class=\"kind\">pairwise</td><td>A wins 50.0% [15.0%, 85.0%]; 0/4 errors</td>",
                    "<tr class=\"run pass\"><td><span class=\"outcome pass\">pass</span></td><td><a href=\"QaEval.winning/report.html\">",
                    "<tr class=\"run error\"><td><span class=\"outcome error\">error</span></td><td>flaky_model</td><td class=\"kind\">set</td>"
                            + "<td>output_length: best model=m2 2.333</td><td></td></tr>",
                    "<tr class=\"run skipped\"><td><span class=\"outcome skipped\">skipped</span></td><td>"
                            + "<a href=\"qa_models/set-report.html\">qa_models</a>");
        }

        @Test
        @DisplayName("a bar of the win rate or best mean, with its interval as a whisker and both in its tooltip")
        void bars() {
            assertThat(HtmlReporterTest.count(html, "<svg class=\"glance\"")).isEqualTo(3);
            assertThat(html).contains("<title>A wins 50.0% [15.0%, 85.0%]</title>",
                    "<rect class=\"bar model-a\" x=\"0\" y=\"2\" width=\"60.0\" height=\"10\"/>"
                            + "<line class=\"whisker\" x1=\"18.0\" y1=\"7\" x2=\"102.0\" y2=\"7\"/>",
                    "<title>exact_match: model=m1 80.0% [70.0%, 90.0%]</title>");
        }

        @Test
        @DisplayName("no script and nothing from the network")
        void selfContained() {
            assertThat(html).doesNotContain("<script", "http://", "https://", "<link", "src=");
        }
    }

    @Nested
    @DisplayName("escapes what came from users and datasets")
    class Escapes {

        private final String html = RunIndexReporter.render(Runs.hostile());

        @Test
        @DisplayName("names, figures and bar labels show as text")
        void text() {
            assertThat(html).doesNotContain(Hostile.SCRIPT, Hostile.IMAGE, Hostile.LINK, Hostile.END_OF_SCRIPT, Hostile.ATTRIBUTE)
                    .contains(">Hostile&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;</a>",
                            "<td>A wins &lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;</td>",
                            "set&quot; autofocus onfocus=&quot;document.title=&#39;pwned&#39;&quot; x=&quot;");
            assertThat(HtmlReporterTest.count(html, "<a ")).isEqualTo(2);
        }

        @Test
        @DisplayName("links stay relative file paths: percent-encoded, never a javascript: address")
        void links() {
            assertThat(html).contains("<a href=\"Hostile%3Cscript%3Edocument.title%3D%27pwned%27%3C/script%3E/report.html\">",
                    "<a href=\"javascript%3Adocument.title%3D%27pwned%27/set-report.html\">");
        }
    }
}
