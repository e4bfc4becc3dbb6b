package dev.evalunit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.Optional;
import org.apiguardian.api.API;

/** The kind of task a pairwise evaluation judges; it decides the autorater's criteria (AutoSxS {@code task}). */
@API(status = STABLE, since = "0.1")
public enum Task {
    QUESTION_ANSWERING("question_answering"),
    SUMMARIZATION("summarization");

    private final String id;

    Task(String id) {
        this.id = id;
    }

    /** The identifier used in JSON specs and reports, e.g. {@code question_answering}. */
    public String id() {
        return id;
    }

    /** The task with this identifier (case-insensitive), if there is one. */
    public static Optional<Task> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equalsIgnoreCase(id)).findFirst();
    }
}
