package dev.evalunit.experiment.spec;

import dev.evalunit.json.JsonValues;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.execution.ReportDirectories;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * EvalAP's {@code experiments} list: each experiment as given. An experiment without a {@code name} is named
 * {@code <set>__<index>}, as in the {@code cv} form.
 */
final class ExperimentList {

    private ExperimentList() {
    }

    @SuppressWarnings("unchecked")
    static List<ExperimentDraft> read(Object experiments, String setName) {
        if (!(experiments instanceof List<?> list) || list.isEmpty()) {
            throw new ConfigurationException("[experiments] of experiment set [" + setName
                    + "] must be a non-empty list of experiments. Give each as {\"name\": ..., \"dataset\": ..., \"model\": ..., \"metrics\": [...]}.");
        }
        List<ExperimentDraft> drafts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, String> folders = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> experiment)) {
                throw new ConfigurationException("[experiments[" + i + "]] of experiment set [" + setName
                        + "] must be an object, but was " + JsonValues.describe(list.get(i))
                        + ". Give it as {\"name\": ..., \"dataset\": ..., \"model\": ..., \"metrics\": [...]}.");
            }
            Map<String, Object> configuration = DottedKeys.expand(ModelShorthand.expand((Map<String, Object>) experiment));
            String name = name(configuration.get("name"), i, setName);
            if (!names.add(name)) {
                throw new ConfigurationException("experiment name [" + name + "] is given twice in experiment set ["
                        + setName + "]. Give each experiment its own name.");
            }
            checkOwnFolder(folders, name, setName);
            drafts.add(new ExperimentDraft(name, configuration));
        }
        return drafts;
    }

    /**
     * Each experiment writes into a folder named after it ({@link ReportDirectories#segment}); two names that give
     * one folder, also on a file system that ignores case, would write into each other's files.
     */
    private static void checkOwnFolder(Map<String, String> folders, String name, String setName) {
        String folder = ReportDirectories.segment(name);
        String other = folders.putIfAbsent(folder.toLowerCase(Locale.ROOT), name);
        if (other != null) {
            throw new ConfigurationException("experiments [" + other + "] and [" + name + "] of experiment set [" + setName
                    + "] would write their files into one folder [" + folder + "]. Give them names that differ in"
                    + " letters, digits, '.', '_' or '-', not only in case or in other characters.");
        }
    }

    private static String name(Object name, int index, String setName) {
        if (name == null) {
            return setName + "__" + index;
        }
        if (name instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new ConfigurationException("[experiments[" + index + "].name] of experiment set [" + setName
                + "] must be a non-blank string, but was " + (name instanceof String ? "blank" : JsonValues.describe(name))
                + ". Name the experiment or leave the name out.");
    }
}
