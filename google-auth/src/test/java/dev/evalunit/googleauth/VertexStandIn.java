package dev.evalunit.googleauth;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Vertex AI's {@code generateContent} on 127.0.0.1: records each request's {@code Authorization} header and
 * answers "Paris" (or, when told to, "Paris" and that header), or, when told to fail, an HTTP 500 whose message quotes that header back (as a careless
 * proxy might).
 */
final class VertexStandIn implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean echoing;
    private volatile boolean refusing;
    private volatile boolean quoting;

    VertexStandIn() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String authorization = request.getHeaders().get("Authorization");
                authorizations.add(String.valueOf(authorization));
                if (refusing) {
                    return json(401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication"
                            + " credentials.\",\"status\":\"UNAUTHENTICATED\"}}");
                }
                if (echoing) {
                    return json(500, "{\"error\":{\"code\":500,\"message\":\"internal error for " + authorization
                            + "\",\"status\":\"INTERNAL\"}}");
                }
                String answer = quoting ? "Paris, says " + authorization : "Paris";
                return json(200, "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + answer + "\"}]},"
                        + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":7,"
                        + "\"candidatesTokenCount\":1,\"totalTokenCount\":8}}");
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** From now on, answers 500 quoting the request's Authorization header. */
    void echoAuthorization() {
        echoing = true;
    }

    /** From now on, answers "Paris, says " and the request's Authorization header, as a model told a prompt injection might. */
    void quoteAuthorizationInAnswers() {
        quoting = true;
    }

    /** From now on, answers 401 UNAUTHENTICATED, as Vertex AI does to a token it does not accept. */
    void refuseCredentials() {
        refusing = true;
    }

    /** The Authorization header of each request, in order. */
    List<String> authorizations() {
        return authorizations;
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
