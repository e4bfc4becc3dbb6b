package dev.evalunit.cost;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One model's tokens in one evaluation.
 *
 * @param input input (prompt) tokens of every reply, cached ones included
 * @param output output (completion) tokens of every reply, cached ones included
 * @param inputFromCache the part of {@code input} whose replies came from the response cache
 * @param outputFromCache the part of {@code output} whose replies came from the response cache
 * @param replies replies counted (a reply whose usage the provider did not report counts 0 tokens)
 * @param repliesFromCache the part of {@code replies} that came from the response cache
 */
@API(status = INTERNAL, since = "0.1")
public record TokenUsage(long input, long output, long inputFromCache, long outputFromCache, long replies,
                         long repliesFromCache) {

    /** What was counted since {@code before}, a snapshot of the same running sums. */
    public TokenUsage minus(TokenUsage before) {
        return new TokenUsage(input - before.input, output - before.output, inputFromCache - before.inputFromCache,
                outputFromCache - before.outputFromCache, replies - before.replies, repliesFromCache - before.repliesFromCache);
    }
}
