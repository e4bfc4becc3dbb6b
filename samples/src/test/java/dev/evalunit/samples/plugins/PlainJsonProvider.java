package dev.evalunit.samples.plugins;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelProvider;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.api.spi.ProviderContext;
import dev.evalunit.api.spi.ProviderParameter;
import dev.evalunit.http.HttpPipeline;
import java.util.List;

/**
 * {@code plain-json}: a provider defined outside the engine, for a home-grown model service that
 * speaks a small JSON format ({@link PlainJsonClient}). Registered only through this module's
 * {@code src/test/resources/META-INF/services/dev.evalunit.api.spi.ModelProvider}.
 */
public final class PlainJsonProvider implements ModelProvider {

    static final ProviderParameter MAX_WORDS =
            new ProviderParameter("max-words", ProviderParameter.Type.INTEGER, "the longest answer, in words");

    @Override
    public String name() {
        return "plain-json";
    }

    @Override
    public List<ProviderParameter> parameters() {
        return List.of(MAX_WORDS);
    }

    @Override
    public void validate(ModelSpec spec) {
        Object maxWords = spec.providerParams().get(MAX_WORDS.name());
        if (maxWords != null && (Integer) maxWords < 1) {
            throw new IllegalArgumentException("[max-words] must be 1 or more. Raise it, or leave it unset");
        }
    }

    @Override
    public ModelClient create(ModelSpec spec, ProviderContext context) {
        // The engine's pipeline: retries, backoff, Retry-After, rate limits, concurrency, timeouts.
        return new PlainJsonClient(spec, context.unwrap(HttpPipeline.class));
    }
}
