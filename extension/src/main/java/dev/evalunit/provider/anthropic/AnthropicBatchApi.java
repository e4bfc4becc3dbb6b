package dev.evalunit.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.batch.spi.BatchApi;
import dev.evalunit.batch.spi.BatchLine;
import dev.evalunit.batch.spi.BatchStatus;
import dev.evalunit.http.HttpExchange;
import dev.evalunit.http.HttpPipeline;
import dev.evalunit.json.JsonText;
import dev.evalunit.provider.BatchHttp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Anthropic's Message Batches API: {@code POST {baseUrl}/v1/messages/batches} with
 * {@code requests: [{custom_id, params}]}, {@code GET {baseUrl}/v1/messages/batches/{id}} polled until
 * {@code processing_status} is {@code ended}, then the JSONL at its {@code results_url}, one
 * {@code {custom_id, result: {type: succeeded|errored|canceled|expired, message|error}}} a line.
 */
final class AnthropicBatchApi implements BatchApi {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    static final String RESULTS_URL = "results_url";

    private final MessagesClient client;
    private final String apiKey;
    private final String version;
    private final HttpPipeline http;
    private final HttpUrl batches;

    AnthropicBatchApi(MessagesClient client, String apiKey, String version, HttpPipeline http) {
        this.client = client;
        this.apiKey = apiKey;
        this.version = version;
        this.http = http;
        this.batches = http.baseUrl().newBuilder().addPathSegments("v1/messages/batches").build();
    }

    @Override
    public String submit(Map<String, ModelRequest> requests) throws ModelCallException {
        StringBuilder body = new StringBuilder("{\"requests\":[");
        for (Map.Entry<String, ModelRequest> request : requests.entrySet()) {
            body.append(body.length() == 13 ? "{\"custom_id\":" : ",{\"custom_id\":");
            JsonText.appendString(body, request.getKey()).append(",\"params\":")
                    .append(client.batchBody(request.getValue())).append('}');
        }
        body.append("]}");
        JsonNode batch = object(call(new Request.Builder().url(batches).post(RequestBody.create(body.toString(), JSON))));
        if (!batch.path("id").isTextual()) {
            throw http.failure("the batch API's reply has no [id]: " + http.excerpt(batch.toString()));
        }
        return batch.path("id").asText();
    }

    @Override
    public BatchStatus status(String batchId) throws ModelCallException {
        JsonNode batch = object(call(new Request.Builder().url(batches.newBuilder().addPathSegment(batchId).build()).get()));
        String state = batch.path("processing_status").asText("");
        Map<String, String> locations = batch.path(RESULTS_URL).isTextual()
                ? Map.of(RESULTS_URL, batch.path(RESULTS_URL).asText()) : Map.of();
        return new BatchStatus(batchId, state, "ended".equals(state), null, locations);
    }

    @Override
    public Map<String, BatchLine> results(BatchStatus status) throws ModelCallException {
        Map<String, BatchLine> lines = new LinkedHashMap<>();
        String location = status.locations().get(RESULTS_URL);
        HttpUrl url = location == null ? null : HttpUrl.parse(location);
        if (url == null) {
            return lines;
        }
        BatchHttp.lines(call(new Request.Builder().url(url).get()), line -> read(line, lines));
        return lines;
    }

    private void read(JsonNode node, Map<String, BatchLine> lines) {
        JsonNode result = node.path("result");
        String type = result.path("type").asText("");
        BatchLine outcome;
        if ("succeeded".equals(type)) {
            try {
                outcome = BatchLine.succeeded(client.reply(result.path("message").toString(), Duration.ZERO));
            } catch (ModelCallException e) {
                outcome = BatchLine.failed(e.getMessage());
            }
        } else {
            JsonNode error = result.path("error").path("error").isObject() ? result.path("error").path("error")
                    : result.path("error");
            String why = error.path("message").isTextual() ? ": " + http.excerpt(error.path("message").asText()) : "";
            outcome = BatchLine.failed(http.failure("batch line " + (type.isEmpty() ? "without a result" : type) + why)
                    .getMessage());
        }
        lines.put(node.path("custom_id").asText(), outcome);
    }

    private HttpExchange call(Request.Builder request) throws ModelCallException {
        request.header(MessagesClient.VERSION_HEADER, version);
        if (apiKey != null) {
            request.header(MessagesClient.API_KEY_HEADER, apiKey);
        }
        return BatchHttp.call(http, request);
    }

    private JsonNode object(HttpExchange exchange) throws ModelCallException {
        return BatchHttp.object(http, exchange);
    }
}
