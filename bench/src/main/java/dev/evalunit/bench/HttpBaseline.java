package dev.evalunit.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The measured JVM of {@code --http-baseline}: the benchmark's calls with OkHttp alone, no JUnit and
 * no evalunit. The same HTTP client set-up as evalunit's (shared pool, cleartext, no OkHttp retries),
 * the same pattern (C threads, each taking one example at a time: one generation call, then the
 * samples one after the other) and requests of the same sizes, but nothing else: no prompts
 * rendered, no cache, no JSON read, no judgment. What evalunit adds is the difference.
 *
 * <p>Arguments: base URL, examples, samples, concurrency.
 */
public final class HttpBaseline {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** About the size of an autorater prompt in the benchmark (instruction, context, two answers, wording). */
    private static final String JUDGE_TEXT = "Compare two responses and decide which one is better. ".repeat(42);
    private static final String CONTEXT = "Construction began after years of debate in the regional council. ".repeat(9);

    private HttpBaseline() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.of(args);
        MeasuredRun.measure(() -> callAll(arguments));
    }

    /** The arguments of a baseline run: base URL, examples, samples, concurrency. */
    record Arguments(String url, int examples, int samples, int concurrency) {
        static Arguments of(String[] args) {
            return new Arguments(args[0].replaceAll("/+$", "") + "/chat/completions", Integer.parseInt(args[1]),
                    Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        }
    }

    /** Makes the baseline's calls: each of C threads takes one example at a time until none is left. */
    static MeasuredRun.Outcome callAll(Arguments arguments) throws InterruptedException {
        String url = arguments.url();
        int examples = arguments.examples();
        int samples = arguments.samples();
        int concurrency = arguments.concurrency();
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        OkHttpClient http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false)
                .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                .build();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int t = 0; t < concurrency; t++) {
            pool.execute(() -> {
                int example;
                while ((example = next.getAndIncrement()) < examples && failure.get() == null) {
                    try {
                        call(http, url, "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"Question "
                                + example + ". " + CONTEXT + "\"}]}");
                        for (int s = 0; s < samples; s++) {
                            call(http, url, "{\"model\":\"judge\",\"messages\":[{\"role\":\"system\",\"content\":\""
                                    + LatencyServer.JUDGE_MARKER + ".\"},{\"role\":\"user\",\"content\":\"Example "
                                    + example + " sample " + s + ". " + JUDGE_TEXT + "\"}]}");
                        }
                    } catch (IOException e) {
                        failure.compareAndSet(null, "example " + example + ": " + e);
                    }
                }
            });
        }
        pool.shutdown();
        boolean finished = pool.awaitTermination(1, TimeUnit.HOURS);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        return new MeasuredRun.Outcome(finished && failure.get() == null,
                finished ? failure.get() : "the calls did not finish within an hour");
    }

    private static void call(OkHttpClient http, String url, String body) throws IOException {
        Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().source().readUtf8();
            if (!response.isSuccessful() || text.isEmpty()) {
                throw new IOException("HTTP " + response.code());
            }
        }
    }
}
