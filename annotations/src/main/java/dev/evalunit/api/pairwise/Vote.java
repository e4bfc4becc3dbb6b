package dev.evalunit.api.pairwise;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.Optional;
import org.apiguardian.api.API;

/** One autorater sample's verdict, mapped back to the original A/B (the judgments file's {@code samples[].choice}). */
@API(status = STABLE, since = "0.1")
public enum Vote {
    A, B, TIE, ERROR;

    /** The judgment choice this vote stands for ({@code ERROR} for {@link #ERROR}). */
    public Choice asChoice() {
        return switch (this) {
            case A -> Choice.MODEL_A;
            case B -> Choice.MODEL_B;
            case TIE -> Choice.TIE;
            case ERROR -> Choice.ERROR;
        };
    }

    public static Optional<Vote> fromName(String name) {
        return Arrays.stream(values()).filter(v -> v.name().equals(name)).findFirst();
    }
}
