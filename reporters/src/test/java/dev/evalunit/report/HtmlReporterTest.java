package dev.evalunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.PairwiseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The HTML report")
class HtmlReporterTest {

    @TempDir
    Path directory;

    private String write(PairwiseResult result) throws IOException {
        List<Path> written = new HtmlReporter().report(result, directory);
        assertThat(written).containsExactly(directory.resolve("report.html"));
        return Files.readString(written.get(0), StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("is one self-contained page")
    class SelfContained {

        @Test
        @DisplayName("with inline style and script, and no address to fetch: no src, href, url(), @import or http")
        void noNetwork() throws IOException {
            String html = write(Results.result("human", Results.judgment("q1", Choice.MODEL_A, 1.0, "fine", "A")));

            assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<script>\n", "<svg")
                    .doesNotContain("src=", "href=", "url(", "@import", "http:", "https:", "//cdn");
        }
    }

    @Nested
    @DisplayName("shows the figures")
    class FiguresShown {

        @Test
        @DisplayName("win rates of A, B and ties as bars with their 95% intervals, and position consistency")
        void winRates() throws IOException {
            String html = write(Hostile.result());

            assertThat(html).contains("<title>Win and tie rates with 95% Wilson intervals</title>",
                    ">Model A wins</text>", ">50.0% [15.0%, 85.0%]</text>",
                    ">Model B wins</text>", ">25.0% [5.0%, 70.0%]</text>",
                    ">Tie</text>", ">25.0% [4.0%, 65.0%]</text>",
                    ">Position consistency</text>", ">75.0%</text>");
            assertThat(count(html, "<rect class=\"bar ")).isEqualTo(4 + 3);
            // A's bar is half the plot (420 px), its whisker from 15% to 85%.
            assertThat(html).contains("<rect class=\"bar model-a\" x=\"230\" y=\"7\" width=\"210.0\"",
                    "<line class=\"whisker\" x1=\"293.0\" y1=\"17\" x2=\"587.0\" y2=\"17\"/>");
        }

        @Test
        @DisplayName("the sign test, the minimum detectable difference and the judge's bias")
        void significanceAndBias() throws IOException {
            String html = write(Hostile.result());

            assertThat(html).contains(
                    "<tr><th scope=\"row\">decisive examples (A or B)</th><td>3 (A 2, B 1)</td></tr>",
                    "<tr><th scope=\"row\">exact sign test, two-sided p</th><td>1.000</td></tr>",
                    "<tr><th scope=\"row\">smallest A−B difference detectable (p &lt; 0.05)</th><td>90.0%</td></tr>",
                    "<tr><th scope=\"row\">answer shown first wins (decisive samples)</th><td>62.5% of 8 (p = 0.727)</td></tr>",
                    "<tr><th scope=\"row\">longer response wins (decisive examples)</th><td>66.7% of 3 (p = 1.000)</td></tr>",
                    "<line class=\"half\"");
        }

        @Test
        @DisplayName("with human preferences, the confusion matrix of autorater against human and the agreement figures")
        void humans() throws IOException {
            String html = write(Hostile.result());

            // q2 B/A, q3 tie/tie, q4 A/B; q1's human cell cannot be read, q5 is an error: both left out.
            assertThat(html).contains(
                    "<tr><th scope=\"row\">autorater: Model A</th><td class=\"agree\">0</td><td class=\"disagree\">1</td><td class=\"disagree\">0</td></tr>",
                    "<tr><th scope=\"row\">autorater: Model B</th><td class=\"disagree\">1</td><td class=\"agree\">0</td><td class=\"disagree\">0</td></tr>",
                    "<tr><th scope=\"row\">autorater: Tie</th><td class=\"disagree\">0</td><td class=\"disagree\">0</td><td class=\"agree\">1</td></tr>",
                    "<tr><th scope=\"row\">Cohen&#39;s kappa</th><td>0.400</td></tr>",
                    "<tr><th scope=\"row\">Cohen&#39;s kappa, 95% interval</th><td>-0.200 to 1.000</td></tr>",
                    "Errors and 1 example(s) whose human cell is blank");
        }

        @Test
        @DisplayName("no section on humans, nor a disagreement filter, without human preferences")
        void noHumans() throws IOException {
            String html = write(Results.result(null, Results.judgment("q1", Choice.MODEL_A, 1.0, "fine", "A")));

            assertThat(html).doesNotContain("id=\"human\"", "filter-disagreements", "human:");
        }
    }

    @Nested
    @DisplayName("lists the examples side by side")
    class Examples {

        @Test
        @DisplayName("one row each, marked for the filters: errors, disagreements with humans, confidence")
        void rows() throws IOException {
            String html = write(Hostile.result());

            assertThat(count(html, "<tr class=\"example ")).isEqualTo(5);
            assertThat(html).contains(
                    "<tr class=\"example model-a\" data-error=\"false\" data-disagree=\"false\" data-confidence=\"1.0\">",
                    "<tr class=\"example model-b\" data-error=\"false\" data-disagree=\"true\" data-confidence=\"0.5\">",
                    // An error disagrees with a human who chose, as in summary.md.
                    "<tr class=\"example error\" data-error=\"true\" data-disagree=\"true\" data-confidence=\"\">",
                    "<li><span class=\"vote\">BA: B</span> sample ",
                    "filter-disagreements", "filter-errors", "filter-low-confidence", "5 of 5 shown");
        }
    }

    @Nested
    @DisplayName("escapes every text from a model or a dataset")
    class Escaping {

        @Test
        @DisplayName("so that the only script element is the page's own and no data makes an element or an attribute")
        void noInjectedMarkup() throws IOException {
            String html = write(Hostile.result());

            assertThat(count(html, "<script")).isEqualTo(1);
            assertThat(html).doesNotContain("<img", "<a ", "onerror=\"", " onfocus=\"", Hostile.PWNED + "\"")
                    .contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;",
                            "&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;",
                            "href=&quot;javascript:document.title=&#39;pwned&#39;&quot;",
                            "&quot;}]&lt;/script&gt;&lt;script&gt;",
                            "<title>Pairwise evaluation: Hostile&lt;script&gt;");
        }

        @Test
        @DisplayName("in one function, which leaves no character of & < > \" ' as is")
        void escapeFunction() {
            assertThat(Html.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f");
            assertThat(Html.escape(null)).isEmpty();
        }
    }

    @Nested
    @DisplayName("stays small enough to open however many examples there are")
    class BoundedRows {

        @Test
        @DisplayName("up to 2,000 examples, every one has its row and nothing says otherwise")
        void allRows() {
            String html = HtmlReporter.render(Results.large(2000));

            assertThat(count(html, "<tr class=\"example ")).isEqualTo(2000);
            assertThat(html).contains("2000 of 2000 shown").doesNotContain("examples have a row");
        }

        @Test
        @DisplayName("beyond, the first 1,000 rows, then the first 1,000 that a filter would show, and a line saying so")
        void firstRowsThenWorthALook() {
            String html = HtmlReporter.render(Results.large(5000));

            assertThat(count(html, "<tr class=\"example ")).isEqualTo(2000);
            assertThat(html).contains("2000 of 5000 examples have a row: the first 1000, then the first 1000 after them"
                            + " that are errors, disagree with the human or have a confidence at most 0.75 (1000 found).",
                    "2000 of 2000 shown", ">id=q1<", ">id=q1000<", ">id=q1001<")
                    // q1006 and q1008: no error, full confidence, the human's choice
                    .doesNotContain(">id=q1006<", ">id=q1008<");
        }
    }

    static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
