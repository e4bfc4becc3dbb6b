package dev.evalunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.usage.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Tokens and cost in the reports")
class UsageTableTest {

    /** A judge priced at $0.0051 and a model without a price, so the total is unknown. */
    static final Usage PRICED = new Usage(List.of(
            new Usage.ModelUsage("judge", 1200, 300, 200, 100, 4, 1, 0.0051),
            new Usage.ModelUsage("<b>m|1</b>", 800, 150, 0, 0, 2, 0, 0.00123)), true, 0.00633);

    static final Usage UNPRICED = new Usage(List.of(new Usage.ModelUsage("judge", 1200, 300, 0, 0, 4, 0, null)),
            false, null);

    static PairwiseResult pairwise(Usage usage) {
        return Results.result(null, Results.judgment("q1", Choice.MODEL_A, 1.0, "A is better", null))
                .withUsage(usage);
    }

    static ExperimentSetResult set(Usage usage) {
        return new ExperimentSetResult("grid", "", List.of(), List.of(), Map.of(), null, usage);
    }

    @Nested
    @DisplayName("summary.md")
    class Markdown {

        @Test
        @DisplayName("has a table per model and the total, with cost at four decimals and the cached part")
        void priced() {
            assertThat(SummaryReporter.render(pairwise(PRICED))).contains("""
                    ## Tokens and cost

                    | model | input tokens | output tokens | cost (USD) |
                    |---|---|---|---|
                    | judge | 1200 (200 from cache) | 300 (100 from cache) | $0.0051 |
                    | <b>m\\|1</b> | 800 | 150 | $0.0012 |
                    | total | 2000 (200 from cache) | 450 (100 from cache) | $0.0063 |
                    """);
        }

        @Test
        @DisplayName("has no cost column without a price table")
        void unpriced() {
            assertThat(SummaryReporter.render(pairwise(UNPRICED))).contains("""
                    | model | input tokens | output tokens |
                    |---|---|---|
                    | judge | 1200 | 300 |
                    | total | 1200 | 300 |
                    """);
        }

        @Test
        @DisplayName("shows n/a for a total that a model without a price leaves unknown")
        void unknownTotal() {
            Usage partly = new Usage(List.of(new Usage.ModelUsage("a", 10, 5, 0, 0, 1, 0, 0.5),
                    new Usage.ModelUsage("b", 10, 5, 0, 0, 1, 0, null)), true, null);
            assertThat(SummaryReporter.render(pairwise(partly)))
                    .contains("| b | 10 | 5 | n/a |\n| total | 20 | 10 | n/a |\n");
        }

        @Test
        @DisplayName("has no section when no usage was counted")
        void none() {
            assertThat(SummaryReporter.render(pairwise(Usage.NONE))).doesNotContain("Tokens and cost");
            assertThat(SetSummaryReporter.render(set(Usage.NONE))).doesNotContain("Tokens and cost");
        }

        @Test
        @DisplayName("the set's summary.md has the same section")
        void setSummary() {
            assertThat(SetSummaryReporter.render(set(PRICED)))
                    .contains("## Tokens and cost\n")
                    .contains("| total | 2000 (200 from cache) | 450 (100 from cache) | $0.0063 |\n");
        }
    }

    @Nested
    @DisplayName("report.html and set-report.html")
    class Pages {

        @Test
        @DisplayName("show the figures in a table, model names escaped")
        void report() {
            String html = HtmlReporter.render(pairwise(PRICED));
            assertThat(html)
                    .contains("<section id=\"usage\">\n<h2>Tokens and cost</h2>")
                    .contains("<tr><th scope=\"row\">judge</th><td>1200 (200 from cache)</td><td>300 (100 from cache)</td>"
                            + "<td>$0.0051</td></tr>")
                    .contains("<tr><th scope=\"row\">&lt;b&gt;m|1&lt;/b&gt;</th><td>800</td><td>150</td><td>$0.0012</td></tr>")
                    .contains("<tr><th scope=\"row\">total</th><td>2000 (200 from cache)</td><td>450 (100 from cache)</td>"
                            + "<td>$0.0063</td></tr>")
                    .doesNotContain("<b>m|1</b>");
        }

        @Test
        @DisplayName("the set's page too, and neither without usage")
        void setReport() {
            assertThat(SetHtmlReporter.render(set(PRICED)))
                    .contains("<h2>Tokens and cost</h2>")
                    .contains("&lt;b&gt;m|1&lt;/b&gt;")
                    .doesNotContain("<b>m|1</b>");
            assertThat(SetHtmlReporter.render(set(Usage.NONE))).doesNotContain("Tokens and cost");
            assertThat(HtmlReporter.render(pairwise(Usage.NONE))).doesNotContain("Tokens and cost");
        }
    }

    @Test
    @DisplayName("the one-line figure (the run summary and index.html) names tokens, cost, and a run all from cache")
    void figure() {
        assertThat(PRICED.figure()).isEqualTo("2000 tokens in, 450 out, $0.0063");
        assertThat(UNPRICED.figure()).isEqualTo("1200 tokens in, 300 out");
        assertThat(new Usage(List.of(new Usage.ModelUsage("j", 5, 1, 5, 1, 1, 1, null)), false, null).figure())
                .isEqualTo("5 tokens in, 1 out (all from cache)");
    }
}
