package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@link JudgmentsFile#read} found: the judgments in file order (read from the file on demand, see
 * {@link JudgmentsOnDisk}), the id columns in the
 * order of the first line's keys, and each line's side names ({@code model_a}, {@code model_b}), one per
 * judgment in the same order.
 */
@API(status = INTERNAL, since = "0.1")
public record ReadJudgments(List<Judgment> judgments, List<String> idColumns, List<SideNames> sides) {

    public ReadJudgments {
        // A list read from the file (JudgmentsOnDisk) is kept as it is: it holds offsets, not judgments.
        judgments = judgments instanceof PairwiseResult.StoredJudgments ? judgments : List.copyOf(judgments);
        idColumns = List.copyOf(idColumns);
        sides = List.copyOf(sides);
        if (sides.size() != judgments.size()) {
            throw new IllegalArgumentException("one side names per judgment: " + sides.size() + " for "
                    + judgments.size());
        }
    }
}
