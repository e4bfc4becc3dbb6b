package dev.evalunit.googleauth;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.google.auth.oauth2.GoogleCredentials;
import dev.evalunit.api.spi.AccessTokenSource;
import dev.evalunit.api.spi.AccessTokens;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.api.spi.ProviderParameter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Access tokens for Vertex AI from Google's Application Default Credentials, through
 * {@code google-auth-library}: {@code GoogleCredentials.getApplicationDefault()} (the file
 * {@code GOOGLE_APPLICATION_CREDENTIALS} names, {@code gcloud auth application-default login}'s, or the
 * metadata server on Google Cloud), or the JSON file {@code evalunit.models.NAME.credentials-file} names
 * (a service account key, or user credentials), scoped to {@value #SCOPE}. Registered in
 * {@code META-INF/services/dev.evalunit.api.spi.AccessTokenSource}; the {@code vertex} provider asks it
 * for a model that declares no {@code api-key}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ApplicationDefaultCredentialsSource implements AccessTokenSource {

    /** The OAuth 2 scope the tokens are asked for: Vertex AI, like every Google Cloud API, accepts it. */
    public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    /** The key of a fixed token, which the vertex provider reads: named in the message when no credentials are found. */
    private static final String API_KEY = "api-key";

    /** {@code evalunit.models.NAME.credentials-file}: a credentials JSON file, instead of the environment's. */
    static final ProviderParameter CREDENTIALS_FILE = new ProviderParameter("credentials-file",
            ProviderParameter.Type.STRING, "a Google credentials JSON file (service account key or user credentials)"
                    + " to use instead of Application Default Credentials");

    @Override
    public String name() {
        return "Application Default Credentials";
    }

    @Override
    public List<ProviderParameter> parameters() {
        return List.of(CREDENTIALS_FILE);
    }

    @Override
    public AccessTokens open(ModelSpec spec) {
        Object file = spec.providerParams().get(CREDENTIALS_FILE.name());
        GoogleCredentials credentials = file == null ? applicationDefault(spec) : fromFile(((String) file).trim());
        return new GoogleAccessTokens(credentials.createScopedRequired() ? credentials.createScoped(SCOPE) : credentials);
    }

    private static GoogleCredentials applicationDefault(ModelSpec spec) {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new IllegalArgumentException("Application Default Credentials were not found. Run gcloud auth"
                    + " application-default login, set GOOGLE_APPLICATION_CREDENTIALS to a credentials file, set "
                    + modelKey(spec, CREDENTIALS_FILE.name()) + "=PATH, or set " + modelKey(spec, API_KEY)
                    + "=${env:NAME} to an access token", e);
        }
    }

    /** The library's own message is left out: it may quote the file. */
    private static GoogleCredentials fromFile(String file) {
        Path path;
        try {
            path = Path.of(file).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("[" + CREDENTIALS_FILE.name() + "] '" + file + "' is not a valid path."
                    + " Write the path of a credentials JSON file, or leave it unset for Application Default Credentials");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("[" + CREDENTIALS_FILE.name() + "] names [" + path + "], which does not"
                    + " exist. Write the path of a credentials JSON file, or leave it unset for Application Default"
                    + " Credentials");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return GoogleCredentials.fromStream(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("[" + CREDENTIALS_FILE.name() + "] names [" + path + "], which is not"
                    + " a Google credentials JSON file (a service account key or user credentials). Download the"
                    + " service account's key again, or fix the path");
        }
    }

    private static String modelKey(ModelSpec spec, String key) {
        return "evalunit.models." + spec.name() + "." + key;
    }
}
