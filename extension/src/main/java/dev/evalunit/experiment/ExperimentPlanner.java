package dev.evalunit.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.dataset.DatasetLoader;
import dev.evalunit.dataset.DatasetReferences;
import dev.evalunit.execution.ReportDirectories;
import dev.evalunit.experiment.spec.ExperimentConfiguration;
import dev.evalunit.experiment.spec.ModelConfiguration;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import dev.evalunit.experiment.spec.MetricConfiguration;
import dev.evalunit.metrics.MetricColumns;
import dev.evalunit.metrics.MetricRegistry;
import dev.evalunit.model.ModelClients;
import dev.evalunit.pairwise.MethodBinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Turns an expanded {@link ExperimentSetSpec} into an {@link ExperimentSetPlan}, finding every
 * mistake of every experiment before the first call: datasets, the columns each metric needs,
 * models, judges and their keys, pre-generated outputs of the wrong length, unknown metrics.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExperimentPlanner {

    /** The canonical column a generating model answers. */
    static final String QUERY = "query";

    private final EvalConfig config;
    private final DatasetLoader datasets;
    private final MetricRegistry metrics;
    private final ExperimentModels models;

    /** A planner without methods to bind: an experiment whose model is a method is a configuration error. */
    public ExperimentPlanner(EvalConfig config, DatasetLoader datasets, MetricRegistry metrics, ModelClients clients,
                             SecretReference secrets) {
        this(config, datasets, metrics, clients, secrets, MethodBinder.NONE);
    }

    /**
     * @param metrics the metrics the set's names resolve to
     * @param methods binds an experiment's {@code "model": {"method": ...}} to a method (the test class's)
     */
    public ExperimentPlanner(EvalConfig config, DatasetLoader datasets, MetricRegistry metrics, ModelClients clients,
                             SecretReference secrets, MethodBinder methods) {
        this.config = config;
        this.metrics = metrics;
        this.datasets = datasets;
        this.models = new ExperimentModels(config, clients, secrets, methods);
    }

    public ExperimentSetPlan plan(ExperimentSetSpec set) {
        int concurrency = config.getPositiveInt(ConfigKeys.CONCURRENCY, ConfigKeys.DEFAULT_CONCURRENCY);
        Map<String, Dataset> loaded = new HashMap<>();
        Map<String, MetricDescriptor> descriptors = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        List<ExperimentPlan> experiments = new ArrayList<>();
        MetricRegistry registry = metrics;
        for (ExperimentConfiguration spec : set.experiments()) {
            ExperimentPlan plan = plan(spec, loaded, registry);
            plan.metrics().forEach(m -> descriptors.putIfAbsent(m.descriptor().name(), m.descriptor()));
            labels.putIfAbsent(spec.configurationId(), spec.label());
            experiments.add(plan);
        }
        Path directory = ReportDirectories.of(config, set.name());
        return new ExperimentSetPlan(set.name(), set.readme(), experiments, descriptors, labels, concurrency, directory);
    }

    private ExperimentPlan plan(ExperimentConfiguration experiment, Map<String, Dataset> loaded, MetricRegistry registry) {
        String where = "experiment [" + experiment.name() + "]";
        Dataset dataset = loaded.computeIfAbsent(DatasetReferences.resolve(config, experiment.dataset()), datasets::load);
        List<Metric> metrics = new ArrayList<>();
        for (MetricConfiguration metric : experiment.metrics()) {
            metrics.add(registry.create(metric.name(), metric.parameters()));
        }
        // EvalAP's manual lists often name no judge: the run's default judge, when configured, judges them.
        ModelConfiguration judgeModel = experiment.judgeModel() != null ? experiment.judgeModel()
                : config.get(ConfigKeys.JUDGE_DEFAULT).map(String::strip).filter(name -> !name.isEmpty())
                        .map(ModelConfiguration::named).orElse(null);
        MetricColumns.check(dataset, experiment.columnsMap(), metrics, judgeModel != null, where);
        Answers answers = models.answers(experiment.model(), dataset, experiment.name());
        if (answers instanceof Answers.Generated) {
            checkQuery(dataset, experiment.columnsMap(), where);
        }
        ModelClient judge = judgeModel == null ? null : models.judge(judgeModel, experiment.name());
        return new ExperimentPlan(experiment, dataset, answers, metrics, judge);
    }

    private static void checkQuery(Dataset dataset, Map<String, String> columnsMap, String where) {
        String column = columnsMap.getOrDefault(QUERY, QUERY);
        if (!dataset.hasColumn(column)) {
            throw new ConfigurationException(where + " generates answers from column [" + column + "], which dataset ["
                    + dataset.source() + "] lacks. Columns: " + dataset.columnList()
                    + ". Add it or map it with columns_map, e.g. \"columns_map\": {\"query\": \"question\"}.");
        }
    }
}
