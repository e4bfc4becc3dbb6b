package dev.evalunit.samples.plugins;

import static dev.evalunit.assertj.EvalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.ExperimentSetResults;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetDefinition;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.samples.support.StandInModelServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The project's own metric, {@link AnswerCharactersMetric} ({@code answer_characters}, lower is better),
 * named in experiment sets exactly as a built-in metric is: in a JSON file, in a builder method and in
 * the annotation's attributes. It is registered only by this module's
 * {@code src/test/resources/META-INF/services/dev.evalunit.api.spi.Metric}.
 *
 * <p>Offline, {@code m1} and {@code m2} are the scripted stand-in (see {@link StandInModelServer}): at
 * temperature 0 it always answers "The capital of X is Y."; higher temperatures make some answers a bare
 * name and others a longer sentence.
 */
@ExtendWith(StandInModelServer.class)
@DisplayName("A metric of the project's own, registered through META-INF/services")
class OwnMetricExperimentTest {

    private static final String METRIC = AnswerCharactersMetric.NAME;

    // The JSON form: expsets/concise_answers.json names answer_characters beside output_length.
    @ExperimentSet("expsets/concise_answers.json")
    void eachExperiment(ExperimentResult experiment) {
        // Every answer is scored, and its score is its length in characters.
        assertThat(experiment).metric(METRIC).failureRate().isEqualTo(0.0);
        for (RowResult row : experiment.rows()) {
            assertThat(row.scores().get(METRIC).score())
                    .as("answer_characters of row %s, answer [%s]", row.rowId(), row.generation().output())
                    .isEqualTo(row.generation().output().strip().length());
        }
    }

    @Test
    @DisplayName("ranks the configurations shortest answers first, as the metric's direction says")
    void rankingFollowsTheDirection(@ExperimentSetResults("concise_answers") ExperimentSetResult set) {
        MetricRanking ranking = set.rankings().get(METRIC);
        assertThat(ranking.higherIsBetter()).isFalse();

        List<Double> means = ranking.configurationIds().stream()
                .map(id -> set.configuration(id).orElseThrow().statistic(METRIC).orElseThrow().mean())
                .toList();
        // 2 models x 2 temperatures, the smallest mean first.
        assertThat(means).hasSize(4).isSorted();
        assertThat(means.get(0)).isLessThan(means.get(3));
        assertThat(set).best(METRIC).statistic(METRIC).mean().isEqualTo(means.get(0));
    }

    // The builder form: m1 at temperature 0 always says "The capital of X is Y.".
    static ExperimentSetDefinition plainAnswers() {
        return ExperimentSetDefinition.named("plain_answers")
                .common("dataset", "datasets/capitals.jsonl")
                .common("model", Map.of("name", "m1"))
                .common("model.sampling_params.temperature", 0.0)
                .common("metrics", List.of(METRIC))
                .build();
    }

    @ExperimentSet(builder = "plainAnswers")
    void plainAnswer(ExperimentResult experiment) {
        RowResult australia = experiment.rows().stream().filter(row -> row.rowId().equals("australia"))
                .findFirst().orElseThrow();
        assertThat(australia.generation().output()).isEqualTo("The capital of Australia is Canberra.");
        assertThat(australia.scores().get(METRIC).score()).isEqualTo(37.0);
    }

    // The annotation form: the metric's name in the metrics attribute.
    @ExperimentSet(name = "concise_answers_quick", dataset = "datasets/capitals.jsonl", metrics = METRIC,
            models = {"m1", "m2"})
    void answersStayShort(ExperimentResult experiment) {
        assertThat(experiment.metricNames()).containsExactly(METRIC);
        assertThat(experiment).metric(METRIC).mean().isBetween(5.0, 120.0);
    }
}
