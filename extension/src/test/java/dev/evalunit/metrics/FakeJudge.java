package dev.evalunit.metrics;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;

import java.util.ArrayList;
import java.util.List;

/** A judge model for tests: replies from a script, in turn, and records what it was sent. */
final class FakeJudge implements ModelClient {

    private final List<Object> script;
    private final List<ModelRequest> requests = new ArrayList<>();

    private FakeJudge(List<Object> script) {
        this.script = script;
    }

    /** Replies in turn, one per call; an entry that is a {@link ModelCallException} is thrown instead. */
    static FakeJudge replying(Object... replies) {
        return new FakeJudge(List.of(replies));
    }

    static String json(String reason, Object score) {
        return "{\"reason\": \"" + reason + "\", \"score\": " + score + "}";
    }

    @Override
    public String name() {
        return "judge";
    }

    @Override
    public synchronized ModelReply complete(ModelRequest request) throws ModelCallException {
        requests.add(request);
        Object reply = script.get(requests.size() - 1);
        if (reply instanceof ModelCallException failure) {
            throw failure;
        }
        return ModelReply.of((String) reply);
    }

    List<ModelRequest> requests() {
        return requests;
    }

    ModelRequest onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one judge call, got " + requests.size());
        }
        return requests.get(0);
    }

    /** The user prompt of the only call. */
    String userPrompt() {
        return onlyRequest().messages().get(1).content();
    }
}
