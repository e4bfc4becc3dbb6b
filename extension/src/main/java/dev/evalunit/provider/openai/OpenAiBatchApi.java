package dev.evalunit.provider.openai;

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
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * OpenAI's Batch API beside a chat-completions endpoint: the requests go up as a JSONL file
 * ({@code POST {baseUrl}/files}, purpose {@code batch}), {@code POST {baseUrl}/batches} creates the
 * batch with a 24-hour completion window, {@code GET {baseUrl}/batches/{id}} polls it until
 * {@code completed}, {@code failed}, {@code expired} or {@code cancelled}, and the lines are read from
 * its {@code output_file_id} and {@code error_file_id} ({@code GET {baseUrl}/files/{id}/content}).
 */
final class OpenAiBatchApi implements BatchApi {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType JSONL = MediaType.get("application/jsonl");
    private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");
    static final String OUTPUT_FILE = "output_file_id";
    static final String ERROR_FILE = "error_file_id";

    private final OpenAiChatClient client;
    private final String apiKey;
    private final HttpPipeline http;
    private final HttpUrl files;
    private final HttpUrl batches;
    /** The chat-completions path each line names, e.g. {@code /v1/chat/completions}. */
    private final String linePath;

    OpenAiBatchApi(OpenAiChatClient client, String apiKey, HttpPipeline http, HttpUrl chatCompletions) {
        this.client = client;
        this.apiKey = apiKey;
        this.http = http;
        this.files = http.baseUrl().newBuilder().addPathSegment("files").build();
        this.batches = http.baseUrl().newBuilder().addPathSegment("batches").build();
        this.linePath = chatCompletions.encodedPath();
    }

    @Override
    public String submit(Map<String, ModelRequest> requests) throws ModelCallException {
        StringBuilder jsonl = new StringBuilder();
        for (Map.Entry<String, ModelRequest> request : requests.entrySet()) {
            jsonl.append("{\"custom_id\":");
            JsonText.appendString(jsonl, request.getKey()).append(",\"method\":\"POST\",\"url\":");
            JsonText.appendString(jsonl, linePath).append(",\"body\":")
                    .append(client.batchBody(request.getValue())).append("}\n");
        }
        RequestBody upload = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("purpose", "batch")
                .addFormDataPart("file", "evalunit-batch.jsonl", RequestBody.create(jsonl.toString(), JSONL))
                .build();
        String fileId = field(call(new Request.Builder().url(files).post(upload)), "id");
        String create = "{\"input_file_id\":" + JsonText.string(fileId) + ",\"endpoint\":" + JsonText.string(linePath)
                + ",\"completion_window\":\"24h\"}";
        return field(call(new Request.Builder().url(batches).post(RequestBody.create(create, JSON))), "id");
    }

    @Override
    public BatchStatus status(String batchId) throws ModelCallException {
        JsonNode batch = object(call(new Request.Builder().url(batches.newBuilder().addPathSegment(batchId).build()).get()));
        String state = batch.path("status").asText("");
        Map<String, String> locations = new LinkedHashMap<>();
        for (String file : new String[] {OUTPUT_FILE, ERROR_FILE}) {
            if (batch.path(file).isTextual()) {
                locations.put(file, batch.path(file).asText());
            }
        }
        String detail = null;
        for (JsonNode error : batch.path("errors").path("data")) {
            String message = http.excerpt(error.path("message").asText());
            detail = detail == null ? message : detail + "; " + message;
        }
        return new BatchStatus(batchId, state, ENDED.contains(state), detail, locations);
    }

    @Override
    public Map<String, BatchLine> results(BatchStatus status) throws ModelCallException {
        Map<String, BatchLine> lines = new LinkedHashMap<>();
        for (String file : new String[] {OUTPUT_FILE, ERROR_FILE}) {
            String fileId = status.locations().get(file);
            if (fileId != null) {
                HttpUrl content = files.newBuilder().addPathSegment(fileId).addPathSegment("content").build();
                BatchHttp.lines(call(new Request.Builder().url(content).get()), line -> read(line, lines));
            }
        }
        return lines;
    }

    /** One line of an output or error file: {@code {custom_id, response: {status_code, body}, error}}. */
    private void read(JsonNode node, Map<String, BatchLine> lines) {
        JsonNode response = node.path("response");
        int code = response.path("status_code").asInt(0);
        BatchLine result;
        if (node.path("error").isObject()) {
            result = BatchLine.failed(http.failure("batch line error: " + http.excerpt(node.path("error").path("message")
                    .asText(node.path("error").toString()))).getMessage());
        } else if (code != 200) {
            JsonNode message = response.path("body").path("error").path("message");
            result = BatchLine.failed(http.failure("batch line " + code + ": " + http.excerpt(message.isTextual()
                    ? message.asText() : response.path("body").toString())).getMessage());
        } else {
            try {
                result = BatchLine.succeeded(client.reply(response.path("body").toString(), Duration.ZERO));
            } catch (ModelCallException e) {
                result = BatchLine.failed(e.getMessage());
            }
        }
        lines.put(node.path("custom_id").asText(), result);
    }

    private HttpExchange call(Request.Builder request) throws ModelCallException {
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return BatchHttp.call(http, request);
    }

    private JsonNode object(HttpExchange exchange) throws ModelCallException {
        return BatchHttp.object(http, exchange);
    }

    private String field(HttpExchange exchange, String name) throws ModelCallException {
        JsonNode value = object(exchange).path(name);
        if (!value.isTextual()) {
            throw http.failure("the batch API's reply has no [" + name + "]: " + http.excerpt(exchange.body()));
        }
        return value.asText();
    }
}
