package dev.evalunit.provider.gemini;

import dev.evalunit.api.spi.AccessTokenSource;
import dev.evalunit.api.spi.AccessTokens;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.http.HttpPipeline;
import java.io.IOException;

/**
 * {@code Bearer <token>} from an {@link AccessTokenSource}'s tokens, asked on every request so that an
 * expired token is refreshed. Each new token is masked in the pipeline's messages from then on. Thread safe.
 */
final class BearerTokens implements GenerateContentClient.Credential {

    private final AccessTokens tokens;
    private final String sourceName;
    private final HttpPipeline http;
    /** The last token handed out, already masked by the pipeline. */
    private volatile String last;

    BearerTokens(AccessTokens tokens, String sourceName, HttpPipeline http) {
        this.tokens = tokens;
        this.sourceName = sourceName;
        this.http = http;
    }

    @Override
    public String current() throws ModelCallException {
        String token;
        try {
            token = tokens.current();
        } catch (IOException | RuntimeException e) {
            // Masked before quoting: a library's message could carry a token it was handed.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : http.excerpt(e.getMessage());
            throw http.failure("no access token from " + sourceName + ": " + why);
        }
        if (token == null || token.isBlank()) {
            throw http.failure("no access token from " + sourceName + ": it returned none");
        }
        if (!token.equals(last)) {
            http.hide(token);
            last = token;
        }
        return VertexProvider.BEARER + token;
    }
}
