package dev.evalunit.pairwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.config.ConfigurationException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AnnotationSpecs")
class AnnotationSpecsTest {

    private static PairwiseSpec read(Class<?> declaration) {
        return AnnotationSpecs.from(declaration.getAnnotation(PairwiseEval.class), "Suite.method", List.of());
    }

    @Test
    @DisplayName("reads every attribute, trimming names, and leaves unset numbers and the name to the planner")
    void reads() {
        PairwiseSpec spec = read(Full.class);

        assertThat(spec.name()).isEqualTo("Suite.method");
        assertThat(spec.dataset()).isEqualTo("datasets/qa-small.jsonl");
        assertThat(spec.idColumns()).containsExactly("id");
        assertThat(spec.task()).isEqualTo("question_answering");
        assertThat(spec.autoraterModel()).isEqualTo("judge");
        assertThat(spec.instruction()).isEqualTo(PromptSpec.column("question"));
        assertThat(spec.context()).isEqualTo(new PromptSpec("", ""));
        assertThat(spec.samples()).isNull();
        assertThat(spec.maxInputTokens()).isNull();
        assertThat(spec.sideA()).isEqualTo(SideSpec.model("candidate", Map.of(
                "prompt", PromptSpec.template("{{ question }}"), "context", PromptSpec.column("context"))));
        assertThat(spec.sideB()).isEqualTo(SideSpec.responseColumn("answer_b"));
        assertThat(spec.humanPreferenceColumn()).isEqualTo("human");
    }

    @Test
    @DisplayName("takes the given name and numbers")
    void named() {
        PairwiseSpec spec = read(Named.class);

        assertThat(spec.name()).isEqualTo("nightly");
        assertThat(spec.samples()).isEqualTo(2);
        assertThat(spec.maxInputTokens()).isEqualTo(1000);
    }

    @Test
    @DisplayName("rejects two prompt parameters of the same name on one side, rather than keeping only the last")
    void duplicateParameter() {
        assertThatThrownBy(() -> read(Duplicate.class))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: model A declares prompt parameter [prompt] twice."
                        + " Give each parameter its own name.");
    }

    @Test
    @DisplayName("compares parameter names trimmed, as the planner sees them")
    void duplicateAfterTrimming() {
        assertThatThrownBy(() -> read(DuplicateAfterTrimming.class))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: model B declares prompt parameter [context] twice."
                        + " Give each parameter its own name.");
    }

    // Annotation types carry @PairwiseEval instances without adding methods that JUnit would run.

    @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = " id ",
            autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
            modelA = @Candidate(model = " candidate ", params = {
                    @PromptParam(template = "{{ question }}"), @PromptParam(name = " context ", column = "context")}),
            modelB = @Candidate(responseColumn = "answer_b"),
            humanPreferenceColumn = " human ")
    @Retention(RetentionPolicy.RUNTIME)
    @interface Full {
    }

    @PairwiseEval(name = " nightly ", dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
            autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question"), samples = 2,
                    maxInputTokens = 1000),
            modelA = @Candidate(responseColumn = "answer_b"),
            modelB = @Candidate(responseColumn = "answer_b"))
    @Retention(RetentionPolicy.RUNTIME)
    @interface Named {
    }

    @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
            autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
            modelA = @Candidate(model = "candidate", params = {
                    @PromptParam(template = "{{ question }}"), @PromptParam(column = "context")}),
            modelB = @Candidate(responseColumn = "answer_b"))
    @Retention(RetentionPolicy.RUNTIME)
    @interface Duplicate {
    }

    @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
            autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
            modelA = @Candidate(responseColumn = "answer_b"),
            modelB = @Candidate(method = "answer", params = {@PromptParam(column = "question"),
                    @PromptParam(name = "context", column = "context"), @PromptParam(name = "context ", column = "id")}))
    @Retention(RetentionPolicy.RUNTIME)
    @interface DuplicateAfterTrimming {
    }
}
