package dev.evalunit.googleauth;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Google's OAuth 2 token endpoint, on 127.0.0.1: it takes a service account's signed JWT
 * ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}) and answers a fresh access token,
 * valid for {@code expiresInSeconds}. It also writes the service account's key file (a fresh RSA key
 * pair) whose {@code token_uri} points at it, so the library exchanges a real JWT here.
 */
final class TokenEndpoint implements AutoCloseable {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final MockWebServer server = new MockWebServer();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final List<String> grants = new CopyOnWriteArrayList<>();

    TokenEndpoint(int expiresInSeconds) throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String form = request.getBody() == null ? "" : request.getBody().utf8();
                grants.add(form);
                // Built at run time: no token-shaped literal is committed.
                String token = "ya29." + "evalunit-fake-" + UUID.randomUUID();
                issued.add(token);
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body("{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresInSeconds
                                + ",\"token_type\":\"Bearer\"}")
                        .build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** Writes a service account key file for this endpoint into {@code directory}. */
    Path serviceAccountFile(Path directory) throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\\n-----END PRIVATE KEY-----\\n";
        String json = "{\"type\":\"service_account\",\"project_id\":\"evals-project\","
                + "\"private_key_id\":\"" + UUID.randomUUID() + "\",\"private_key\":\"" + pem + "\","
                + "\"client_email\":\"evals@evals-project.iam.gserviceaccount.com\",\"client_id\":\"1234567890\","
                + "\"token_uri\":\"" + server.url("/token") + "\"}";
        return Files.writeString(directory.resolve("service-account.json"), json);
    }

    /** The tokens handed out, in order. */
    List<String> issued() {
        return issued;
    }

    /** The form bodies of the token requests, in order. */
    List<String> grants() {
        return grants;
    }

    @Override
    public void close() {
        server.close();
    }
}
