package dev.evalunit.experiment.spec;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Answers given in the set itself ({@code {"aliased_name": ..., "output": [...]}}), one per dataset row.
 *
 * @param outputs by row; a {@code null} (JSON {@code null}) leaves that row without an answer
 */
@API(status = INTERNAL, since = "0.1")
public record PreGeneratedOutputs(String aliasedName, List<String> outputs) implements ExperimentModel {

    public PreGeneratedOutputs {
        Objects.requireNonNull(aliasedName, "aliasedName");
        // Not List.copyOf: a null output is a row's failure, not a reason to refuse the set.
        outputs = Collections.unmodifiableList(new ArrayList<>(outputs));
    }
}
