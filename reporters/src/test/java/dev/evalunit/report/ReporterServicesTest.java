package dev.evalunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.spi.ExperimentReporter;
import dev.evalunit.api.spi.PairwiseReporter;
import dev.evalunit.api.spi.RunReporter;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The reporters module")
class ReporterServicesTest {

    @Test
    @DisplayName("registers exactly the Markdown summary and the HTML report for ServiceLoader: the engine writes the contract files")
    void serviceLoaderFindsTheReporters() {
        assertThat(ServiceLoader.load(PairwiseReporter.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(SummaryReporter.class, HtmlReporter.class);
    }

    @Test
    @DisplayName("registers the run's index page for ServiceLoader")
    void serviceLoaderFindsTheRunReporter() {
        assertThat(ServiceLoader.load(RunReporter.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(RunIndexReporter.class);
    }

    @Test
    @DisplayName("registers the experiment set's HTML page and its Markdown summary for ServiceLoader")
    void serviceLoaderFindsTheSetReporters() {
        assertThat(ServiceLoader.load(ExperimentReporter.class).stream().map(ServiceLoader.Provider::type))
                .containsExactlyInAnyOrder(SetHtmlReporter.class, SetSummaryReporter.class);
    }
}
