package dev.evalunit.provider;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.http.HttpExchange;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;

/**
 * Structured output where a server supports it, plain text otherwise, for one model: a request with a
 * response schema is sent asking for structured output; the first time the server answers 400 or 422
 * naming one of the fields that ask for it, the request is sent again without them, and this model is
 * never asked for it again. Thread safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class StructuredOutputFallback {

    /** Sends one request, asking for structured output or not. */
    @FunctionalInterface
    public interface Sender {
        HttpExchange send(boolean structured) throws ModelCallException;
    }

    private final List<String> fields;
    private final AtomicBoolean supported = new AtomicBoolean(true);

    /** @param fields the request fields that ask for structured output, as a server's refusal names them */
    public StructuredOutputFallback(String... fields) {
        this.fields = List.of(fields);
    }

    /** The exchange of {@code request}: structured when it has a schema and the server has not refused. */
    public HttpExchange exchange(ModelRequest request, Sender sender) throws ModelCallException {
        boolean structured = request.responseSchema() != null && supported.get();
        HttpExchange exchange = sender.send(structured);
        if (structured && refuses(exchange)) {
            supported.set(false);
            exchange = sender.send(false);
        }
        return exchange;
    }

    private boolean refuses(HttpExchange exchange) {
        int code = exchange.code();
        return (code == 400 || code == 422) && fields.stream().anyMatch(exchange.body()::contains);
    }
}
