package dev.evalunit.api.pairwise;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One autorater call on one example.
 *
 * @param position the order the answers were shown in
 * @param choice the verdict mapped back to the original A/B; {@link Vote#ERROR} when the call failed
 *     or its reply could not be read
 * @param explanation the autorater's reason, or what went wrong
 */
@API(status = STABLE, since = "0.1")
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
