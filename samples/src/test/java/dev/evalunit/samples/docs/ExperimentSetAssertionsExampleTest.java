package dev.evalunit.samples.docs;

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.ExperimentSetResults;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetDefinition;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.samples.support.StandInModelServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The experiment-set assertions that docs/experiment-sets.md shows: two models, one configuration
 * each, two runs per configuration, over the capital-city questions of the samples.
 */
@ExtendWith(StandInModelServer.class)
class ExperimentSetAssertionsExampleTest {

    static ExperimentSetDefinition twoModels() {
        return ExperimentSetDefinition.named("two_models")
                .common("dataset", "datasets/capitals.jsonl")
                .common("model.prelude_prompt", "Answer in one short sentence.")
                .common("model.sampling_params.temperature", 0.2)
                .common("metrics", List.of("judge_precision", "judge_notator", "output_length", "generation_time"))
                .common("judge_model", "judge")
                .grid("model", List.of(Map.of("name", "m1"), Map.of("name", "m2")))
                .repeat(2)
                .build();
    }

    @ExperimentSet(builder = "twoModels")
    void eachExperiment(ExperimentResult experiment) {
        assertThat(experiment).metric("judge_precision").mean().isGreaterThanOrEqualTo(0.5);
        assertThat(experiment).metric("judge_precision").support().isGreaterThan(10);
        assertThat(experiment).metric("output_length").failureRate().isEqualTo(0.0);
    }

    @Test
    void bestConfiguration(@ExperimentSetResults("two_models") ExperimentSetResult set) {
        assertThat(set).best("judge_precision").hasModel("m1");
        assertThat(set).best("judge_precision").statistic("judge_precision").ciLow().isGreaterThan(0.6);
        assertThat(set).best("judge_precision").statistic("judge_precision").rowSpread().isLessThanOrEqualTo(0.5);
        assertThat(set).configurationWithModel("m2").statistic("generation_time").mean().isLessThan(2.0);
        assertThat(set).pValue("judge_notator").isLessThan(0.2);   // best vs runner-up; 0.05 needs more than 14 rows
    }
}
