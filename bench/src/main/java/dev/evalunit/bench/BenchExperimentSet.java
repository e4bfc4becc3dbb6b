package dev.evalunit.bench;

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetDefinition;
import java.util.List;
import java.util.Map;

/**
 * The experiment set of {@code --experiment-set}, written as a user writes one: the {@code candidate} model at two
 * temperatures over the benchmark's dataset ({@link BenchEvaluation#DATASET}, its {@code question} as the query),
 * scored by {@code output_length}: two experiments, one call per row each. Like {@link BenchEvaluation} it lives in
 * main sources so that the runnable jar carries it.
 */
public class BenchExperimentSet {

    /** Names the set's report folder: {@code <evalunit.report.dir>/bench_set/}. */
    static final String NAME = "bench_set";
    /** The experiments of the set: its tests. */
    static final int EXPERIMENTS = 2;

    static ExperimentSetDefinition benchSet() {
        return ExperimentSetDefinition.named(NAME)
                .readme("The benchmark's experiment set: the candidate at two temperatures over the benchmark's dataset.")
                .common("dataset", BenchEvaluation.DATASET)
                .common("columns_map", Map.of("query", "question"))
                .common("metrics", List.of("output_length"))
                .common("model.name", "candidate")
                .grid("model.sampling_params.temperature", List.of(0.2, 0.8))
                .build();
    }

    @ExperimentSet(builder = "benchSet")
    void experiment(ExperimentResult experiment) {
        // A failed call would make the run look faster than it is; the benchmark refuses such a run.
        assertThat(experiment).metric("output_length").failureRate().isEqualTo(0.0);
    }
}
