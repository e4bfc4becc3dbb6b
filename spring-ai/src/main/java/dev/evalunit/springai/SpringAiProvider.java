package dev.evalunit.springai;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.provider.chatmodel.ChatModelProvider;
import org.apiguardian.api.API;
import org.springframework.ai.chat.model.ChatModel;

/**
 * The {@code spring-ai} provider: a Spring AI {@link ChatModel}, called in process, as a candidate, an
 * autorater or judge, or an experiment set's model. Declared with
 * {@code evalunit.models.NAME.provider=spring-ai} and one of {@code evalunit.models.NAME.factory}
 * (a static no-argument method returning the {@code ChatModel}, e.g. {@code com.acme.Models#chatModel}) or
 * {@code evalunit.models.NAME.class} (a {@code ChatModel} class with a public no-argument constructor).
 * Registered in {@code META-INF/services/dev.evalunit.api.spi.ModelProvider}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SpringAiProvider extends ChatModelProvider<ChatModel> {

    public SpringAiProvider() {
        super("spring-ai", ChatModel.class);
    }

    @Override
    protected ModelClient client(ModelSpec spec, ChatModel model) {
        return new SpringAiClient(spec, model);
    }
}
