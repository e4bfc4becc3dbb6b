package dev.evalunit.samples.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.samples.support.ScriptedAnswerer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Arrays;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * A home-grown model service on loopback that speaks {@code plain-json}: {@code POST /generate}
 * with {@code {"model", "prompt", "max_words"}}, answered by {@code {"text": ...}}. Its "model" is
 * the samples' {@link ScriptedAnswerer}, cut to {@code max_words}. It points the model {@code plain}
 * at itself with the system property {@code evalunit.models.plain.base-url}; the server lives in the
 * root store, so JUnit closes it (and clears the property) when the run ends.
 */
public final class PlainJsonServer implements BeforeAllCallback {

    static final String BASE_URL_PROPERTY = "evalunit.models.plain.base-url";
    private static final Namespace NAMESPACE = Namespace.create(PlainJsonServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class);
    }

    private record Running(MockWebServer server) implements AutoCloseable {

        static Running start() {
            MockWebServer server = new MockWebServer();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return answer(request);
                }
            });
            try {
                server.start(InetAddress.getByName("127.0.0.1"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("The plain-json server could not start on loopback", e);
            }
            System.setProperty(BASE_URL_PROPERTY, "http://127.0.0.1:" + server.getPort());
            return new Running(server);
        }

        @Override
        public void close() {
            System.clearProperty(BASE_URL_PROPERTY);
            server.close();
        }
    }

    private static MockResponse answer(RecordedRequest request) {
        if (!"POST".equals(request.getMethod()) || !request.getUrl().encodedPath().equals("/generate")) {
            return new MockResponse.Builder().code(404).body("{\"error\": \"POST /generate only\"}").build();
        }
        try {
            JsonNode body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
            String text = ScriptedAnswerer.answer(body.path("prompt").asText());
            int maxWords = body.path("max_words").asInt(Integer.MAX_VALUE);
            String[] words = text.split(" ");
            if (words.length > maxWords) {
                text = String.join(" ", Arrays.copyOf(words, maxWords));
            }
            return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                    .body(JSON.createObjectNode().put("text", text).toString()).build();
        } catch (IOException e) {
            return new MockResponse.Builder().code(400).body("{\"error\": \"not JSON\"}").build();
        }
    }
}
