package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.Judgment;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@link JudgmentsFile#read} found: the judgments in file order, and the id columns in the
 * order of the first line's keys.
 */
@API(status = INTERNAL, since = "0.1")
public record ReadJudgments(List<Judgment> judgments, List<String> idColumns) {

    public ReadJudgments {
        judgments = List.copyOf(judgments);
        idColumns = List.copyOf(idColumns);
    }
}
