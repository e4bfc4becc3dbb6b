package com.example.evals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for an OpenAI-compatible endpoint (the JDK's own HTTP server, so the project
 * needs nothing beyond the README's pom). Generations answer "A grounded answer."; the judge prefers
 * the response that says "grounded", wherever it stands, so the candidate wins every sample.
 */
final class StandIn implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private StandIn(HttpServer server) {
        this.server = server;
    }

    /** Starts the stand-in and points {@code models} at it (system properties, which JUnit reads). */
    static StandIn start(String... models) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        StandIn standIn = new StandIn(server);
        server.createContext("/v1/chat/completions", standIn::answer);
        server.start();
        for (String model : models) {
            System.setProperty("evalunit.models." + model + ".base-url", standIn.baseUrl());
        }
        return standIn;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String content;
        if (body.contains("impartial judge")) {
            boolean a = section(body, "response_a").contains("grounded");
            boolean b = section(body, "response_b").contains("grounded");
            String choice = a == b ? "TIE" : a ? "A" : "B";
            content = "{\\\"choice\\\": \\\"" + choice + "\\\", \\\"explanation\\\": \\\"The grounded response wins.\\\"}";
        } else {
            content = "A grounded answer.";
        }
        String reply = "{\"id\": \"stand-in\", \"object\": \"chat.completion\", \"choices\": [{\"index\": 0,"
                + " \"message\": {\"role\": \"assistant\", \"content\": \"" + content + "\"}, \"finish_reason\": \"stop\"}],"
                + " \"usage\": {\"prompt_tokens\": 10, \"completion_tokens\": 3, \"total_tokens\": 13}}";
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The text between {@code <tag>} and {@code </tag>} in the (JSON-escaped) request body. */
    private static String section(String body, String tag) {
        int start = body.indexOf("<" + tag + ">");
        int end = body.indexOf("</" + tag + ">", start + 1);
        return start < 0 || end < 0 ? "" : body.substring(start, end);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
