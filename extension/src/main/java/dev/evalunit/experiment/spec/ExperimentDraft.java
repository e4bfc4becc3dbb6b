package dev.evalunit.experiment.spec;

import java.util.Map;

/** An experiment as expanded from the set, before checks, ids, repeats and labels. */
record ExperimentDraft(String name, Map<String, Object> configuration) {
}
