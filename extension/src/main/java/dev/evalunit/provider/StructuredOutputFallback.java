package dev.evalunit.provider;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.http.HttpExchange;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.apiguardian.api.API;

/**
 * Structured output where a server supports it, plain text otherwise, for one endpoint and run (see
 * {@link StructuredOutputEndpoints}): a request with a response schema is sent asking for structured
 * output; when the server answers 400 or 422 naming one of the fields that ask for it, the request is
 * sent again without them, and this endpoint is never asked for it again. Until the server has answered
 * a structured request either way, such requests go one at a time, so that a refusing server answers
 * one 400, not one per request in flight. Thread safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class StructuredOutputFallback {

    /** Sends one request, asking for structured output or not. */
    @FunctionalInterface
    public interface Sender {
        HttpExchange send(boolean structured) throws ModelCallException;
    }

    private enum Support { UNKNOWN, SUPPORTED, REFUSED }

    private final List<String> fields;
    private volatile Support support = Support.UNKNOWN;
    /** Held by the structured request that finds out whether the endpoint supports it. */
    private final ReentrantLock probe = new ReentrantLock();

    /** @param fields the request fields that ask for structured output, as a server's refusal names them */
    StructuredOutputFallback(String... fields) {
        this.fields = List.of(fields);
    }

    /** The exchange of {@code request}: structured when it has a schema and the endpoint has not refused. */
    public HttpExchange exchange(ModelRequest request, Sender sender) throws ModelCallException {
        if (request.responseSchema() == null || support == Support.REFUSED) {
            return sender.send(false);
        }
        if (support == Support.SUPPORTED) {
            return structured(sender);
        }
        probe.lock();
        try {
            if (support == Support.UNKNOWN) {
                HttpExchange exchange = sender.send(true);
                if (refuses(exchange)) {
                    support = Support.REFUSED;
                } else {
                    if (exchange.successful()) {
                        support = Support.SUPPORTED;
                    }
                    return exchange;
                }
            }
        } finally {
            probe.unlock();
        }
        return support == Support.REFUSED ? sender.send(false) : structured(sender);
    }

    private HttpExchange structured(Sender sender) throws ModelCallException {
        HttpExchange exchange = sender.send(true);
        if (refuses(exchange)) {
            support = Support.REFUSED;
            return sender.send(false);
        }
        return exchange;
    }

    private boolean refuses(HttpExchange exchange) {
        int code = exchange.code();
        return (code == 400 || code == 422) && fields.stream().anyMatch(exchange.body()::contains);
    }
}
