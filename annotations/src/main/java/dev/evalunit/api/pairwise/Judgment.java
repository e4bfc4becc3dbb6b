package dev.evalunit.api.pairwise;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The autorater's judgment of one example: one line of the judgments file.
 *
 * @param ids the id columns' values, in the order the columns were given
 * @param inferenceInstruction the instruction as rendered for the autorater
 * @param inferenceContext the context as rendered for the autorater
 * @param responseA the answer judged as A ({@code null} if it could not be produced)
 * @param responseB the answer judged as B ({@code null} if it could not be produced)
 * @param choice the verdict
 * @param confidence share of valid samples that agree with {@code choice}; {@code null} for {@link Choice#ERROR}
 * @param explanation the autorater's reason; for an error, what went wrong
 * @param samples one entry per autorater call
 * @param humanPreference the human preference cell as given, or {@code null} without such a column
 */
@API(status = STABLE, since = "0.1")
public record Judgment(Map<String, Object> ids, String inferenceInstruction, String inferenceContext,
                       String responseA, String responseB, Choice choice, Double confidence, String explanation,
                       List<AutoraterSample> samples, String humanPreference) {
    public Judgment {
        ids = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(ids, "ids")));
        Objects.requireNonNull(choice, "choice");
        samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
        explanation = explanation == null ? "" : explanation;
        if (choice == Choice.ERROR && confidence != null) {
            throw new IllegalArgumentException("an Error judgment has no confidence");
        }
        if (confidence != null && (confidence < 0 || confidence > 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
        }
    }

    /** An {@link Choice#ERROR} judgment with its reason. */
    public static Judgment error(Map<String, Object> ids, String instruction, String context, String responseA,
                                 String responseB, String reason, List<AutoraterSample> samples,
                                 String humanPreference) {
        return new Judgment(ids, instruction, context, responseA, responseB, Choice.ERROR, null, reason, samples,
                humanPreference);
    }

    public boolean isError() {
        return choice == Choice.ERROR;
    }

    /** The ids as one readable label, e.g. {@code id=q7}, for messages. */
    public String idLabel() {
        StringBuilder label = new StringBuilder();
        ids.forEach((k, v) -> label.append(label.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return label.toString();
    }
}
