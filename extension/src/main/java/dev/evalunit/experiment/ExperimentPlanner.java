package dev.evalunit.experiment;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.dataset.DatasetLoader;
import dev.evalunit.execution.ReportDirectories;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import dev.evalunit.experiment.spec.ExperimentSpec;
import dev.evalunit.experiment.spec.UnknownKeys;
import dev.evalunit.metrics.MetricColumns;
import dev.evalunit.metrics.MetricRegistry;
import dev.evalunit.model.ModelClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an expanded {@link ExperimentSetSpec} into an {@link ExperimentSetPlan}, finding every
 * mistake of every experiment before the first call: datasets, the columns each metric needs,
 * models, judges and their keys, pre-generated outputs of the wrong length, unknown metrics.
 */
public final class ExperimentPlanner {

    /** The canonical column a generating model answers. */
    static final String QUERY = "query";

    // What the engine reads: anything else is a misspelling that must not be ignored without a word.
    static final List<String> EXPERIMENT_KEYS =
            List.of("name", "readme", "dataset", "model", "metrics", "judge_model", "columns_map");
    static final List<String> MODEL_KEYS = List.of("name", "base_url", "api_key", "system_prompt", "prelude_prompt",
            "sampling_params", "extra_params", "aliased_name", "output");
    static final List<String> JUDGE_KEYS =
            List.of("name", "base_url", "api_key", "system_prompt", "sampling_params", "extra_params");

    private final EvalConfig config;
    private final DatasetLoader datasets;
    private final MetricRegistry metrics;
    private final ExperimentModels models;

    /** @param metrics the metrics the set's names resolve to */
    public ExperimentPlanner(EvalConfig config, DatasetLoader datasets, MetricRegistry metrics, ModelClients clients,
                             SecretReference secrets) {
        this.config = config;
        this.metrics = metrics;
        this.datasets = datasets;
        this.models = new ExperimentModels(config, clients, secrets);
    }

    public ExperimentSetPlan plan(ExperimentSetSpec set) {
        int concurrency = config.getPositiveInt(ConfigKeys.CONCURRENCY, ConfigKeys.DEFAULT_CONCURRENCY);
        Map<String, Dataset> loaded = new HashMap<>();
        Map<String, MetricDescriptor> descriptors = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        List<ExperimentPlan> experiments = new ArrayList<>();
        MetricRegistry registry = metrics;
        for (ExperimentSpec spec : set.experiments()) {
            ExperimentPlan plan = plan(spec, loaded, registry);
            plan.metrics().forEach(m -> descriptors.putIfAbsent(m.descriptor().name(), m.descriptor()));
            labels.putIfAbsent(spec.configurationId(), spec.label());
            experiments.add(plan);
        }
        Path directory = ReportDirectories.of(config, set.name());
        return new ExperimentSetPlan(set.name(), set.readme(), experiments, descriptors, labels, concurrency, directory);
    }

    private ExperimentPlan plan(ExperimentSpec spec, Map<String, Dataset> loaded, MetricRegistry registry) {
        Map<String, Object> configuration = spec.configuration();
        String where = "experiment [" + spec.name() + "]";
        checkKeys(configuration, where);
        Dataset dataset = loaded.computeIfAbsent(String.valueOf(configuration.get("dataset")), datasets::load);
        Map<String, String> columnsMap = columnsMap(configuration.get("columns_map"), where);
        List<Metric> metrics = metrics(configuration.get("metrics"), where, registry);
        Object judgeModel = configuration.get("judge_model");
        MetricColumns.check(dataset, columnsMap, metrics, judgeModel != null, where);
        Answers answers = models.answers(configuration.get("model"), dataset, spec.name());
        if (answers instanceof Answers.Generated) {
            checkQuery(dataset, columnsMap, where);
        }
        ModelClient judge = judgeModel == null ? null : models.judge(judgeModel, spec.name());
        return new ExperimentPlan(spec, dataset, columnsMap, answers, metrics, judge);
    }

    private static void checkKeys(Map<String, Object> configuration, String where) {
        UnknownKeys.require(configuration, EXPERIMENT_KEYS, where);
        if (configuration.get("model") instanceof Map<?, ?> model) {
            UnknownKeys.require(model, MODEL_KEYS, "[model] of " + where);
        }
        if (configuration.get("judge_model") instanceof Map<?, ?> judge) {
            UnknownKeys.require(judge, JUDGE_KEYS, "[judge_model] of " + where);
        }
    }

    private static List<Metric> metrics(Object declared, String where, MetricRegistry registry) {
        if (!(declared instanceof List<?> list) || list.isEmpty()) {
            throw new ConfigurationException("[metrics] of " + where
                    + " must be a non-empty list of metric names, e.g. [\"judge_precision\", \"output_length\"].");
        }
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object entry = list.get(i);
            if (entry instanceof String name) {
                metrics.add(registry.create(name, Map.of()));
            } else if (entry instanceof Map<?, ?> object && object.get("name") instanceof String name) {
                Map<String, Object> params = new LinkedHashMap<>();
                object.forEach((k, v) -> params.put(k.toString(), v));
                metrics.add(registry.create(name, params));
            } else {
                // The entry itself stays out of the message: it could be anything, a whole prompt included.
                throw new ConfigurationException("[metrics[" + i + "]] of " + where + " is neither a metric name nor an"
                        + " object with a [name]. Write e.g. \"output_length\" or {\"name\": \"judge_adhoc\", \"prompt\": \"...\"}.");
            }
        }
        return metrics;
    }

    private static Map<String, String> columnsMap(Object declared, String where) {
        if (declared == null) {
            return Map.of();
        }
        if (!(declared instanceof Map<?, ?> map)) {
            throw new ConfigurationException("[columns_map] of " + where
                    + " must be an object from canonical name to column, e.g. {\"query\": \"question\"}.");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        map.forEach((k, v) -> columns.put(k.toString(), String.valueOf(v)));
        return columns;
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
