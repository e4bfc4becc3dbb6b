package dev.evalunit.api.pairwise;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Reads a human preference cell ({@code A}, {@code B}, {@code Model A}, {@code Model B}, {@code TIE}).
 * It lives here so that the engine (validation, statistics) and the reporters, which cannot see
 * the engine, read human preferences the same way.
 */
@API(status = STABLE, since = "0.1")
public final class HumanPreference {

    /** The accepted spellings, for error messages. */
    public static final String ACCEPTED = "A, B, Model A, Model B, TIE";

    private HumanPreference() {
    }

    /**
     * The vote a human preference cell stands for, ignoring case and surrounding spaces; empty for
     * a blank, {@code null} or unknown cell.
     */
    public static Optional<Vote> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "a", "model a" -> Optional.of(Vote.A);
            case "b", "model b" -> Optional.of(Vote.B);
            case "tie" -> Optional.of(Vote.TIE);
            default -> Optional.empty();
        };
    }
}
