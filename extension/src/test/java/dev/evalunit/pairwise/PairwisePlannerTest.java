package dev.evalunit.pairwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.Model;
import dev.evalunit.api.Task;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.dataset.DatasetLoader;
import dev.evalunit.http.Backoff;
import dev.evalunit.model.ModelClients;
import dev.evalunit.prompt.PromptParameter;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PairwisePlanner")
class PairwisePlannerTest {

    private static final String QA = "datasets/qa-small.jsonl";
    private static final String QA_COLUMNS = "Columns: id, question, context, answer_b, human.";
    // Planning never calls a model, so nothing needs to listen here.
    private static final String NOBODY = "http://127.0.0.1:9/v1";

    private final Map<String, String> config = new HashMap<>(Map.of(
            "evalunit.models.candidate.base-url", NOBODY,
            "evalunit.models.judge.base-url", NOBODY));
    private final Map<String, String> env = new HashMap<>();
    private final ModelClients clients = new ModelClients(Backoff.withoutWaiting());
    private MethodBinder methods = MethodBinder.NONE;

    @TempDir
    Path reports;

    @AfterEach
    void closeClients() {
        clients.close();
    }

    private PairwisePlan plan(SpecBuilder spec) {
        PairwisePlanner planner = new PairwisePlanner(EvalConfig.of(config),
                new DatasetLoader(getClass().getClassLoader(), Path.of("")), clients,
                new SecretReference(env::get, name -> null), methods);
        return planner.plan(spec.build());
    }

