package dev.evalunit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.evalunit.api.run.RunEvaluation;
import dev.evalunit.api.run.RunResult;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report of {@link Hostile} (script in every text) and the set pages of
 * {@link Sets#hostile()} and {@link Sets#twelve()}, and the run index of {@link Runs}, in headless Chromium, from a
 * {@code file://} address, and checks what the browser made of it. Skips, saying how to get one,
 * when there is no {@code chromium} on the PATH. Screenshots go to {@code target/html-report/}.
 */
@DisplayName("The HTML report, opened in headless Chromium")
class HtmlReportInBrowserTest {

    static final String BROWSER = "chromium";
    private static final Path OUT = Paths.get("target", "html-report");

    private static Path browser;
    private static Path page;
    private static Path setPage;
    private static Path twelvePage;
    private static Path largePage;
    private static Path indexPage;

    @TempDir
    Path profile;

    @BeforeAll
    static void writePage() throws IOException {
        browser = onPath(BROWSER).orElse(null);
        Files.createDirectories(OUT);
        page = new HtmlReporter().report(Hostile.result(), OUT).get(0).toAbsolutePath();
        setPage = new SetHtmlReporter().reportSet(Sets.hostile(), Files.createDirectories(OUT.resolve("hostile-set")))
                .get(0).toAbsolutePath();
        twelvePage = new SetHtmlReporter().reportSet(Sets.twelve(), Files.createDirectories(OUT.resolve("twelve-set")))
                .get(0).toAbsolutePath();
        largePage = new HtmlReporter().report(Results.large(400), Files.createDirectories(OUT.resolve("pairwise-400")))
                .get(0).toAbsolutePath();
        List<RunEvaluation> evaluations = new ArrayList<>(Runs.plain().evaluations());
        evaluations.addAll(Runs.hostile().evaluations());
        indexPage = new RunIndexReporter().report(new RunResult(evaluations, Runs.STARTED, Runs.STARTED.plusSeconds(72)), OUT)
                .get(0).toAbsolutePath();
    }

    @Test
    @DisplayName("runs its own script and none of the data's: the markup in the data shows as text")
    void noInjectedScriptRuns() throws Exception {
        String dom = dumpDom("");

        // The page's own script ran...
        assertThat(dom).contains("data-filters-ready=\"true\"", "5 of 5 shown");
        // ...and no injected one: the title, the body and the elements are the page's own.
        assertThat(dom).contains("<title>Pairwise evaluation: Hostile&lt;script&gt;document.title='pwned'")
                .doesNotContain("<title>pwned", "<img", "<a ")
                // In a dumped DOM, quotes in text stay as they are: only an attribute inside a tag counts.
                .doesNotContainPattern("<[^>]*\\s(onerror|onfocus|autofocus|href|src|id=\"pwned\")");
        assertThat(HtmlReporterTest.count(dom, "<script")).isEqualTo(1);
        assertThat(dom).contains("&lt;img src=x onerror=\"document.title='pwned'\"&gt;",
                "href=\"javascript:document.title='pwned'\"&gt;click&lt;/a&gt;",
                "\"}]&lt;/script&gt;&lt;script&gt;document.body.id='pwned'&lt;/script&gt;");
        // The charts and every example are there.
        assertThat(HtmlReporterTest.count(dom, "<svg")).isEqualTo(2);
        assertThat(HtmlReporterTest.count(dom, "<rect class=\"bar ")).isEqualTo(7);
        assertThat(HtmlReporterTest.count(dom, "<tr class=\"example ")).isEqualTo(5);
        screenshot("", "pairwise.png");
    }

    @Test
    @DisplayName("filters the examples in the page: report.html#errors shows only the error")
    void filtersErrors() throws Exception {
        String dom = dumpDom("#errors");

        assertThat(dom).contains("1 of 5 shown");
        assertThat(HtmlReporterTest.count(dom, "data-error=\"false\" data-disagree=")).isEqualTo(4);
        assertThat(HtmlReporterTest.count(dom, "\" hidden=\"\"")).isEqualTo(4);
        screenshot("#errors", "pairwise-errors.png");
    }

    @Test
    @DisplayName("filters the examples in the page: #disagreements shows the three that disagree with the human")
    void filtersDisagreements() throws Exception {
        assertThat(dumpDom("#disagreements")).contains("3 of 5 shown");
    }

    @Test
    @DisplayName("renders a 400-example evaluation: every row, both charts; #errors shows only the 40 errors")
    void fourHundredExamples() throws Exception {
        String dom = dumpDom(largePage, "#errors");

        assertThat(dom).contains("data-filters-ready=\"true\"", "40 of 400 shown");
        assertThat(HtmlReporterTest.count(dom, "<tr class=\"example ")).isEqualTo(400);
        assertThat(HtmlReporterTest.count(dom, "<svg")).isEqualTo(2);
        assertThat(HtmlReporterTest.count(dom, "<table class=\"confusion\"")).isEqualTo(1);
        // Only the error rows (every tenth) are shown: each other row is hidden.
        assertThat(HtmlReporterTest.count(dom, "data-error=\"true\"")).isEqualTo(40);
        assertThat(HtmlReporterTest.count(dom, "\" hidden=\"\"")).isEqualTo(360);
        assertThat(HtmlReporterTest.count(dom, "<tr class=\"example error\" data-error=\"true\" data-disagree=\"true\" data-confidence=\"\">"))
                .isEqualTo(40);
        assertThat(dom).contains("<tr class=\"example error\" data-error=\"true\" data-disagree=\"true\" data-confidence=\"\">\n<td class=\"ids\">id=q400</td>");
        screenshot(largePage, "", "pairwise-400.png");
    }

    @Test
    @DisplayName("shows an experiment set's page with script in its readme, configuration values and answers: none of it runs")
    void experimentSetNoInjectedScriptRuns() throws Exception {
        String dom = dumpDom(setPage, "");

        assertThat(dom).contains("<title>Experiment set: Hostile&lt;script&gt;document.title='pwned'")
                .doesNotContain("<title>pwned", "<img", "<a ", "<script")
                .doesNotContainPattern("<[^>]*\\s(onerror|onfocus|autofocus|href|src|id=\"pwned\")");
        assertThat(dom).contains("Why: &lt;a id=\"pwned\" href=\"javascript:document.title='pwned'\"&gt;click&lt;/a&gt;",
                "model.name = m1&lt;script&gt;document.title='pwned'&lt;/script&gt;",
                "model.system_prompt = Answer\" autofocus onfocus=\"document.title='pwned'\" x=\"",
                "\"}]&lt;/script&gt;&lt;script&gt;document.body.id='pwned'&lt;/script&gt;",
                "model.api_key = " + Sets.KEY_REFERENCE);
        // A chart per metric, a ranking per metric, the failure rates, the answers of both configurations.
        assertThat(HtmlReporterTest.count(dom, "<svg")).isEqualTo(2);
        assertThat(HtmlReporterTest.count(dom, "<circle class=\"dot")).isEqualTo(2 * 2);
        assertThat(HtmlReporterTest.count(dom, "<table class=\"figures ranking\">")).isEqualTo(2);
        assertThat(dom).contains("<table class=\"figures failures\">");
        assertThat(HtmlReporterTest.count(dom, "<tr class=\"answer\">")).isEqualTo(2 * 3);
        screenshot(setPage, "", "experiment-set.png");
    }

    @Test
    @DisplayName("renders a 12-experiment set: 4 configurations of 3 runs, every chart, ranking and answer column")
    void twelveExperimentSet() throws Exception {
        String dom = dumpDom(twelvePage, "");

        assertThat(dom).contains("12 experiments: 4 configurations, 2 metrics.");
        assertThat(HtmlReporterTest.count(dom, "<circle class=\"dot")).isEqualTo(4 * 2);
        assertThat(HtmlReporterTest.count(dom, "<details class=\"configuration\"")).isEqualTo(4);
        assertThat(HtmlReporterTest.count(dom, "<th>run ")).isEqualTo(12);
        assertThat(HtmlReporterTest.count(dom, "<tr class=\"answer\">")).isEqualTo(4 * 5);
        screenshot(twelvePage, "", "experiment-set-12.png");
    }

    @Test
    @DisplayName("shows the run's index with script in names, figures and links: none of it runs, every row and link is there")
    void runIndexNoInjectedScriptRuns() throws Exception {
        String dom = dumpDom(indexPage, "");

        assertThat(dom).contains("<title>evalunit run</title>", "6 evaluations: 2 passed, 2 failed, 1 in error, 1 skipped.")
                .doesNotContain("<title>pwned", "<img", "<script")
                // Only an attribute inside a tag counts: the bar's tooltip holds the injected link as text.
                .doesNotContainPattern("<[^>]*\\s(onerror|onfocus|autofocus|src|id=\"pwned\"|href=\"javascript:)");
        assertThat(dom).contains(">Hostile&lt;script&gt;document.title='pwned'&lt;/script&gt;</a>",
                "<td>A wins &lt;img src=x onerror=\"document.title='pwned'\"&gt;</td>",
                "<a href=\"javascript%3Adocument.title%3D%27pwned%27/set-report.html\">");
        assertThat(HtmlReporterTest.count(dom, "<tr class=\"run ")).isEqualTo(6);
        assertThat(HtmlReporterTest.count(dom, "<a href=\"")).isEqualTo(5);
        assertThat(dom).contains("<a href=\"QaEval.losing/report.html\">QaEval.losing</a>",
                "<a href=\"qa_models/set-report.html\">qa_models</a>");
        assertThat(HtmlReporterTest.count(dom, "<svg class=\"glance\"")).isEqualTo(4);
        screenshot(indexPage, "", "index.png");
    }

    private String dumpDom(String fragment) throws Exception {
        return dumpDom(page, fragment);
    }

    private String dumpDom(Path html, String fragment) throws Exception {
        return run(List.of("--dump-dom", html.toUri() + fragment));
    }

    private void screenshot(String fragment, String name) throws Exception {
        screenshot(page, fragment, name);
    }

    private void screenshot(Path html, String fragment, String name) throws Exception {
        Path file = OUT.resolve(name).toAbsolutePath();
        Files.deleteIfExists(file);
        run(List.of("--window-size=1400,2200", "--hide-scrollbars", "--screenshot=" + file, html.toUri() + fragment));
        assertThat(file).isNotEmptyFile();
    }

    private String run(List<String> arguments) throws Exception {
        assumeTrue(browser != null, "No " + BROWSER + " on the PATH: the report is not checked in a browser."
                + " Install one to run this test (Debian/Ubuntu: apt-get install chromium).");
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile));
        command.addAll(arguments);
        Path output = profile.resolve("stdout.txt");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(BROWSER + " did not finish within 90 s: " + command);
        }
        assertThat(process.exitValue()).as("exit code of %s", command).isZero();
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).map(directory -> Paths.get(directory, name))
                .filter(Files::isExecutable).findFirst();
    }
}
