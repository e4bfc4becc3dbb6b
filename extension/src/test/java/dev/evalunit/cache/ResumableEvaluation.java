package dev.evalunit.cache;

import dev.evalunit.testing.Runs;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.dataset.DatasetLoader;
import dev.evalunit.http.Backoff;
import dev.evalunit.model.ModelClients;
import dev.evalunit.pairwise.MethodBinder;
import dev.evalunit.pairwise.PairwisePlan;
import dev.evalunit.pairwise.PairwisePlanner;
import dev.evalunit.pairwise.PairwiseReports;
import dev.evalunit.pairwise.PairwiseRunner;
import dev.evalunit.pairwise.PairwiseSpec;
import dev.evalunit.pairwise.PromptSpec;
import dev.evalunit.pairwise.SideSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The pairwise evaluation that {@link ResumeTest} runs in a JVM of its own, so that it can kill it:
 * {@value #ROWS} questions, model A generating, {@value #SAMPLES} autorater samples each, two calls
 * in flight, through a live cache.
 *
 * <p>Arguments: the stand-in's base URL, the cache directory, the report directory.
 */
public final class ResumableEvaluation {

    static final String NAME = "resumable";
    static final int ROWS = 30;
    static final int SAMPLES = 2;
    /** One generation and the samples per row, every one a different request. */
    static final int CALLS = ROWS * (1 + SAMPLES);

    private ResumableEvaluation() {
    }

    public static void main(String[] args) {
        String baseUrl = args[0];
        EvalConfig config = EvalConfig.of(Map.of(
                "evalunit.models.candidate.base-url", baseUrl,
                "evalunit.models.candidate.max-retries", "0",
                "evalunit.models.judge.base-url", baseUrl,
                "evalunit.models.judge.max-retries", "0",
                "evalunit.concurrency", "2",
                "evalunit.report.dir", args[2]));
        PairwiseSpec spec = new PairwiseSpec(NAME, "dev/evalunit/cache/thirty-questions.jsonl", List.of("id"),
                "question_answering", "judge", PromptSpec.column("question"), PromptSpec.column(""), SAMPLES, null,
                SideSpec.model("candidate", Map.of("prompt", PromptSpec.template("{{ question }}"))),
                SideSpec.responseColumn("answer_b"), "", List.of());
        DatasetLoader datasets = new DatasetLoader(ResumableEvaluation.class.getClassLoader(), Path.of("").toAbsolutePath());
        try (ModelClients clients = new ModelClients(Backoff.withoutWaiting(), ModelCache.of(CacheMode.LIVE, Path.of(args[1])))) {
            PairwisePlan plan = new PairwisePlanner(config, datasets, clients, SecretReference.fromProcess(), MethodBinder.NONE)
                    .plan(spec);
            PairwiseResult result = Runs.pairwise(plan);
            PairwiseReports.write(result);
            System.out.println("judged " + result.judgments().size() + " examples");
        }
        // OkHttp's idle threads must not keep this JVM waiting.
        System.exit(0);
    }
}
