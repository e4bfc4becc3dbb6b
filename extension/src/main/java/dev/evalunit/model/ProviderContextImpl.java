package dev.evalunit.model;

import dev.evalunit.api.spi.ProviderContext;
import dev.evalunit.http.HttpPipeline;
import dev.evalunit.http.HttpPipelines;

/**
 * What {@link ModelClients} hands a provider for one model: its key ({@code null} when none is declared or
 * none is needed, in {@code replay}), and its pipeline when asked for.
 */
final class ProviderContextImpl implements ProviderContext {

    private final ModelSettings settings;
    private final String apiKey;
    private final HttpPipelines http;

    ProviderContextImpl(ModelSettings settings, String apiKey, HttpPipelines http) {
        this.settings = settings;
        this.apiKey = apiKey;
        this.http = http;
    }

    @Override
    public String apiKey() {
        return apiKey;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type == HttpPipeline.class) {
            return type.cast(http.pipeline(settings, settings.rateLimits(), apiKey, settings.apiKeyReference()));
        }
        throw new IllegalArgumentException("evalunit offers no service of type " + type.getName()
                + " to model providers; it offers " + HttpPipeline.class.getName() + ".");
    }

    @Override
    public String toString() {
        return "ProviderContext[model=" + settings.name() + "]";
    }
}
