package dev.evalunit.pairwise;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelRequest;
import java.util.Map;

/** Answers by sending the rendered {@code prompt} parameter to a model as the user message. */
final class ModelAnswerGenerator implements AnswerGenerator {

    private final ModelClient client;

    ModelAnswerGenerator(ModelClient client) {
        this.client = client;
    }

    @Override
    public String answer(Map<String, String> params) throws Exception {
        return client.complete(ModelRequest.ofUser(params.get(PairwisePlanner.PROMPT_PARAMETER))).text();
    }
}