    private void assertRejected(SpecBuilder spec, String message) {
        assertThatThrownBy(() -> plan(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: " + message);
    }

    private static SpecBuilder spec() {
        return SpecBuilder.valid();
    }

    /** Both sides pre-generated, over a dataset with [answer_a], [answer_b] and [human] but no context. */
    private static SpecBuilder humanSpec(String dataset) {
        return spec().dataset(dataset).context(new PromptSpec("", "")).sideA(SideSpec.responseColumn("answer_a"))
                .human("human");
    }

    private static Map<String, PromptSpec> prompt(String template) {
        return SpecBuilder.prompt(template);
    }

    @Nested
    @DisplayName("when everything is declared right")
    class WhenValid {

        @Test
        @DisplayName("holds the dataset, ids, task, prompts, both sources, the judge and the defaults")
        void plan() {
            PairwisePlan plan = PairwisePlannerTest.this.plan(spec().name("qa"));

            assertThat(plan.name()).isEqualTo("qa");
            assertThat(plan.dataset().source()).isEqualTo(QA);
            assertThat(plan.dataset().size()).isEqualTo(4);
            assertThat(plan.idColumns()).containsExactly("id");
            assertThat(plan.task()).isEqualTo(Task.QUESTION_ANSWERING);
            assertThat(plan.instruction()).isEqualTo(new PromptParameter.ColumnParameter("question"));
            assertThat(plan.context()).isEqualTo(new PromptParameter.ColumnParameter("context"));
            assertThat(plan.sideA()).isInstanceOfSatisfying(AnswerSource.Generated.class, a -> {
                assertThat(a.label()).isEqualTo("model A [candidate]");
                assertThat(a.params()).containsOnlyKeys("prompt");
                assertThat(a.params().get("prompt")).isEqualTo(new PromptParameter.TemplateParameter("{{ question }}"));
            });
            assertThat(plan.sideB()).isEqualTo(new AnswerSource.PreGenerated("answer_b"));
            assertThat(plan.humanPreferenceColumn()).isNull();
            assertThat(plan.judge().name()).isEqualTo("judge");
            assertThat(plan.samples()).isEqualTo(4);
            assertThat(plan.maxInputTokens()).isEqualTo(4096);
            assertThat(plan.reaskAttempts()).isEqualTo(1);
            assertThat(plan.concurrency()).isEqualTo(8);
        }

        @Test
        @DisplayName("has no context when none is given, and keeps the human preference column when one is")
        void optionalParts() {
            PairwisePlan plan = PairwisePlannerTest.this.plan(spec().context(new PromptSpec("", "")).human("human"));

            assertThat(plan.context()).isNull();
            assertThat(plan.humanPreferenceColumn()).isEqualTo("human");
        }

        @Test
        @DisplayName("takes samples, token limit and concurrency from the configuration over the defaults")
        void configuration() {
            config.put("evalunit.autorater.samples", "6");
            config.put("evalunit.autorater.max-input-tokens", "2000");
            config.put("evalunit.concurrency", "3");
            config.put("evalunit.autorater.reask-attempts", "0");

            PairwisePlan plan = PairwisePlannerTest.this.plan(spec());

            assertThat(plan.reaskAttempts()).isZero();
            assertThat(plan.samples()).isEqualTo(6);
            assertThat(plan.maxInputTokens()).isEqualTo(2000);
            assertThat(plan.concurrency()).isEqualTo(3);
        }

        @Test
        @DisplayName("takes samples and token limit given in the spec (the annotation) over the configuration")
        void specWins() {
            config.put("evalunit.autorater.samples", "6");
            config.put("evalunit.autorater.max-input-tokens", "2000");

            PairwisePlan plan = PairwisePlannerTest.this.plan(spec().samples(2).maxInputTokens(512));

            assertThat(plan.samples()).isEqualTo(2);
            assertThat(plan.maxInputTokens()).isEqualTo(512);
        }

        @Test
        @DisplayName("puts the reports in <evalunit.report.dir>/<name>, as an absolute path")
        void reportDirectory() {
            config.put("evalunit.report.dir", reports.toString());

            assertThat(PairwisePlannerTest.this.plan(spec().name("Suite.method")).reportDirectory())
                    .isEqualTo(reports.resolve("Suite.method").toAbsolutePath());
        }

        @Test
        @DisplayName("puts the reports under target/evalunit by default")
        void defaultReportDirectory() {
            assertThat(PairwisePlannerTest.this.plan(spec().name("qa")).reportDirectory())
                    .isAbsolute()
                    .isEqualTo(Path.of("target", "evalunit", "qa").toAbsolutePath());
        }

        @ParameterizedTest(name = "[{0}] -> [{1}]")
        @DisplayName("turns the name into one file-safe path segment")
        @CsvSource(delimiter = '|', value = {
                "a b/c        | a_b_c",
                "'../../etc'  | .._.._etc",
                "x:y*?<>z     | x_y_z",
                "été          | _t_",
                "'..'         | evaluation",
                "'.'          | evaluation",
                "''           | evaluation"})
        void fileSafeName(String name, String segment) {
            config.put("evalunit.report.dir", reports.toString());

            PairwisePlan plan = PairwisePlannerTest.this.plan(spec().name(name));

            assertThat(plan.name()).isEqualTo(name);
            assertThat(plan.reportDirectory()).isEqualTo(reports.resolve(segment).toAbsolutePath());
        }

        @Test
        @DisplayName("binds a side's method through the MethodBinder, naming it in the side's label")
        void method() {
            List<String> bound = new ArrayList<>();
            methods = (method, side) -> {
                bound.add(side + ": " + method);
                return params -> "answer";
            };

            PairwisePlan plan = PairwisePlannerTest.this.plan(spec().sideB(SideSpec.method("answer", prompt("{{ context }}"))));

            assertThat(bound).containsExactly("model B: answer");
            assertThat(plan.sideB()).isInstanceOfSatisfying(AnswerSource.Generated.class,
                    b -> assertThat(b.label()).isEqualTo("model B [answer]"));
        }

        @Test
        @DisplayName("uses a model declared inline with @Model when the configuration does not declare it")
        void inlineModel() {
            config.remove("evalunit.models.judge.base-url");

            PairwisePlan plan = PairwisePlannerTest.this.plan(spec().inline(InlineJudge.class.getAnnotation(Model.class)));

            assertThat(plan.judge().name()).isEqualTo("judge");
        }

        @Test
        @DisplayName("accepts empty human preference cells (nobody labelled them) and any case or spacing of the labels")
        void partlyLabelled() {
            PairwisePlan plan = PairwisePlannerTest.this.plan(humanSpec("datasets/human-partly-labelled.jsonl"));

            assertThat(plan.dataset().size()).isEqualTo(4);
        }
    }

    @Nested
    @DisplayName("rejects, with a message naming the culprit,")
    class Rejects {

        @Test
        @DisplayName("an unknown task")
        void unknownTask() {
            assertRejected(spec().task("translation"),
                    "task [translation] is unknown. Use question_answering or summarization.");
        }

        @ParameterizedTest(name = "samples = {0}")
        @ValueSource(ints = {0, -3})
        @DisplayName("autorater samples below 1 in the spec")
        void samples(int samples) {
            assertRejected(spec().samples(samples),
                    "the autorater's [samples] must be positive, but was " + samples + ". Use 1 or more.");
        }

        @Test
        @DisplayName("autorater samples below 1 in the configuration")
        void configuredSamples() {
            config.put("evalunit.autorater.samples", "0");

            assertRejected(spec(), "[evalunit.autorater.samples] must be positive, but was 0.");
        }

        @Test
        @DisplayName("an autorater token limit below 1 in the spec")
        void maxInputTokens() {
            assertRejected(spec().maxInputTokens(0),
                    "the autorater's [maxInputTokens] must be positive, but was 0. Use 1 or more.");
        }

        @Test
        @DisplayName("an autorater token limit below 1 in the configuration")
        void configuredMaxInputTokens() {
            config.put("evalunit.autorater.max-input-tokens", "-1");

            assertRejected(spec(), "[evalunit.autorater.max-input-tokens] must be positive, but was -1.");
        }

        @Test
        @DisplayName("a concurrency below 1")
        void concurrency() {
            config.put("evalunit.concurrency", "0");

            assertRejected(spec(), "[evalunit.concurrency] must be positive, but was 0.");
        }

        @Test
        @DisplayName("a side with no source of answers")
        void noSource() {
            assertRejected(spec().sideA(new SideSpec("", "", "", Map.of())),
                    "model A has no source of answers. Give a model, a method or a response column.");
        }

        @Test
        @DisplayName("a side with a model and a response column")
        void modelAndColumn() {
            assertRejected(spec().sideB(new SideSpec("candidate", "", "answer_b", Map.of())),
                    "model B gives both a model [candidate] and a response column [answer_b]."
                            + " Give only one: a response column holds pre-generated answers, a model or method generates them.");
        }

        @Test
        @DisplayName("a side with a method and a response column")
        void methodAndColumn() {
            assertRejected(spec().sideB(new SideSpec("", "answer", "answer_b", Map.of())),
                    "model B gives both a method [answer] and a response column [answer_b]."
                            + " Give only one: a response column holds pre-generated answers, a model or method generates them.");
        }

        @Test
        @DisplayName("a side with a model and a method")
        void modelAndMethod() {
            assertRejected(spec().sideA(new SideSpec("candidate", "answer", "", prompt("{{ question }}"))),
                    "model A gives both a model [candidate] and a method [answer]."
                            + " Give only one: a response column holds pre-generated answers, a model or method generates them.");
        }

        @Test
        @DisplayName("a side with all three sources")
        void allThree() {
            assertRejected(spec().sideA(new SideSpec("candidate", "answer", "answer_b", Map.of())),
                    "model A gives a model [candidate], a method [answer] and a response column [answer_b]."
                            + " Give only one: a response column holds pre-generated answers, a model or method generates them.");
        }

        @Test
        @DisplayName("a wrong source before a model it names, even one that is not declared")
        void sourceBeforeModel() {
            assertRejected(spec().sideA(new SideSpec("nowhere", "", "answer_b", Map.of())),
                    "model A gives both a model [nowhere] and a response column [answer_b]."
                            + " Give only one: a response column holds pre-generated answers, a model or method generates them.");
        }

        @Test
        @DisplayName("a generating side without a [prompt] parameter")
        void noPrompt() {
            assertRejected(spec().sideA(SideSpec.model("candidate", Map.of("question", PromptSpec.column("question")))),
                    "model A [candidate] has no prompt parameter [prompt]."
                            + " Add one, e.g. @PromptParam(name = \"prompt\", template = \"{{ question }}\").");
        }

        @Test
        @DisplayName("a generating side with a prompt parameter without a name")
        void blankParameterName() {
            Map<String, PromptSpec> params = new LinkedHashMap<>(prompt("{{ question }}"));
            params.put("", PromptSpec.column("context"));

            assertRejected(spec().sideA(SideSpec.model("candidate", params)),
                    "model A [candidate] has a prompt parameter without a name."
                            + " Name each parameter; the one named [prompt] is sent to the model.");
        }

        @Test
        @DisplayName("a prompt parameter naming a column the dataset lacks")
        void promptColumn() {
            assertRejected(spec().sideA(SideSpec.model("candidate", prompt("{{ questoin }}"))),
                    "placeholder [{{ questoin }}] in model A's prompt parameter [prompt] names no column of dataset ["
                            + QA + "]. " + QA_COLUMNS + " Fix the placeholder or add the column.");
        }

        @Test
        @DisplayName("prompt parameters on a side that reads a response column")
        void paramsWithColumn() {
            assertRejected(spec().sideB(new SideSpec("", "", "answer_b", prompt("{{ question }}"))),
                    "model B reads pre-generated answers from [answer_b] but also gives prompt parameters [prompt]."
                            + " Remove them: nothing is generated.");
        }

        @Test
        @DisplayName("a response column the dataset lacks")
        void missingResponseColumn() {
            assertRejected(spec().sideB(SideSpec.responseColumn("answer_c")),
                    "response column [answer_c] of model B is not in dataset [" + QA + "]. " + QA_COLUMNS);
        }

        @Test
        @DisplayName("a human preference column the dataset lacks")
        void missingHumanColumn() {
            assertRejected(spec().human("preferred"),
                    "human preference column [preferred] is not in dataset [" + QA + "]. " + QA_COLUMNS);
        }

        @Test
        @DisplayName("a human preference that is not one of the accepted labels, with its line")
        void invalidHumanPreference() {
            assertRejected(humanSpec("datasets/human-invalid.jsonl"),
                    "human preference column [human] has [maybe] at line 3 of dataset [datasets/human-invalid.jsonl]."
                            + " Use one of A, B, Model A, Model B, TIE, or leave the cell empty.");
        }

        @Test
        @DisplayName("an autorater without a model")
        void noJudge() {
            assertRejected(spec().judge(" "),
                    "the autorater names no model. Set @Autorater(model = \"judge\") and declare it.");
        }

        @Test
        @DisplayName("a model that is declared neither in the configuration nor inline")
        void undeclaredModel() {
            assertRejected(spec().sideA(SideSpec.model("gpt-x", prompt("{{ question }}"))),
                    "model [gpt-x] is not declared. Declared models: candidate, judge. Set evalunit.models.gpt-x.base-url"
                            + " in junit-platform.properties"
                            + " or declare @Model(name = \"gpt-x\", baseUrl = ...).");
        }

        @Test
        @DisplayName("an API key reference to an unset environment variable, without any key in the message")
        void unsetKey() {
            config.put("evalunit.models.judge.api-key", "${env:JUDGE_KEY}");

            assertRejected(spec(), "the API key of model [judge] refers to [${env:JUDGE_KEY}], which is not set."
                    + " Set the environment variable JUDGE_KEY.");
        }

        @Test
        @DisplayName("a method when no methods can be bound")
        void noMethods() {
            assertRejected(spec().sideA(SideSpec.method("answer", prompt("{{ question }}"))),
                    "model A names method [answer], but in-process methods are only available in a test class."
                            + " Use a model or a response column.");
        }

        @Test
        @DisplayName("an id column the dataset lacks")
        void idColumn() {
            assertRejected(spec().ids("key"), "id column [key] is not in dataset [" + QA + "]. " + QA_COLUMNS);
        }

        @Test
        @DisplayName("an autorater instruction with neither column nor template")
        void noInstruction() {
            assertRejected(spec().instruction(new PromptSpec("", " ")),
                    "the autorater's instruction gives neither a column nor a template. Give one of them.");
        }
    }

    // An annotation type carries the @Model instance without adding a method that JUnit could run.
    @Model(name = "judge", baseUrl = NOBODY)
    @Retention(RetentionPolicy.RUNTIME)
    @interface InlineJudge {
    }
}
