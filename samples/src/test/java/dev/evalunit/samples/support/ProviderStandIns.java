package dev.evalunit.samples.support;

import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets the provider sample ({@code ClaudeJudgesGeminiTest}) run without Anthropic or Google, as
 * {@link StandInModelServer} does for OpenAI: for each provider whose key variable is unset, it starts
 * a scripted stand-in speaking that provider's wire format on loopback and points its model at it with
 * system properties (the base URL, and the key as a {@code ${file:...}} reference); for a provider whose
 * variable is set it does nothing, and the model calls the public API declared in
 * {@code junit-platform.properties}.
 * <ul>
 *   <li>{@code claude} ({@code provider=anthropic}, {@code ANTHROPIC_API_KEY}): the Messages API,
 *       {@link MessagesDispatcher};</li>
 *   <li>{@code gemini} ({@code provider=gemini}, {@code GEMINI_API_KEY}): {@code generateContent},
 *       {@link GenerateContentDispatcher}.</li>
 * </ul>
 * Both answer by the samples' script ({@link ScriptedReplies}), so their figures say nothing about
 * Claude or Gemini.
 *
 * <p>Use: {@code @ExtendWith(ProviderStandIns.class)}.
 */
public final class ProviderStandIns implements BeforeAllCallback {

    /** One provider's stand-in: the variable that selects the real API, the model, the wire format. */
    enum StandIn {
        ANTHROPIC("ANTHROPIC_API_KEY", "claude", MessagesDispatcher::new),
        GEMINI("GEMINI_API_KEY", "gemini", GenerateContentDispatcher::new);

        private final String variable;
        private final String model;
        private final Supplier<Dispatcher> dispatcher;

        StandIn(String variable, String model, Supplier<Dispatcher> dispatcher) {
            this.variable = variable;
            this.model = model;
            this.dispatcher = dispatcher;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        for (StandIn standIn : StandIn.values()) {
            StandInModelServer.serveUnlessKeySet(context, standIn.variable, standIn, () -> {
                StandInModelServer.Running running = StandInModelServer.Running.start(standIn.dispatcher.get());
                // The root: the clients append /v1/messages and /v1beta/models/...
                running.point(standIn.model, running.root());
                System.out.println("[samples] " + standIn.variable + " is not set: model [" + standIn.model
                        + "] calls a scripted stand-in at " + running.root() + " (a word-overlap script, not a model).");
                return running;
            });
        }
    }
}
