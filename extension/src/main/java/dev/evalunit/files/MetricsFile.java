package dev.evalunit.files;

import static dev.evalunit.api.pairwise.MetricNames.*;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.JudgeBias;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.SignTest;
import dev.evalunit.budget.ErrorKinds;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonWriting;
import dev.evalunit.shard.Shard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The metrics file ({@value #NAME}): {@link PairwiseMetrics#asMap()} as a pretty-printed JSON object,
 * the contract's key names in their order. The command line prints the same text. Read back, the
 * human-agreement figures are present exactly when the file has {@code alignment_example_count}. A
 * file written before the intervals, the sign test and the judge bias existed reads with those
 * figures {@code null} (counts 0): they are optional on reading, always written.
 */
@API(status = INTERNAL, since = "0.1")
public final class MetricsFile {

    public static final String NAME = "metrics.json";
    /** An addition to the contract's figures: the {@code Error} rows counted by kind. */
    public static final String ERRORS_BY_KIND = "errors_by_kind";
    /** The field a partial run's file starts with: which shard's figures these are. */
    public static final String SHARD = "shard";

    private MetricsFile() {
    }

    /**
     * Writes {@code metrics} into {@code directory} (which exists); returns the file.
     *
     * @param errorsByKind the {@code Error} rows counted by kind ({@link #errorsByKind})
     */
    public static Path write(PairwiseMetrics metrics, Map<String, Long> errorsByKind, Path directory) throws IOException {
        return write(metrics, errorsByKind, Map.of(), directory, null);
    }

    /**
     * Writes {@code metrics}, its errors by kind and, last, the {@code extra} fields (e.g. the evaluation's
     * {@code tokens} and {@code cost_usd}, which the judgments alone cannot give) into {@code directory}.
     * A partial run's file starts with {@value #SHARD} ({@code K/N}): its figures are the shard's own.
     *
     * @param shard the part of the run these figures cover, or {@code null} for a whole run
     */
    public static Path write(PairwiseMetrics metrics, Map<String, Long> errorsByKind, Map<String, Object> extra,
            Path directory, Shard shard) throws IOException {
        Path file = directory.resolve(NAME);
        Files.writeString(file, JsonWriting.prettyText(fields(metrics, errorsByKind, extra, shard)) + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The metrics JSON object, pretty-printed, without a final line end: the contract's figures, then
     * {@value #ERRORS_BY_KIND}, an object from each kind of error ({@link ErrorKinds}) to its count of
     * {@code Error} rows, the commonest first ({@code {}} without errors).
     */
    public static String text(PairwiseMetrics metrics, Map<String, Long> errorsByKind) {
        return JsonWriting.prettyText(fields(metrics, errorsByKind, Map.of(), null));
    }

    private static Map<String, Object> fields(PairwiseMetrics metrics, Map<String, Long> errorsByKind,
                                              Map<String, Object> extra, Shard shard) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (shard != null) {
            fields.put(SHARD, shard.label());
        }
        fields.putAll(metrics.asMap());
        fields.put(ERRORS_BY_KIND, errorsByKind);
        fields.putAll(extra);
        return fields;
    }

    /**
     * Reads a metrics file back.
     *
     * @throws ConfigurationException when the file is missing or a figure is missing or not a number
     */
    public static PairwiseMetrics read(Path file) {
        Fields json = JsonFiles.readObject(file, "metrics file");
        HumanAlignment human = json.has(ALIGNMENT_EXAMPLE_COUNT) ? new HumanAlignment(
                json.integer(ALIGNMENT_EXAMPLE_COUNT),
                json.number(HUMAN_MODEL_A_WIN_RATE), json.number(HUMAN_MODEL_B_WIN_RATE),
                json.integer(TRUE_POSITIVE_COUNT), json.integer(FALSE_POSITIVE_COUNT),
                json.integer(TRUE_NEGATIVE_COUNT), json.integer(FALSE_NEGATIVE_COUNT),
                json.number(ACCURACY), json.number(PRECISION), json.number(RECALL), json.number(F1),
                json.number(COHENS_KAPPA),
                json.number(THREE_CLASS_ACCURACY), json.number(MACRO_PRECISION), json.number(MACRO_RECALL),
                json.number(MACRO_F1), json.number(THREE_CLASS_COHENS_KAPPA),
                optional(json, COHENS_KAPPA_CI_LOW), optional(json, COHENS_KAPPA_CI_HIGH),
                optional(json, THREE_CLASS_COHENS_KAPPA_CI_LOW), optional(json, THREE_CLASS_COHENS_KAPPA_CI_HIGH)) : null;
        SignTest signTest = json.has(DECISIVE_COUNT) ? new SignTest(json.integer(DECISIVE_COUNT),
                json.integer(DECISIVE_MODEL_A_WIN_COUNT), json.number(SIGN_TEST_P_VALUE),
                json.number(MINIMUM_DETECTABLE_DIFFERENCE)) : SignTest.NONE;
        JudgeBias judgeBias = json.has(POSITION_BIAS_SAMPLE_COUNT) ? new JudgeBias(
                json.integer(POSITION_BIAS_SAMPLE_COUNT), json.number(POSITION_BIAS_FIRST_POSITION_WIN_RATE),
                json.number(POSITION_BIAS_P_VALUE), json.integer(LENGTH_BIAS_EXAMPLE_COUNT),
                json.number(LENGTH_BIAS_LONGER_WIN_RATE), json.number(LENGTH_BIAS_P_VALUE),
                json.number(LENGTH_ADJUSTED_MODEL_A_WIN_RATE)) : JudgeBias.NONE;
        return new PairwiseMetrics(json.integer(EXAMPLE_COUNT), json.integer(ERROR_COUNT),
                json.number(MODEL_A_WIN_RATE), json.number(MODEL_B_WIN_RATE), json.number(TIE_RATE),
                json.number(MODEL_A_WIN_RATE_CI_LOW), json.number(MODEL_A_WIN_RATE_CI_HIGH),
                json.number(POSITION_CONSISTENCY), human,
                optional(json, MODEL_B_WIN_RATE_CI_LOW), optional(json, MODEL_B_WIN_RATE_CI_HIGH),
                optional(json, TIE_RATE_CI_LOW), optional(json, TIE_RATE_CI_HIGH), signTest, judgeBias);
    }

    /** The kinds of the {@code Error} rows among {@code judgments}, with their counts, the commonest first. */
    public static Map<String, Long> errorsByKind(List<Judgment> judgments) {
        return ErrorKinds.ofErrors(judgments);
    }

    /** A figure added after the first release: {@code null} when an older file lacks it. */
    private static Double optional(Fields json, String name) {
        return json.has(name) ? json.number(name) : null;
    }
}
