package dev.evalunit.experiment.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Answers given in the set itself ({@code {"aliased_name": ..., "output": [...]}}), one per dataset row.
 *
 * @param outputs by row; a {@code null} (JSON {@code null}) leaves that row without an answer
 */
public record PreGeneratedOutputs(String aliasedName, List<String> outputs) implements ExperimentModel {

    public PreGeneratedOutputs {
        Objects.requireNonNull(aliasedName, "aliasedName");
        // Not List.copyOf: a null output is a row's failure, not a reason to refuse the set.
        outputs = Collections.unmodifiableList(new ArrayList<>(outputs));
    }
}
