package dev.evalunit.samples;

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.ExperimentSetResults;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.samples.support.StandInModelServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Can our capital-city quiz move from {@code m1} (gpt-4o-mini) to the cheaper {@code m2}
 * (gpt-4.1-nano), and does a higher temperature cost right answers? The set
 * ({@code expsets/model_comparison_v1.json}) runs both models at temperatures 0.2 and 0.8, three
 * times each, over questions whose capital is not the country's best-known city. Each of the 12
 * experiments is a test of its own; {@link #bestConfiguration} compares the 4 configurations across
 * their runs.
 *
 * <p>Offline, the models and the judge are the scripted stand-in (see {@link StandInModelServer}):
 * its {@code m2} knows fewer capitals than its {@code m1}, and both slip more often at 0.8. The
 * figures then show what the reports look like, not how the real models compare.
 */
@ExtendWith(StandInModelServer.class)
class ModelComparisonExperimentTest {

    @ExperimentSet("expsets/model_comparison_v1.json")
    void eachExperiment(ExperimentResult experiment) {
        // Every question answered and judged: a failed call would otherwise quietly shrink the sample.
        assertThat(experiment).metric("output_length").failureRate().isEqualTo(0.0);
        assertThat(experiment).metric("judge_precision").failureRate().isEqualTo(0.0);
        // The floor for any model we would consider, on every run and at either temperature: at
        // least half of the trap questions answered right.
        assertThat(experiment).metric("judge_precision").mean().isGreaterThanOrEqualTo(0.5);
        // Asked for one short sentence: a model that starts to lecture fails here, right or not.
        assertThat(experiment).metric("output_length").mean().isLessThanOrEqualTo(20.0);
    }

    @Test
    void bestConfiguration(@ExperimentSetResults("model_comparison_v1") ExperimentSetResult set) {
        // The grid is what the set declares: 2 models x 2 temperatures, 3 runs each.
        assertThat(set.configurations()).hasSize(4);
        assertThat(set.experiments()).hasSize(12);
        // Moving to m2 would cost right answers: the most precise configuration is one of m1's.
        assertThat(set).best("judge_precision").hasModel("m1");
        // And it is dependably so: its share of right answers moves by less than a tenth between runs
        // (standard deviation of the run means), so one run's figure can be trusted.
        assertThat(set).best("judge_precision").statistic("judge_precision").standardDeviation()
                .isLessThanOrEqualTo(0.1);
    }
}
