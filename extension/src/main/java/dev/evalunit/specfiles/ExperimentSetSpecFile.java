package dev.evalunit.specfiles;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.experiment.spec.ExperimentConfiguration;
import dev.evalunit.experiment.spec.ExperimentSetParser;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import dev.evalunit.experiment.spec.MetricConfiguration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * An EvalAP experiment-set body read from a spec file, and the gates of its optional
 * {@code "evalunit": {"gates": {...}}} block: a gate names a metric of the set and holds each experiment's mean of
 * it, as {@code assertThat(experiment).metric(m).mean()} would.
 *
 * @param spec the set, planned and run like {@code @ExperimentSet}'s
 * @param gates checked on each experiment that measures the metric, in file order
 */
@API(status = INTERNAL, since = "0.1")
public record ExperimentSetSpecFile(ExperimentSetSpec spec, List<Gate> gates) {

    public ExperimentSetSpecFile {
        gates = List.copyOf(gates);
    }

    /**
     * @param resource the file's class path resource name, for messages
     * @param json the file's JSON value
     * @throws ConfigurationException for any mistake the file alone shows, a gate on a metric the set does not
     *     measure included, before any call
     */
    public static ExperimentSetSpecFile read(String resource, Object json) {
        String owner = "spec file [" + resource + "]";
        if (!(json instanceof Map<?, ?> map)) {
            throw new ConfigurationException(owner + " is not a JSON object. Give the experiment set's body, as EvalAP takes it.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        map.forEach((key, value) -> body.put(String.valueOf(key), value));
        Object block = body.remove(Gates.BLOCK);
        ExperimentSetSpec spec = ExperimentSetParser.parse(body, resource);
        return new ExperimentSetSpecFile(spec, Gates.read(block, metrics(spec), what(spec), owner));
    }

    /** The names of the metrics the set's experiments measure, which gates may name. */
    public static Set<String> metrics(ExperimentSetSpec spec) {
        TreeSet<String> names = new TreeSet<>();
        for (ExperimentConfiguration experiment : spec.experiments()) {
            experiment.metrics().stream().map(MetricConfiguration::name).forEach(names::add);
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /** What {@link #metrics} are, for messages: {@code a metric of experiment set [name]}. */
    public static String what(ExperimentSetSpec spec) {
        return "a metric of experiment set [" + spec.name() + "]";
    }
}
