package dev.evalunit.report;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.api.experiment.RowResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-built experiment sets for the set page's tests: {@link #hostile()} (script in the readme, the
 * configuration values, the answers, the errors and the judge's replies; one API key as a
 * {@code ${file:...}} reference) and {@link #twelve()} (4 configurations, 3 runs each).
 */
final class Sets {

    static final String KEY_REFERENCE = "${file:/run/secrets/m1-key}";
    static final List<String> METRICS = List.of("judge_precision", "output_length");

    private Sets() {
    }

    /** 2 configurations x 2 runs x 3 rows; the second configuration fails on one row in its second run. */
    static ExperimentSetResult hostile() {
        Map<String, Object> model1 = new LinkedHashMap<>();
        model1.put("name", "m1" + Hostile.SCRIPT);
        model1.put("api_key", KEY_REFERENCE);
        model1.put("system_prompt", "Answer" + Hostile.ATTRIBUTE);
        Map<String, Object> model2 = new LinkedHashMap<>();
        model2.put("name", "m2" + Hostile.IMAGE);
        List<ConfigurationSpec> specs = List.of(
                new ConfigurationSpec("c1", "model.name=m1" + Hostile.SCRIPT, configuration(model1), 0.8),
                new ConfigurationSpec("c2", "model.name=m2" + Hostile.IMAGE, configuration(model2), 0.5));
        return build("Hostile" + Hostile.SCRIPT, "Why: " + Hostile.LINK + "\nsecond line", specs, 2, 3, 0.03);
    }

    /** 4 configurations x 3 runs x 5 rows: 12 experiments. */
    static ExperimentSetResult twelve() {
        List<ConfigurationSpec> specs = new ArrayList<>();
        double[] levels = {0.9, 0.75, 0.6, 0.4};
        for (int i = 0; i < levels.length; i++) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", "m" + (i / 2 + 1));
            model.put("sampling_params", Map.of("temperature", i % 2 == 0 ? 0.2 : 0.8));
            specs.add(new ConfigurationSpec("cfg" + i, "model.name=m" + (i / 2 + 1)
                    + ", model.sampling_params.temperature=" + (i % 2 == 0 ? 0.2 : 0.8), configuration(model), levels[i]));
        }
        return build("model_comparison_v1", "Can we move to m2?", specs, 3, 5, 0.004);
    }

    /** One configuration x 2 runs x {@code rowCount} rows. */
    static ExperimentSetResult large(int rowCount) {
        ConfigurationSpec spec = new ConfigurationSpec("cfg0", "model.name=m1", configuration(Map.of("name", "m1")), 0.9);
        return build("large", "", List.of(spec), 2, rowCount, null);
    }

    private static Map<String, Object> configuration(Map<String, Object> model) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("dataset", "datasets/qa.jsonl");
        configuration.put("metrics", METRICS);
        configuration.put("judge_model", "judge");
        configuration.put("model", model);
        return configuration;
    }

    private record ConfigurationSpec(String id, String label, Map<String, Object> configuration, double level) {
    }

    private static ExperimentSetResult build(String name, String readme, List<ConfigurationSpec> specs, int repeats,
                                             int rowCount, Double pValue) {
        List<ExperimentResult> experiments = new ArrayList<>();
        List<ConfigurationResult> configurations = new ArrayList<>();
        for (ConfigurationSpec spec : specs) {
            List<String> names = new ArrayList<>();
            for (int run = 0; run < repeats; run++) {
                String experimentName = name + "__" + experiments.size();
                names.add(experimentName);
                List<RowResult> rows = new ArrayList<>();
                int failures = 0;
                for (int row = 0; row < rowCount; row++) {
                    boolean fails = spec.level() < 0.6 && run == repeats - 1 && row == 1;
                    failures += fails ? 1 : 0;
                    rows.add(row(name, row, spec.level(), fails));
                }
                double mean = spec.level() + 0.02 * run;
                experiments.add(new ExperimentResult(name, experimentName, experiments.size(), spec.id(), run, repeats,
                        spec.configuration(), METRICS, rows,
                        Map.of("judge_precision", new MetricSummary("judge_precision", mean, rowCount - failures, failures),
                                "output_length", new MetricSummary("output_length", 12.0 + run, rowCount - failures,
                                        failures)),
                        Path.of(experimentName)));
            }
            double failureRate = spec.level() < 0.6 ? 1.0 / (repeats * rowCount) : 0.0;
            Map<String, RepeatStatistics> statistics = new LinkedHashMap<>();
            statistics.put("judge_precision", new RepeatStatistics("judge_precision", repeats, spec.level() + 0.01,
                    0.02, spec.level() - 0.05, spec.level() + 0.07, 0.1, failureRate));
            statistics.put("output_length", new RepeatStatistics("output_length", repeats, 30 - 10 * spec.level(),
                    1.0, 28 - 10 * spec.level(), 32 - 10 * spec.level(), 2.0, failureRate));
            configurations.add(new ConfigurationResult(spec.id(), spec.label(), spec.configuration(), names, statistics));
        }
        List<String> byPrecision = specs.stream().map(ConfigurationSpec::id).toList();
        List<String> byLength = new ArrayList<>(byPrecision);
        Collections.reverse(byLength);
        Map<String, MetricRanking> rankings = new LinkedHashMap<>();
        rankings.put("judge_precision", new MetricRanking("judge_precision", true, byPrecision, pValue));
        rankings.put("output_length", new MetricRanking("output_length", false, byLength, null));
        return new ExperimentSetResult(name, readme, experiments, configurations, rankings, Path.of(name));
    }

    private static RowResult row(String setName, int row, double level, boolean fails) {
        boolean hostile = setName.startsWith("Hostile");
        Object id = hostile && row == 0 ? "q1" + Hostile.SCRIPT : "q" + (row + 1);
        if (fails) {
            return new RowResult(id, Generation.failed("timeout" + (hostile ? Hostile.IMAGE : "")),
                    Map.of("judge_precision", MetricObservation.failed("no answer", null),
                            "output_length", MetricObservation.failed("no answer", null)));
        }
        String answer = hostile ? "Answer " + Hostile.LINK + "\n" + Hostile.END_OF_SCRIPT : "The capital is city " + row;
        Map<String, MetricObservation> scores = new LinkedHashMap<>();
        scores.put("judge_precision", MetricObservation.judged(row < level * 5 ? 1 : 0,
                hostile ? "Because " + Hostile.SCRIPT : "correct"));
        scores.put("output_length", MetricObservation.of(answer.split("\\s+").length));
        return new RowResult(id, new Generation(answer, 0.4, 20, 8, null), scores);
    }
}
