package dev.evalunit.provider;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelProvider;
import dev.evalunit.api.spi.ProviderParameter;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What the built-in providers of public HTTP APIs have in common: a name, the public API a model calls
 * when it sets no {@code base-url}, and the sampling parameters the API documents. A provider adds its
 * client ({@link #create}) and, where it has them, its own parameters and checks.
 */
@API(status = INTERNAL, since = "0.1")
public abstract class HttpModelProvider implements ModelProvider {

    private final String name;
    private final Optional<String> defaultBaseUrl;
    private final List<ProviderParameter> samplingParameters;

    protected HttpModelProvider(String name, String defaultBaseUrl, List<ProviderParameter> samplingParameters) {
        this.name = name;
        this.defaultBaseUrl = Optional.of(defaultBaseUrl);
        this.samplingParameters = List.copyOf(samplingParameters);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Optional<String> defaultBaseUrl() {
        return defaultBaseUrl;
    }

    @Override
    public final List<ProviderParameter> samplingParameters() {
        return samplingParameters;
    }
}
