package dev.evalunit.autorater;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.Vote;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelUnusableException;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.config.ConfigKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The LLM judge of a pairwise evaluation (AutoSxS's autorater). Each example is judged by several
 * independent samples, half of them with the answers swapped, so that a judge's preference for the
 * first (or second) answer shown cancels out instead of deciding the result. Immutable and thread
 * safe: the executor may judge several examples at once.
 */
@API(status = INTERNAL, since = "0.1")
public final class Autorater {
    private static final Map<String, Object> RESPONSE_SCHEMA = AutoraterPrompts.responseSchema();
    private static final int SYSTEM_MESSAGE_BYTES = TokenLimit.utf8Length(AutoraterPrompts.SYSTEM_MESSAGE);
    private final ModelClient judge;
    private final Task task;
    private final int samples;
    private final int maxInputTokens;
    private final int reaskAttempts;

    /**
     * @param judge the model that judges
     * @param task decides the criteria
     * @param samples calls per example, at least 1
     * @param maxInputTokens the most tokens one autorater input may have, at least 1
     * @param reaskAttempts how many more times a sample whose reply held no verdict is asked, at least 0
     *     ({@link ConfigKeys#AUTORATER_REASK_ATTEMPTS})
     */
    public Autorater(ModelClient judge, Task task, int samples, int maxInputTokens, int reaskAttempts) {
        this.judge = Objects.requireNonNull(judge, "judge");
        this.task = Objects.requireNonNull(task, "task");
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1: " + samples);
        }
        if (maxInputTokens < 1) {
            throw new IllegalArgumentException("maxInputTokens must be at least 1: " + maxInputTokens);
        }
        if (reaskAttempts < 0) {
            throw new IllegalArgumentException("reaskAttempts must be at least 0: " + reaskAttempts);
        }
        this.samples = samples;
        this.maxInputTokens = maxInputTokens;
        this.reaskAttempts = reaskAttempts;
    }

    /**
     * Judges one example: blocks until all its samples are in. Never throws for a failure of this
     * example: an input over the token limit, or samples that all failed, give an {@link Choice#ERROR}
     * judgment.
     *
     * @throws EvaluationInfrastructureException when the judge cannot work at all
     *     ({@link ModelUnusableException}): no example would be judged
     *
     * @param ids the example's id columns, copied into the judgment
     * @param humanPreference the human preference cell as given, or {@code null}
     */
    public Judgment judge(Map<String, Object> ids, AutoraterInput input, String humanPreference) {
        Objects.requireNonNull(input, "input");
        String promptAB = AutoraterPrompts.render(task, input, Position.AB);
        String promptBA = AutoraterPrompts.render(task, input, Position.BA);
        // Every o200k_base token is at least one UTF-8 byte, so an input of at most maxInputTokens bytes
        // is within the limit without tokenizing it: the common case costs no tokenizer (nor its load).
        // A char is at most 3 UTF-8 bytes, so a short input needs no counting of its bytes either.
        // Both orders hold the same text, so one length serves for both.
        int tokens = TokenLimit.withinBytes(SYSTEM_MESSAGE_BYTES, promptAB, maxInputTokens) ? 0
                : TokenLimit.systemMessageTokens() + Math.max(TokenLimit.count(promptAB), TokenLimit.count(promptBA));
        if (tokens > maxInputTokens) {
            String reason = "autorater input has " + tokens + " tokens, over the limit of " + maxInputTokens
                    + " (" + ConfigKeys.AUTORATER_MAX_INPUT_TOKENS + ")";
            return error(ids, input, reason, List.of(), humanPreference);
        }
        List<AutoraterSample> taken = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            Position position = i % 2 == 0 ? Position.AB : Position.BA;
            taken.add(sample(position == Position.AB ? promptAB : promptBA, position, i));
        }
        return decide(ids, input, taken, humanPreference);
    }

    /**
     * One sample. A reply without a verdict (prose) is no answer to what was asked: the judge is asked
     * again, at most {@code reaskAttempts} times, with a note appended ({@link AutoraterPrompts#reask}),
     * each a request of its own for the response cache. A failed call is not asked again: the pipeline has
     * retried it already.
     */
    private AutoraterSample sample(String prompt, Position position, int index) {
        for (int ask = 0; ; ask++) {
            String asked = ask == 0 ? prompt : AutoraterPrompts.reask(prompt, ask);
            ModelRequest request = new ModelRequest(
                    List.of(ChatMessage.system(AutoraterPrompts.SYSTEM_MESSAGE), ChatMessage.user(asked)),
                    RESPONSE_SCHEMA, AutoraterPrompts.SCHEMA_NAME, index);
            try {
                ParsedVerdict verdict = VerdictParser.parse(judge.complete(request).text());
                return new AutoraterSample(position, mapBack(verdict.shown(), position), verdict.explanation());
            } catch (ModelUnusableException e) {
                throw new EvaluationInfrastructureException(e.getMessage());
            } catch (ModelCallException e) {
                return new AutoraterSample(position, Vote.ERROR, e.getMessage());
            } catch (UnreadableVerdictException e) {
                if (ask >= reaskAttempts) {
                    return new AutoraterSample(position, Vote.ERROR, e.getMessage());
                }
            }
        }
    }

    /** The vote in the original order: in position BA, the answer shown as A is the original B. */
    static Vote mapBack(Vote shown, Position position) {
        if (position == Position.AB) {
            return shown;
        }
        return switch (shown) {
            case A -> Vote.B;
            case B -> Vote.A;
            case TIE, ERROR -> shown;
        };
    }

    /**
     * The judgment that {@code samples} (already mapped back) give: the majority of the valid votes,
     * a tie when no answer has a strict majority over the others. Failed samples are not votes.
     *
     * @throws IllegalArgumentException when {@code samples} is empty
     */
    public static Judgment decide(Map<String, Object> ids, AutoraterInput input, List<AutoraterSample> samples,
                                  String humanPreference) {
        Objects.requireNonNull(input, "input");
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples must not be empty");
        }
        List<AutoraterSample> valid = samples.stream().filter(AutoraterSample::isValid).toList();
        if (valid.isEmpty()) {
            String reason = "all " + samples.size() + " autorater samples failed: " + samples.get(0).explanation();
            return error(ids, input, reason, samples, humanPreference);
        }
        long a = count(valid, Vote.A);
        long b = count(valid, Vote.B);
        long t = count(valid, Vote.TIE);
        Vote winner = a > b && a > t ? Vote.A : b > a && b > t ? Vote.B : Vote.TIE;
        Choice choice = switch (winner) {
            case A -> Choice.MODEL_A;
            case B -> Choice.MODEL_B;
            default -> Choice.TIE;
        };
        double confidence = (double) count(valid, winner) / valid.size();
        String explanation = valid.stream()
                .filter(s -> s.choice() == winner)
                .map(AutoraterSample::explanation)
                .findFirst()
                .orElse("the autorater samples disagree: A " + a + ", B " + b + ", tie " + t);
        return new Judgment(ids, input.instruction(), input.context(), input.responseA(), input.responseB(),
                choice, confidence, explanation, samples, humanPreference);
    }

    private static long count(List<AutoraterSample> samples, Vote vote) {
        return samples.stream().filter(s -> s.choice() == vote).count();
    }

    private static Judgment error(Map<String, Object> ids, AutoraterInput input, String reason,
                                  List<AutoraterSample> samples, String humanPreference) {
        return Judgment.error(ids, input.instruction(), input.context(), input.responseA(), input.responseB(),
                reason, samples, humanPreference);
    }
}
