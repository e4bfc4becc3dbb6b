package dev.evalunit.samples;

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
 * The capital-city comparison of {@link ModelComparisonExperimentTest}, declared in Java instead of
 * JSON: once with a builder method (the same structure as the JSON file), once with the annotation's
 * attributes (a quick grid of models and temperatures). Both expand and run exactly as a JSON set does.
 */
@ExtendWith(StandInModelServer.class)
class ExperimentSetInJavaTest {

    static ExperimentSetDefinition comparison() {
        return ExperimentSetDefinition.named("model_comparison_java")
                .readme("model_comparison_v1, declared in Java, with two runs per configuration.")
                .common("dataset", "datasets/capitals.jsonl")
                .common("model.prelude_prompt", "Answer in one short sentence.")
                .common("model.sampling_params.max_tokens", 64)
                .common("metrics", List.of("judge_precision", "output_length"))
                .common("judge_model", "judge")
                .grid("model", List.of(Map.of("name", "m1"), Map.of("name", "m2")))
                .grid("model.sampling_params.temperature", List.of(0.2, 0.8))
                .repeat(2)
                .build();
    }

    @ExperimentSet(builder = "comparison")
    void eachExperiment(ExperimentResult experiment) {
        assertThat(experiment).metric("judge_precision").failureRate().isEqualTo(0.0);
        assertThat(experiment).metric("judge_precision").mean().isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void bestConfiguration(@ExperimentSetResults("model_comparison_java") ExperimentSetResult set) {
        assertThat(set.experiments()).hasSize(8);
        assertThat(set).best("judge_precision").hasModel("m1");
    }

    // The quickest declaration: no judge, operational metrics only, one run per configuration.
    @ExperimentSet(name = "answer_length", dataset = "datasets/capitals.jsonl", metrics = "output_length",
            models = {"m1", "m2"}, temperatures = {0.2, 0.8})
    void answersStayShort(ExperimentResult experiment) {
        assertThat(experiment).metric("output_length").mean().isLessThanOrEqualTo(40.0);
    }
}
