package dev.evalunit.pairwise;

import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A tournament candidate's answers in one repeat: each distinct prompt is sent once, and every pairing
 * of the candidate reuses the answer (or the failure). The repeat index keeps repeats independent calls.
 */
final class CandidateAnswers implements AnswerGenerator {

    private final ModelClient client;
    private final int repeat;
    private final Map<String, FutureTask<String>> answers = new ConcurrentHashMap<>();

    CandidateAnswers(ModelClient client, int repeat) {
        this.client = client;
        this.repeat = repeat;
    }

    @Override
    public String answer(Map<String, String> params) throws Exception {
        String prompt = params.get(PairwisePlanner.PROMPT_PARAMETER);
        FutureTask<String> task = new FutureTask<>(() ->
                client.complete(new ModelRequest(List.of(ChatMessage.user(prompt)), null, null, repeat)).text());
        FutureTask<String> existing = answers.putIfAbsent(prompt, task);
        if (existing == null) {
            task.run();
        }
        try {
            return (existing == null ? task : existing).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
