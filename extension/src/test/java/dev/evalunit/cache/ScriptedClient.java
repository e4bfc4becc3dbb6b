package dev.evalunit.cache;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A model that counts its calls and answers with the call's number, or fails while told to. */
final class ScriptedClient implements ModelClient {

    private final String name;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean failing;

    ScriptedClient(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        int call = calls.incrementAndGet();
        if (failing) {
            throw new ModelCallException("model [" + name + "]: HTTP 503 after 1 attempt");
        }
        String prompt = request.messages().get(request.messages().size() - 1).content();
        return new ModelReply("reply " + call + " to " + prompt, 11, 7, Duration.ofMillis(1234));
    }

    int calls() {
        return calls.get();
    }

    void failing(boolean value) {
        failing = value;
    }
}
