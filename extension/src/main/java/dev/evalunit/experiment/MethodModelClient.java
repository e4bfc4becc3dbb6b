package dev.evalunit.experiment;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.pairwise.AnswerGenerator;
import dev.evalunit.pairwise.PairwisePlanner;
import java.util.Map;

/**
 * A method of the test class in the place of an experiment's model: called with the prompt a model would
 * receive (the request's last message), its return value is the answer. Whatever it throws becomes a
 * {@link ModelCallException}, so that it fails its row as a model call's failure does. Never cached.
 */
final class MethodModelClient implements ModelClient {

    private final String method;
    private final AnswerGenerator generator;

    MethodModelClient(String method, AnswerGenerator generator) {
        this.method = method;
        this.generator = generator;
    }

    @Override
    public String name() {
        return method;
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        String prompt = request.messages().get(request.messages().size() - 1).content();
        String answer;
        try {
            answer = generator.answer(Map.of(PairwisePlanner.PROMPT_PARAMETER, prompt));
        } catch (Exception e) {
            throw new ModelCallException("method [" + method + "] failed: " + ExperimentSetRunner.describe(e), e);
        }
        if (answer == null) {
            throw new ModelCallException("method [" + method + "] returned null");
        }
        return new ModelReply(answer, null, null, null);
    }
}
