package dev.evalunit.experiment;

import dev.evalunit.api.spi.ModelClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Where an experiment's answers come from, once validated. */
public sealed interface Answers {

    /**
     * A model generates each answer from the row's query.
     *
     * @param preludePrompt text put before the query in the user message, or {@code null}
     */
    record Generated(String modelName, ModelClient client, String preludePrompt) implements Answers {
    }

    /**
     * Answers given in the set itself ({@code {"aliased_name": ..., "output": [...]}}), one per row.
     *
     * @param outputs by row; a {@code null} (JSON {@code null}) leaves that row without an answer
     */
    record PreGenerated(String aliasedName, List<String> outputs) implements Answers {
        public PreGenerated {
            // Not List.copyOf: a null output is a row's failure, not a reason to refuse the set.
            outputs = Collections.unmodifiableList(new ArrayList<>(outputs));
        }
    }
}
