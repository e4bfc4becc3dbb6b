package dev.evalunit.pairwise;

import dev.evalunit.api.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Mutable stand-in for the annotation: each test changes only what it is about. */
final class SpecBuilder {
    private String name = "qa";
    private String dataset = "datasets/qa-small.jsonl";
    private List<String> ids = List.of("id");
    private String task = "question_answering";
    private String judge = "judge";
    private PromptSpec instruction = PromptSpec.column("question");
    private PromptSpec context = PromptSpec.column("context");
    private Integer samples;
    private Integer maxInputTokens;
    private SideSpec sideA = SideSpec.model("candidate", prompt("{{ question }}"));
    private SideSpec sideB = SideSpec.responseColumn("answer_b");
    private String human = "";
    private final List<Model> inline = new ArrayList<>();

    /**
     * A valid spec over {@code datasets/qa-small.jsonl}: model A generates with [candidate] from
     * {@code {{ question }}}, model B reads [answer_b], [judge] judges.
     */
    static SpecBuilder valid() {
        return new SpecBuilder();
    }

    private SpecBuilder() {
    }

    /** Prompt parameters holding only [prompt], a template. */
    static Map<String, PromptSpec> prompt(String template) {
        return Map.of("prompt", PromptSpec.template(template));
    }

    SpecBuilder name(String value) {
        name = value;
        return this;
    }

    SpecBuilder dataset(String value) {
        dataset = value;
        return this;
    }

    SpecBuilder ids(String... value) {
        ids = List.of(value);
        return this;
    }

    SpecBuilder task(String value) {
        task = value;
        return this;
    }

    SpecBuilder judge(String value) {
        judge = value;
        return this;
    }

    SpecBuilder instruction(PromptSpec value) {
        instruction = value;
        return this;
    }

    SpecBuilder context(PromptSpec value) {
        context = value;
        return this;
    }

    SpecBuilder samples(int value) {
        samples = value;
        return this;
    }

    SpecBuilder maxInputTokens(int value) {
        maxInputTokens = value;
        return this;
    }

    SpecBuilder sideA(SideSpec value) {
        sideA = value;
        return this;
    }

    SpecBuilder sideB(SideSpec value) {
        sideB = value;
        return this;
    }

    SpecBuilder human(String value) {
        human = value;
        return this;
    }

    SpecBuilder inline(Model model) {
        inline.add(model);
        return this;
    }

    PairwiseSpec build() {
        return new PairwiseSpec(name, dataset, ids, task, judge, instruction, context, samples, maxInputTokens,
                sideA, sideB, human, inline);
    }
}
