package com.example.evals;

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.ExperimentSetResults;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An experiment set declared with attributes: one model at two temperatures, each a test. */
class TemperatureSweepTest {

    private static StandIn standIn;

    @BeforeAll
    static void startStandIn() throws Exception {
        standIn = StandIn.start("m1");
    }

    @AfterAll
    static void stopStandIn() {
        standIn.close();
    }

    @ExperimentSet(name = "sweep", dataset = "datasets/capitals.jsonl", metrics = "output_length",
            models = "m1", temperatures = {0.0, 1.0})
    void eachTemperature(ExperimentResult experiment) {
        // "A grounded answer." is three words, on every row.
        assertThat(experiment).metric("output_length").mean().isEqualTo(3.0);
    }

    @Test
    void theSetAsAWhole(@ExperimentSetResults("sweep") ExperimentSetResult set) throws Exception {
        org.assertj.core.api.Assertions.assertThat(set.experiments()).hasSize(2);
        // 2 rows x 2 temperatures, one generation each; the set runs once, whichever test asks first.
        org.assertj.core.api.Assertions.assertThat(standIn.requests()).isEqualTo(4);
        Path directory = set.reportDirectory();
        org.assertj.core.api.Assertions.assertThat(directory).startsWith(Reports.directory());
        for (ExperimentResult experiment : set.experiments()) {
            // One observation per row, in the experiment's own folder inside the set's.
            org.assertj.core.api.Assertions.assertThat(experiment.reportDirectory().getParent()).isEqualTo(directory);
            org.assertj.core.api.Assertions.assertThat(Reports.lines(experiment.reportDirectory().resolve("observations.jsonl")))
                    .hasSize(2);
        }
        org.assertj.core.api.Assertions.assertThat(Files.readString(directory.resolve("set-summary.json")))
                .contains("\"output_length\"");
    }
}
