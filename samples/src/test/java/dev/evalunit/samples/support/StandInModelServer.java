package dev.evalunit.samples.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Lets the samples run without a provider. When the environment variable {@code OPENAI_API_KEY}
 * is unset (the offline default), it starts one scripted stand-in server per JVM on loopback and
 * points the models {@code candidate}, {@code judge}, {@code m1}, {@code m2} and {@code m3} at it through system
 * properties, which JUnit reads before {@code junit-platform.properties}; {@code m1}, {@code m2} and {@code m3}
 * get base URLs of their own ({@code .../m1/v1}), which tell the script who is asked. When the
 * variable is set it does nothing, and the samples call the real provider declared in
 * {@code junit-platform.properties}.
 *
 * <p>The stand-in is a script, not a model. It speaks OpenAI's chat-completions protocol and
 * answers by rules that a reader can check:
 * <ul>
 *   <li>autorater calls (system message starting {@code You are an impartial judge}) get a JSON
 *       verdict from a word-overlap heuristic, explained with its scores ({@link ScriptedJudge});
 *       each response is scored on its own, so swapping them swaps the verdict;</li>
 *   <li>metric judge calls (system message starting {@code You are an impartial evaluator of
 *       answers}) get {@code {"reason": ..., "score": ...}} for {@code judge_precision},
 *       {@code judge_exactness} or {@code judge_notator}, from the words the answer shares with the
 *       expected one ({@link ScriptedMetricJudge});</li>
 *   <li>{@code m1} and {@code m2} answer capital-city questions from a fact table, {@code m2}
 *       knowing fewer capitals, with pseudo-random slips that grow with the temperature
 *       ({@link ScriptedRecaller}): repeats differ, and a whole run's answers are the same on every
 *       run;</li>
 *   <li>other calls get the context sentence that shares the most words with the question on the
 *       prompt's last line ({@link ScriptedAnswerer}).</li>
 * </ul>
 * Its figures show that the pipeline works and what the reports look like; they say nothing about
 * any real model.
 *
 * <p>Use: {@code @ExtendWith(StandInModelServer.class)} on each sample class. The server lives in
 * the root store, so JUnit closes it (and restores the properties) when the run ends.
 */
public final class StandInModelServer implements BeforeAllCallback {

    /** The environment variable whose presence selects the real provider. */
    public static final String API_KEY_VARIABLE = "OPENAI_API_KEY";
    /** The models the samples declare that the stand-in serves at its root. */
    static final String[] MODELS = {"candidate", "judge"};
    static final String DUMMY_KEY = "stand-in-key";
    /** How evalunit reads a key (never as itself): a file, as a mounted secret would be. */
    private static final String DUMMY_KEY_REFERENCE = "${file:" + dummyKeyFile() + "}";
    private static final String LOOPBACK = "127.0.0.1";

    private static final Namespace NAMESPACE = Namespace.create(StandInModelServer.class);

    private static Path dummyKeyFile() {
        try {
            Path file = Files.createTempFile("evalunit-stand-in", ".key");
            file.toFile().deleteOnExit();
            return Files.writeString(file, DUMMY_KEY + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("The stand-in's key file could not be written", e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        serveUnlessKeySet(context, API_KEY_VARIABLE, Running.class, StandInModelServer::start);
    }

    /** Starts the stand-in and points the samples' models at it. */
    static Running start() {
        {
            Running running = Running.start(new ChatCompletionsDispatcher());
            String baseUrl = running.root() + "/v1";
            for (String model : MODELS) {
                running.point(model, baseUrl);
            }
            // The quiz models, each under a path of its own name.
            for (String model : ScriptedRecaller.models()) {
                running.point(model, running.root() + "/" + model + "/v1");
            }
            System.out.println("[samples] " + API_KEY_VARIABLE + " is not set: the samples call the scripted"
                    + " stand-in model server at " + baseUrl + " (a word-overlap script, not a model).");
            return running;
        }
    }

    /**
     * Starts a stand-in once per run (under {@code key} in the root store, which closes it) unless the
     * environment variable {@code variable} holds a key, in which case the real provider is called.
     */
    static void serveUnlessKeySet(ExtensionContext context, String variable, Object key, Supplier<Running> start) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) {
            // Said once per run, like the stand-in's own line.
            store.getOrComputeIfAbsent("real-provider " + variable, name -> {
                System.out.println("[samples] " + variable + " is set: the samples call the real provider"
                        + " declared in junit-platform.properties.");
                return Boolean.TRUE;
            }, Boolean.class);
            return;
        }
        store.getOrComputeIfAbsent(key, k -> start.get(), Running.class);
    }

    /** The running stand-in and the system properties it replaced, restored on close. */
    @SuppressWarnings("deprecation") // CloseableResource: what Jupiter 5.10 to 5.12 close; 5.13+ close AutoCloseable.
    static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final MockWebServer server;
        private final Map<String, String> replaced = new LinkedHashMap<>();

        private Running(MockWebServer server) {
            this.server = server;
        }

        /** A stand-in on loopback answering with {@code dispatcher}; {@link #point} models at it. */
        static Running start(Dispatcher dispatcher) {
            MockWebServer server = new MockWebServer();
            server.setDispatcher(dispatcher);
            try {
                server.start(InetAddress.getByName(LOOPBACK), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("The stand-in model server could not start on loopback", e);
            }
            return new Running(server);
        }

        /** The server's root URL, without a trailing slash. */
        String root() {
            return "http://" + LOOPBACK + ":" + server.getPort();
        }

        /** Points {@code model} at {@code baseUrl}, with the stand-in's key given as a file reference. */
        void point(String model, String baseUrl) {
            set("evalunit.models." + model + ".base-url", baseUrl);
            set("evalunit.models." + model + ".api-key", DUMMY_KEY_REFERENCE);
        }

        private void set(String property, String value) {
            replaced.put(property, System.getProperty(property));
            System.setProperty(property, value);
        }

        @Override
        public void close() {
            replaced.forEach((property, previous) -> {
                if (previous == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, previous);
                }
            });
            server.close();
        }
    }
}
