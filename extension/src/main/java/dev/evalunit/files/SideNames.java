package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The names of the two sides of one judgments line: its optional {@code model_a} and {@code model_b}
 * fields (see docs/file-formats.md); either is {@code null} when the line does not have it.
 */
@API(status = INTERNAL, since = "0.1")
public record SideNames(String modelA, String modelB) {

    /** A line that names neither side. */
    public static final SideNames NONE = new SideNames(null, null);

    /** Whether both sides are named. */
    public boolean complete() {
        return modelA != null && modelB != null;
    }
}
