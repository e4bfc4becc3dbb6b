package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Where a provider that authenticates with OAuth 2 bearer tokens (the built-in {@code vertex}) gets
 * them for a model that declares no {@code api-key}: for example Google's Application Default
 * Credentials, which the optional artifact {@code evalunit-google-auth} brings. A model that declares
 * {@code evalunit.models.NAME.api-key} uses that token instead, and no source is asked.
 *
 * <p>Sources are found with {@link java.util.ServiceLoader}, like {@link ModelProvider}s: a class with
 * a public no-argument constructor plus one line naming it in
 * {@code META-INF/services/dev.evalunit.api.spi.AccessTokenSource}. At most one source may be on the
 * class path: two are a configuration error.
 *
 * <p>The engine calls {@link #open} when it creates a model's client, before the model's first call,
 * and never in a run that replays its cache (such a run sends nothing, so needs no credentials). The
 * {@link AccessTokens} it returns is asked for a token on every request; the token goes into that
 * request's {@code Authorization} header only: never into a cache key, a report or a message (the
 * engine masks each token it is handed, as it masks API keys). Implementations are thread safe and
 * stateless; what they open is thread safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface AccessTokenSource {

    /** A short name for messages, e.g. {@code Application Default Credentials}. */
    String name();

    /**
     * Settings of its own, read from {@code evalunit.models.NAME.<parameter>} for the models of every
     * provider that takes bearer tokens, type-checked before any call and handed over in
     * {@link ModelSpec#providerParams()} (they are part of the model's cache keys, like any provider
     * parameter: say a path, never a secret). None by default.
     */
    default List<ProviderParameter> parameters() {
        return List.of();
    }

    /**
     * The tokens of the model {@code spec} describes. Reads its credentials (a file, the environment)
     * but need not fetch a token yet.
     *
     * @throws IllegalArgumentException when the credentials cannot be found or read, saying which, the
     *     setting in brackets, and what to do; the engine reports it as a {@code Configuration error}
     *     naming the model and the provider
     */
    AccessTokens open(ModelSpec spec);
}
