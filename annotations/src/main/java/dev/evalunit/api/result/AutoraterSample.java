package dev.evalunit.api.result;

import java.util.Objects;

/**
 * One autorater call on one example.
 *
 * @param position the order the answers were shown in
 * @param choice the verdict mapped back to the original A/B; {@link Vote#ERROR} when the call failed
 *     or its reply could not be read
 * @param explanation the autorater's reason, or what went wrong
 */
public record AutoraterSample(Position position, Vote choice, String explanation) {
    public AutoraterSample {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(choice, "choice");
        explanation = explanation == null ? "" : explanation;
    }

    public boolean isValid() {
        return choice != Vote.ERROR;
    }
}
