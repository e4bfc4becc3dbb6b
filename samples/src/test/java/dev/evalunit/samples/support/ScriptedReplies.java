package dev.evalunit.samples.support;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the stand-ins answer a pairwise evaluation's calls, whatever wire format carries them: an
 * autorater call (system text starting {@code You are an impartial judge}) gets the JSON verdict of
 * {@link ScriptedJudge}, any other call the answer of {@link ScriptedAnswerer}.
 */
public final class ScriptedReplies {

    static final String JUDGE_SYSTEM_MESSAGE = "You are an impartial judge";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptedReplies() {
    }

    /** Whether {@code system} is the autorater's. */
    static boolean isAutorater(String system) {
        return system.startsWith(JUDGE_SYSTEM_MESSAGE);
    }

    /** The autorater's verdict on {@code user}: {@code {"explanation": ..., "choice": ...}}. */
    static String verdict(String user) {
        ScriptedJudge.Verdict verdict = ScriptedJudge.judge(user);
        return JSON.createObjectNode().put("explanation", verdict.explanation()).put("choice", verdict.choice()).toString();
    }

    /** The reply to a call with this system text and user message: a verdict or an answer. */
    static String reply(String system, String user) {
        return isAutorater(system) ? verdict(user) : ScriptedAnswerer.answer(user);
    }
}
