package dev.evalunit.provider;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.http.HttpExchange;
import dev.evalunit.http.HttpPipeline;
import java.util.function.Consumer;
import okhttp3.Request;
import org.apiguardian.api.API;

/** The HTTP of the providers' batch APIs: one call whose failure is worded as a live call's, its JSON, its JSONL lines. */
@API(status = INTERNAL, since = "0.1")
public final class BatchHttp {

    private BatchHttp() {
    }

    /** Sends {@code request} (headers already set) through the model's pipeline; a non-2xx reply fails. */
    public static HttpExchange call(HttpPipeline http, Request.Builder request) throws ModelCallException {
        HttpExchange exchange = http.execute(request);
        if (!exchange.successful()) {
            throw http.httpError(exchange);
        }
        return exchange;
    }

    /** The reply's JSON object. */
    public static JsonNode object(HttpPipeline http, HttpExchange exchange) throws ModelCallException {
        return ReplyJson.object(exchange.body())
                .orElseThrow(() -> http.failure("the batch API's reply is not JSON: " + http.excerpt(exchange.body())));
    }

    /** Each JSONL line of the reply that is an object with a textual {@code custom_id}; others are skipped. */
    public static void lines(HttpExchange exchange, Consumer<JsonNode> line) {
        exchange.body().lines()
                .filter(text -> !text.isBlank())
                .map(text -> ReplyJson.object(text).orElse(null))
                .filter(node -> node != null && node.path("custom_id").isTextual())
                .forEach(line);
    }
}
