package dev.evalunit.provider.chatmodel;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelProvider;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.api.spi.ProviderContext;
import dev.evalunit.api.spi.ProviderParameter;
import dev.evalunit.api.spi.ProviderParameter.Type;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What the providers of a framework's chat model called in process (LangChain4j's, Spring AI's) have in
 * common: the model is declared by {@code factory} or {@code class} ({@link ChatModelSource}), takes
 * {@code temperature}, {@code top_p} and {@code max_tokens}, and no {@code extra-params}; it calls no URL of
 * evalunit's, so its base URL is a fixed name of the provider that only the cache key sees. A provider adds
 * its client ({@link #client}). Its cache keys name the provider, and the factory or class through the
 * provider parameters.
 *
 * @param <M> the framework's chat model type
 */
@API(status = INTERNAL, since = "0.1")
public abstract class ChatModelProvider<M> implements ModelProvider {

    private static final List<ProviderParameter> PARAMETERS = List.of(
            new ProviderParameter(ChatModelSource.FACTORY, Type.STRING,
                    "a static no-argument method returning the chat model, e.g. com.acme.Models#chatModel"),
            new ProviderParameter(ChatModelSource.CLASS, Type.STRING,
                    "a chat model class with a public no-argument constructor, e.g. com.acme.MyChatModel"));
    private static final List<ProviderParameter> SAMPLING = List.of(
            new ProviderParameter(ChatModelClient.TEMPERATURE, Type.NUMBER, "sampling temperature"),
            new ProviderParameter(ChatModelClient.TOP_P, Type.NUMBER, "nucleus sampling mass, 0 to 1"),
            new ProviderParameter(ChatModelClient.MAX_TOKENS, Type.INTEGER, "the most tokens to generate"));

    private final String name;
    private final Class<M> type;

    /**
     * @param name the provider's name, e.g. {@code langchain4j}
     * @param type the framework's chat model type
     */
    protected ChatModelProvider(String name, Class<M> type) {
        this.name = name;
        this.type = type;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<ProviderParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public final List<ProviderParameter> samplingParameters() {
        return SAMPLING;
    }

    /** Not called: a stand-in for the endpoint part of the cache key, e.g. {@code http://langchain4j.in-process}. */
    @Override
    public final Optional<String> defaultBaseUrl() {
        return Optional.of("http://" + name + ".in-process");
    }

    @Override
    public final void validate(ModelSpec spec) {
        source(spec);
    }

    // Checked again when the client is made: an experiment set's extra_params are merged after validate.
    private ChatModelSource<M> source(ModelSpec spec) {
        if (!spec.extraParams().isEmpty()) {
            throw new IllegalArgumentException("extra parameters ([" + ConfigKeys.modelKey(spec.name(),
                    ConfigKeys.ModelKeys.EXTRA_PARAMS) + "] or an experiment's [extra_params]) do not reach a chat"
                    + " model called in process. Set the model's options where its factory method or class builds it,"
                    + " and leave them unset");
        }
        return ChatModelSource.of(spec, type);
    }

    @Override
    public final ModelClient create(ModelSpec spec, ProviderContext context) {
        M model;
        try {
            model = source(spec).newModel();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigurationException("model [" + spec.name() + "] (provider [" + name + "]): " + e.getMessage()
                    + ".", e);
        }
        return client(spec, model);
    }

    /** A client that calls {@code model}, made by the declaration of {@code spec}. */
    protected abstract ModelClient client(ModelSpec spec, M model);
}
