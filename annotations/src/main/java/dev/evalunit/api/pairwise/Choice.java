package dev.evalunit.api.pairwise;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.Optional;
import org.apiguardian.api.API;

/** The autorater's verdict on one example, as written in the judgments file's {@code choice} field. */
@API(status = STABLE, since = "0.1")
public enum Choice {
    MODEL_A("Model A"),
    MODEL_B("Model B"),
    TIE("Tie"),
    ERROR("Error");

    private final String label;

    Choice(String label) {
        this.label = label;
    }

    /** The label in the judgments file: {@code "Model A"}, {@code "Model B"}, {@code "Tie"} or {@code "Error"}. */
    public String label() {
        return label;
    }

    public static Optional<Choice> fromLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
