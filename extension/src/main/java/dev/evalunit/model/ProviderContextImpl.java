package dev.evalunit.model;

import dev.evalunit.api.spi.ProviderContext;
import dev.evalunit.http.HttpPipeline;
import dev.evalunit.http.HttpPipelines;
import dev.evalunit.provider.StructuredOutputEndpoints;

/**
 * What {@link ModelClients} hands a provider for one model: its key ({@code null} when none is declared or
 * none is needed, in {@code replay}), whether its client will call at all, and its pipeline when asked for.
 */
final class ProviderContextImpl implements ProviderContext {

    private final ModelSettings settings;
    private final String apiKey;
    private final boolean callsModels;
    private final HttpPipelines http;
    private final StructuredOutputEndpoints structuredOutput;

    ProviderContextImpl(ModelSettings settings, String apiKey, boolean callsModels, HttpPipelines http,
                        StructuredOutputEndpoints structuredOutput) {
        this.settings = settings;
        this.apiKey = apiKey;
        this.callsModels = callsModels;
        this.http = http;
        this.structuredOutput = structuredOutput;
    }

    @Override
    public String apiKey() {
        return apiKey;
    }

    @Override
    public boolean callsModels() {
        return callsModels;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type == HttpPipeline.class) {
            return type.cast(http.pipeline(settings, settings.rateLimits(), apiKey, settings.apiKeyReference()));
        }
        if (type == StructuredOutputEndpoints.class) {
            return type.cast(structuredOutput);
        }
        throw new IllegalArgumentException("evalunit offers no service of type " + type.getName()
                + " to model providers; it offers " + HttpPipeline.class.getName() + " and "
                + StructuredOutputEndpoints.class.getName() + ".");
    }

    @Override
    public String toString() {
        return "ProviderContext[model=" + settings.name() + "]";
    }
}
