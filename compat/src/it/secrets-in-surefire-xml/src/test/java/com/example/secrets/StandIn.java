package com.example.secrets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback OpenAI-compatible endpoint that answers everything, A winning every judgment, and records
 * the Authorization header of each request.
 */
final class StandIn implements AutoCloseable {

    private final HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

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
            System.setProperty("evalunit.models." + model + ".base-url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        }
        return standIn;
    }

    List<String> authorizations() {
        return authorizations;
    }

    private void answer(HttpExchange exchange) throws IOException {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String content = body.contains("impartial judge")
                ? "{\\\"choice\\\": \\\"A\\\", \\\"explanation\\\": \\\"A answers.\\\"}" : "An answer.";
        byte[] reply = ("{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"" + content
                + "\"}, \"finish_reason\": \"stop\"}]}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
