package dev.evalunit.autorater;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;

import java.util.ArrayList;
import java.util.List;

/** A judge model for tests: answers each request from a script and records what it was sent. */
final class ScriptedJudge implements ModelClient {

    /** What the judge does with one request. */
    @FunctionalInterface
    interface Script {
        String reply(ModelRequest request, int call) throws ModelCallException;
    }

    private final Script script;
    private final List<ModelRequest> requests = new ArrayList<>();

    ScriptedJudge(Script script) {
        this.script = script;
    }

    /** Replies in turn, one per call; an entry that is an exception is thrown instead. */
    static ScriptedJudge replying(Object... replies) {
        return new ScriptedJudge((request, call) -> {
            Object reply = replies[call];
            if (reply instanceof ModelCallException failure) {
                throw failure;
            }
            return (String) reply;
        });
    }

    /** A judge biased by position: it always prefers the answer shown as Response A. */
    static ScriptedJudge preferringFirstShown() {
        return new ScriptedJudge((request, call) -> verdict("A", "the first response is better"));
    }

    static String verdict(String choice, String explanation) {
        return "{\"explanation\": \"" + explanation + "\", \"choice\": \"" + choice + "\"}";
    }

    @Override
    public String name() {
        return "judge";
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        requests.add(request);
        return ModelReply.of(script.reply(request, requests.size() - 1));
    }

    List<ModelRequest> requests() {
        return requests;
    }

    /** The user prompt of the call with this index. */
    String userPrompt(int call) {
        return requests.get(call).messages().get(1).content();
    }
}
