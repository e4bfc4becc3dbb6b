package dev.evalunit.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.execution.ReportDirectories;
import dev.evalunit.experiment.spec.ExperimentConfiguration;
import dev.evalunit.files.SetShardManifest;
import dev.evalunit.shard.Shard;
import dev.evalunit.shard.SpecIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * An experiment set's part in a sharded run: by example across all experiments (a row's {@code id} cell, or
 * its row number, hashed as {@code id=<value>}), so that every shard runs every configuration on its rows;
 * and the manifest its files record.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExperimentShards {

    private ExperimentShards() {
    }

    /** The 0-based positions of {@code experiment}'s rows in {@code shard}, ascending. */
    public static List<Integer> selected(ExperimentPlan experiment, Shard shard) {
        List<Integer> selected = new ArrayList<>();
        for (int i = 0; i < experiment.dataset().size(); i++) {
            if (shard.contains(Map.of("id", ExperimentSetRunner.rowId(experiment.dataset().rows().get(i), i)))) {
                selected.add(i);
            }
        }
        return selected;
    }

    /** The rows a shard of {@code plan} runs, across its experiments. */
    public static long rowCount(ExperimentSetPlan plan, Shard shard) {
        return plan.experiments().stream().mapToLong(e -> selected(e, shard).size()).sum();
    }

    /** @param errorBudget the error budget of the run, which the merge applies */
    public static SetShardManifest manifest(ExperimentSetPlan plan, Shard shard, double errorBudget) {
        Map<String, Boolean> higherIsBetter = new LinkedHashMap<>();
        for (MetricDescriptor descriptor : plan.descriptors().values()) {
            higherIsBetter.put(descriptor.name(), descriptor.higherIsBetter());
        }
        List<SetShardManifest.Experiment> experiments = new ArrayList<>();
        for (ExperimentPlan experiment : plan.experiments()) {
            ExperimentConfiguration configuration = experiment.configuration();
            experiments.add(new SetShardManifest.Experiment(ReportDirectories.segment(configuration.name()),
                    configuration.displayName(), experiment.dataset().size(),
                    selected(experiment, shard).stream().map(i -> i + 1).toList()));
        }
        return new SetShardManifest(shard, identity(plan), plan.name(), errorBudget, higherIsBetter, experiments);
    }

    /** The set's name, and each experiment's configuration id (a hash without secrets), repeat, dataset and metrics. */
    static String identity(ExperimentSetPlan plan) {
        List<Object> parts = new ArrayList<>(List.of("experiment-set", plan.name()));
        for (ExperimentPlan experiment : plan.experiments()) {
            ExperimentConfiguration configuration = experiment.configuration();
            parts.add(configuration.name() + " " + configuration.configurationId() + " " + configuration.repeatIndex()
                    + " " + experiment.dataset().source() + " " + experiment.dataset().size() + " " + experiment.metricNames());
        }
        return SpecIdentity.of(parts);
    }
}
