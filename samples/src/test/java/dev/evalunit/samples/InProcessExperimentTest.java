package dev.evalunit.samples;

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.ExperimentSetResults;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetDefinition;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.samples.support.StandInModelServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An experiment set whose model is our own code: a lookup table of capitals, compared with the model
 * {@code m1} on the same quiz. The method is called with each row's prompt, as a model would receive
 * it (the prelude, a blank line, the query); what it returns is the answer, scored like any other.
 */
@ExtendWith(StandInModelServer.class)
class InProcessExperimentTest {

    private static final Map<String, String> CAPITALS = Map.ofEntries(
            Map.entry("Australia", "Canberra"), Map.entry("Canada", "Ottawa"), Map.entry("Turkey", "Ankara"),
            Map.entry("New Zealand", "Wellington"), Map.entry("Morocco", "Rabat"), Map.entry("Vietnam", "Hanoi"),
            Map.entry("Pakistan", "Islamabad"), Map.entry("Nigeria", "Abuja"), Map.entry("Tanzania", "Dodoma"),
            Map.entry("Côte d'Ivoire", "Yamoussoukro"), Map.entry("Myanmar", "Naypyidaw"),
            Map.entry("Benin", "Porto-Novo"), Map.entry("Burundi", "Gitega"), Map.entry("Palau", "Ngerulmud"));

    /** The system under test: answers "What is the capital of X?" from its table. */
    static String lookUp(String prompt) {
        String country = prompt.substring(prompt.lastIndexOf("capital of ") + "capital of ".length()).replace("?", "").strip();
        String capital = CAPITALS.get(country);
        if (capital == null) {
            // A failure on one row becomes that row's error; the other rows are still scored.
            throw new IllegalArgumentException("no capital known for " + country);
        }
        return capital + " is the capital of " + country + ".";
    }

    static ExperimentSetDefinition lookupOrModel() {
        return ExperimentSetDefinition.named("lookup_or_model")
                .common("dataset", "datasets/capitals.jsonl")
                .common("model.prelude_prompt", "Answer in one short sentence.")
                .common("metrics", List.of("output_length"))
                .grid("model", List.of(Map.of("name", "m1"), Map.of("method", "lookUp")))
                .build();
    }

    @ExperimentSet(builder = "lookupOrModel")
    void eachExperiment(ExperimentResult experiment) {
        assertThat(experiment).metric("output_length").failureRate().isEqualTo(0.0);
    }

    @Test
    void lookupAnswersEveryRow(@ExperimentSetResults("lookup_or_model") ExperimentSetResult set) {
        ExperimentResult lookup = set.experiments().stream()
                .filter(experiment -> experiment.modelName().equals("lookUp")).findFirst().orElseThrow();
        assertThat(lookup.rows()).allSatisfy(row -> assertThat(row.generation().output()).endsWith("."));
    }

    // The attribute form: methods are further values of the models axis.
    @ExperimentSet(name = "lookup_length", dataset = "datasets/capitals.jsonl", metrics = "output_length",
            methods = "lookUp")
    void lookupStaysShort(ExperimentResult experiment) {
        assertThat(experiment).metric("output_length").mean().isLessThanOrEqualTo(60.0);
    }
}
