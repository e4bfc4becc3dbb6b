package dev.evalunit.experiment.spec;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.json.JsonValues;
import dev.evalunit.api.ExperimentSet;
import dev.evalunit.config.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Reads an experiment set in EvalAP's JSON form (from a file, the Java builder or the annotation's attributes),
 * checks it, and expands it into its experiments, typed as {@link ExperimentConfiguration} records. Every mistake is a {@link ConfigurationException} found here,
 * before any model call.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExperimentSetParser {

    static final List<String> KEYS = List.of("name", "readme", "cv", "experiments");

    private ExperimentSetParser() {
    }

    /**
     * @param json the set as JSON maps, lists and values (dotted keys allowed)
     * @param source where it was declared, for messages, e.g. {@code expsets/v1.json}
     */
    @SuppressWarnings("unchecked")
    public static ExperimentSetSpec parse(Map<String, Object> json, String source) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
        String name = name(json.get("name"), source);
        String owner = "experiment set [" + name + "]";
        UnknownKeys.require(json, KEYS, owner);
        Map<String, Object> document = (Map<String, Object>) JsonValues.copy(json, "", owner);
        ApiKeys.requireReferences(document, name);
        String readme = readme(document.get("readme"), name);

        boolean cv = document.get("cv") != null;
        boolean list = document.get("experiments") != null;
        if (cv == list) {
            throw new ConfigurationException(owner + " gives " + (cv ? "both cv and experiments" : "neither cv nor experiments")
                    + ". Give one of them.");
        }
        List<ExperimentDraft> drafts = cv
                ? CvExpansion.expand(document.get("cv"), name)
                : ExperimentList.read(document.get("experiments"), name);
        String where = cv ? "cv.common_params or the experiment" : "the experiment";
        drafts.forEach(draft -> RequiredParams.check(draft, name, where));
        return new ExperimentSetSpec(name, readme, experiments(drafts, name), source);
    }

    /**
     * Loads a set's JSON file from the class path or, failing that, a file relative to {@code baseDirectory}.
     *
     * @throws ConfigurationException when it is not found, not JSON, or not a valid set
     */
    public static ExperimentSetSpec load(String location, ClassLoader classLoader, Path baseDirectory) {
        Objects.requireNonNull(location, "location");
        return parse(ExperimentSetFile.read(location, classLoader, baseDirectory), location);
    }

    /**
     * The attribute declaration of {@link ExperimentSet} as the same JSON a file would hold: {@code models} become
     * the grid axis {@code model}, {@code temperatures} the axis {@code model.sampling_params.temperature}.
     *
     * @param defaultName the set's name when the annotation gives none, e.g. the test method's name
     */
    public static Map<String, Object> fromAnnotation(ExperimentSet annotation, String defaultName) {
        return AnnotationDeclaration.toJson(Objects.requireNonNull(annotation, "annotation"), defaultName);
    }

    private static List<ExperimentConfiguration> experiments(List<ExperimentDraft> drafts, String setName) {
        List<Map<String, Object>> recorded = drafts.stream().map(d -> ApiKeys.removed(d.configuration())).toList();
        List<String> ids = recorded.stream().map(ConfigurationId::of).toList();
        List<String> labels = Labels.of(recorded.stream().map(ConfigurationId::identity).toList(), setName);
        // Repeats are grouped by configuration id, never by name: equal configurations are repeats of one.
        Map<String, Integer> counts = new HashMap<>();
        ids.forEach(id -> counts.merge(id, 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        List<ExperimentConfiguration> experiments = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            ExperimentDraft draft = drafts.get(i);
            // From here on the engine reads records: the maps end with expansion, but for what users are shown.
            ConfigurationReader.Parts parts = ConfigurationReader.read(draft.configuration(), draft.name());
            String id = ids.get(i);
            int repeatIndex = seen.merge(id, 1, Integer::sum) - 1;
            experiments.add(new ExperimentConfiguration(setName, draft.name(), i, parts.dataset(), parts.model(),
                    parts.metrics(), parts.judgeModel(), parts.columnsMap(), id, repeatIndex, counts.get(id),
                    labels.get(i), recorded.get(i)));
        }
        return experiments;
    }

    private static String name(Object name, String source) {
        if (name == null || name instanceof String s && s.isBlank()) {
            throw new ConfigurationException("the experiment set in [" + source
                    + "] has no [name]. Give the set a name, e.g. \"name\": \"model_comparison_v1\".");
        }
        if (!(name instanceof String s)) {
            throw new ConfigurationException("[name] of the experiment set in [" + source + "] must be a string, but was "
                    + JsonValues.describe(name) + ". Give the set a name, e.g. \"name\": \"model_comparison_v1\".");
        }
        return s;
    }

    private static String readme(Object readme, String setName) {
        if (readme == null) {
            return "";
        }
        if (readme instanceof String s) {
            return s;
        }
        throw new ConfigurationException("[readme] of experiment set [" + setName + "] must be a string, but was "
                + JsonValues.describe(readme) + ". Say in words why the set exists.");
    }
}
