package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import org.apiguardian.api.API;

/**
 * One model's supply of OAuth 2 access tokens, opened by an {@link AccessTokenSource}. Thread safe:
 * the engine's workers ask for a token concurrently, once per request.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface AccessTokens {

    /**
     * A token valid for at least the next request: the one held while it is fresh, else a new one
     * (refreshed when expired or about to be). Cheap when the token held is fresh: it is called once
     * per request.
     *
     * @throws IOException when no token could be had (the token endpoint failed or refused the
     *     credentials); the request then fails as an {@code Error} row, with the message, never the token
     */
    String current() throws IOException;
}
