package ${package};

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * A loopback stand-in for an OpenAI-compatible endpoint (the JDK's own HTTP server), started for every test
 * run (registered in META-INF/services/org.junit.platform.launcher.LauncherSessionListener), so that both the
 * Java test and the spec files under evals/ reach it. It points the models of junit-platform.properties at
 * itself with system properties. Generations answer "A grounded answer."; the judge prefers the response
 * that says "grounded", wherever it stands. With the committed replay cache, mvn test sends it nothing;
 * replace it with your provider's base-url and api-key when you evaluate a real model.
 */
public final class StandIn implements LauncherSessionListener {

    private static final String[] MODELS = {"candidate", "judge"};

    private HttpServer server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The stand-in could not start on loopback", e);
        }
        server.createContext("/v1/chat/completions", StandIn::answer);
        server.start();
        for (String model : MODELS) {
            System.setProperty("evalunit.models." + model + ".base-url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
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
}
