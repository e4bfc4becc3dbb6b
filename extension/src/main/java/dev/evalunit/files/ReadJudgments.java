package dev.evalunit.files;

import dev.evalunit.api.result.Judgment;
import java.util.List;

/**
 * What {@link JudgmentsFile#read} found: the judgments in file order, and the id columns in the
 * order of the first line's keys.
 */
public record ReadJudgments(List<Judgment> judgments, List<String> idColumns) {

    public ReadJudgments {
        judgments = List.copyOf(judgments);
        idColumns = List.copyOf(idColumns);
    }
}
