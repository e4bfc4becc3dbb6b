package dev.evalunit.autorater;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.Vote;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A judge's reply as read, before it is mapped back to the original order.
 *
 * @param shown the verdict in the positions shown to the judge: {@code A}, {@code B} or {@code TIE}
 * @param explanation the judge's reason, possibly empty
 */
@API(status = INTERNAL, since = "0.1")
public record ParsedVerdict(Vote shown, String explanation) {
    public ParsedVerdict {
        Objects.requireNonNull(shown, "shown");
        if (shown == Vote.ERROR) {
            throw new IllegalArgumentException("a parsed verdict is a vote, not ERROR");
        }
        explanation = explanation == null ? "" : explanation;
    }
}
