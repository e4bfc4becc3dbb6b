package dev.evalunit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, "keep calls in flight": timeouts that cut a stalled server, permits that come back whatever
 * ends an attempt, a 429 storm answered by pausing the endpoint, and a retry clock that does not count
 * queueing. Bounds on wall time are generous: a loaded two-core machine must not make them flake.
 */
@DisplayName("Calls in flight under faults")
class CallsInFlightTest {

    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    private final FakeTime time = new FakeTime();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private MockWebServer server;
    private HttpPipelines pipelines;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        pipelines = new HttpPipelines(time.backoff(), log::add);
    }

    @AfterEach
    void stop() {
        pipelines.close();
        server.close();
    }

    private HttpPipeline pipeline(Duration timeout, int maxRetries, RateLimits limits) {
        ModelSettings spec = new ModelSettings("judge", "plain", "m", server.url("/v1").toString(), null, null,
                Map.of(), Map.of(), timeout, maxRetries, limits);
        return pipelines.pipeline(spec, limits, null, null);
    }

    /**
     * A pipeline (attempt limit 60 s) whose model has answered once: its gate is open, so the calls of a
     * test go at once instead of waiting for a first one to go alone.
     */
    private HttpPipeline answeredOnce(int maxRetries, RateLimits limits) throws ModelCallException {
        server.enqueue(ok());
        HttpPipeline pipeline = pipeline(Duration.ofSeconds(60), maxRetries, limits);
        pipeline.execute(post(pipeline));
        return pipeline;
    }

    private static RateLimits limits(int maxConcurrency, Duration maxRetryTime, Duration firstByte) {
        return new RateLimits(maxConcurrency, OptionalDouble.empty(), maxRetryTime, Optional.empty(),
                Optional.ofNullable(firstByte));
    }

    private static Request.Builder post(HttpPipeline pipeline) {
        return new Request.Builder().url(pipeline.baseUrl().newBuilder().addPathSegment("generate").build())
                .post(RequestBody.create("Hi", TEXT));
    }

    private static MockResponse ok() {
        return new MockResponse.Builder().body("{\"text\":\"fine\"}").build();
    }

    private static MockResponse stall() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }

    /** Runs {@code calls} calls at once; returns each one's attempts ("2 attempts") or failure message. */
    private static List<String> concurrently(int calls, HttpPipeline pipeline) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                tasks.add(() -> {
                    try {
                        HttpExchange exchange = pipeline.execute(post(pipeline));
                        return exchange.successful() ? exchange.attempts() : "HTTP " + exchange.code();
                    } catch (ModelCallException e) {
                        return e.getMessage();
                    }
                });
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> outcome : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                outcomes.add(outcome.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    @DisplayName("timeouts that fit model calls")
    class Timeouts {

        @Test
        @DisplayName("a server that stalls before its reply is cut by the first-byte timeout and the call retried,"
                + " long before the attempt's whole limit")
        void stallCutAndRetried() throws Exception {
            server.enqueue(stall());
            server.enqueue(ok());
            HttpPipeline pipeline = pipeline(Duration.ofSeconds(60), 2, limits(4, Duration.ofSeconds(120),
                    Duration.ofMillis(300)));
            long start = System.nanoTime();

            HttpExchange exchange = pipeline.execute(post(pipeline));

            assertThat(exchange.body()).isEqualTo("{\"text\":\"fine\"}");
            assertThat(exchange.attempts()).isEqualTo("2 attempts");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GENEROUS);
        }

        @Test
        @DisplayName("the failure says which timeout cut the attempts")
        void namesTheTimeout() {
            server.enqueue(stall());
            server.enqueue(stall());
            HttpPipeline pipeline = pipeline(Duration.ofSeconds(60), 1, limits(4, Duration.ofSeconds(120),
                    Duration.ofMillis(200)));

            assertThatThrownBy(() -> pipeline.execute(post(pipeline)))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: timed out after 200 ms waiting for the first byte (2 attempts)");
        }

        @Test
        @DisplayName("a reply that trickles in is cut at the attempt's whole limit, however steadily its bytes come")
        void wholeAttemptLimit() {
            server.enqueue(new MockResponse.Builder().body("x".repeat(200)).throttleBody(1, 50, TimeUnit.MILLISECONDS)
                    .build());
            HttpPipeline pipeline = pipeline(Duration.ofSeconds(1), 0, limits(4, Duration.ofSeconds(120), null));
            long start = System.nanoTime();

            assertThatThrownBy(() -> pipeline.execute(post(pipeline)))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: timed out after 1 s (1 attempt)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the body alone would take 10 s")
                    .isLessThan(Duration.ofSeconds(8));
        }

        @Test
        @DisplayName("the whole-attempt deadline ends with its attempt: the pooled connection serves later calls")
        void deadlineDoesNotOutliveItsAttempt() throws Exception {
            server.enqueue(ok());
            server.enqueue(ok());
            HttpPipeline pipeline = pipeline(Duration.ofSeconds(1), 0, limits(4, Duration.ofSeconds(120), null));

            pipeline.execute(post(pipeline));
            Thread.sleep(1_500);
            HttpExchange later = pipeline.execute(post(pipeline));

            assertThat(later.successful()).isTrue();
            server.takeRequest();
            assertThat(server.takeRequest().getConnectionIndex()).as("the same connection").isZero();
        }

        @Test
        @DisplayName("default to 10 s to connect and a third of the attempt's limit for the first byte")
        void defaults() {
            assertThat(RateLimits.DEFAULT.connectTimeout(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(10));
            assertThat(RateLimits.DEFAULT.firstByteTimeout(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(20));
            assertThat(RateLimits.DEFAULT.connectTimeout(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
            assertThat(limits(1, Duration.ofSeconds(1), Duration.ofSeconds(90)).firstByteTimeout(Duration.ofSeconds(60)))
                    .as("never beyond the attempt's limit").isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Nested
    @DisplayName("permits come back")
    class Permits {

        @Test
        @DisplayName("a stalled call gives its permit back when its timeout cuts it, and the calls behind it flow")
        void stalledCallReleasesPermit() throws Exception {
            HttpPipeline pipeline = answeredOnce(2, limits(1, Duration.ofSeconds(120),
                    Duration.ofMillis(300)));
            server.enqueue(stall());
            for (int i = 0; i < 6; i++) {
                server.enqueue(ok());
            }

            List<String> outcomes = concurrently(6, pipeline);

            assertThat(outcomes).hasSize(6).containsOnly("1 attempt", "2 attempts").containsOnlyOnce("2 attempts");
            assertThat(server.getRequestCount()).isEqualTo(1 + 7);
            assertThat(pipelines.concurrencyLimit(server.url("/").toString())).hasValue(1);
        }

        @Test
        @DisplayName("a call cancelled while it waits for a stalled server gives its permit back")
        void cancelledCallReleasesPermit() throws Exception {
            HttpPipeline pipeline = answeredOnce(0, limits(1, Duration.ofSeconds(120), null));
            server.enqueue(stall());
            server.enqueue(ok());

            Call stalled = pipeline.client().newCall(post(pipeline).build());
            CompletableFuture<Void> cancelled = CompletableFuture.runAsync(() -> {
                try {
                    stalled.execute().close();
                } catch (IOException expected) {
                    // cancelled
                }
            });
            server.takeRequest(10, TimeUnit.SECONDS);
            server.takeRequest(10, TimeUnit.SECONDS);
            stalled.cancel();
            cancelled.get(10, TimeUnit.SECONDS);

            CompletableFuture<HttpExchange> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return pipeline.execute(post(pipeline));
                } catch (ModelCallException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(next.get(10, TimeUnit.SECONDS).successful()).isTrue();
        }
    }

    @Nested
    @DisplayName("a 429 storm")
    class Storm {

        @Test
        @DisplayName("an isolated 429 with Retry-After does not pause other calls: the next one goes at once")
        void isolatedDoesNotPause() throws Exception {
            // A retry time limit of 2 s ends the 429'd call at once instead of waiting its 5 s.
            HttpPipeline pipeline = answeredOnce(0, limits(8, Duration.ofSeconds(2), null));
            server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "5").build());
            server.enqueue(ok());

            assertThat(pipeline.execute(post(pipeline)).code()).isEqualTo(429);
            HttpExchange next = pipeline.execute(post(pipeline));

            assertThat(next.successful()).isTrue();
            assertThat(time.sleeps()).as("no pause").isEmpty();
            assertThat(pipelines.concurrencyLimit(server.url("/").toString())).as("not lowered").hasValue(8);
        }

        @Test
        @DisplayName("clustered 429s with Retry-After (4 of the last 8 replies) pause the endpoint: a call that starts"
                + " during the pause waits it out first")
        void clusterPausesNewCalls() throws Exception {
            HttpPipeline pipeline = answeredOnce(0, limits(8, Duration.ofSeconds(2), null));
            for (int i = 0; i < EndpointHold.STORM_REPLIES; i++) {
                server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "5").build());
            }
            server.enqueue(ok());

            for (int i = 0; i < EndpointHold.STORM_REPLIES; i++) {
                assertThat(pipeline.execute(post(pipeline)).code()).isEqualTo(429);
            }
            assertThat(time.sleeps()).as("the first three 429s paused no one").isEmpty();
            HttpExchange next = pipeline.execute(post(pipeline));

            assertThat(next.successful()).isTrue();
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
            assertThat(pipelines.concurrencyLimit(server.url("/").toString())).as("not lowered").hasValue(8);
        }

        @Test
        @DisplayName("with Retry-After keeps the limit, sends nothing before the wait asked, and every call completes")
        void pausesAndResumes() throws Exception {
            HttpPipeline pipeline = answeredOnce(10, limits(8, Duration.ofSeconds(120), null));
            AtomicInteger served = new AtomicInteger();
            List<Instant> okArrivals = new CopyOnWriteArrayList<>();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (served.incrementAndGet() <= 8) {
                        return new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build();
                    }
                    okArrivals.add(time.instant());
                    return ok();
                }
            });

            List<String> outcomes = concurrently(8, pipeline);

            assertThat(outcomes).hasSize(8).allSatisfy(outcome -> assertThat(outcome).matches("\\d+ attempts?"));
            assertThat(okArrivals).hasSize(8).allSatisfy(arrival ->
                    assertThat(arrival).as("no request before the wait asked").isAfterOrEqualTo(FakeTime.START.plusSeconds(2)));
            assertThat(pipelines.concurrencyLimit(server.url("/").toString())).hasValue(8);
            pipelines.close();
            assertThat(log).singleElement().asString()
                    .startsWith("[evalunit] rate limited by " + server.url("/").host() + ":" + server.getPort()
                            + ": new attempts paused ")
                    .doesNotContain("concurrency lowered");
        }

        @Test
        @DisplayName("without a wait lowers the limit once per window, not once per 429, and it grows back after")
        void lowersOncePerWindowAndRecovers() throws Exception {
            HttpPipeline pipeline = answeredOnce(16, limits(16, Duration.ofSeconds(120), null));
            AtomicInteger served = new AtomicInteger();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return served.incrementAndGet() <= 16 ? new MockResponse.Builder().code(429).build() : ok();
                }
            });

            List<String> outcomes = concurrently(16, pipeline);

            assertThat(outcomes).hasSize(16).allSatisfy(outcome -> assertThat(outcome).matches("\\d+ attempts?"));
            AdaptiveConcurrency.History history = limitOf(pipeline);
            assertThat(history.decreases()).as("16 429s, each call retrying at once (the backoff does not sleep)")
                    .isBetween(1, 3);
            assertThat(history.lowest()).as("the floor").isGreaterThanOrEqualTo(2);
            for (int i = 0; i < 16; i++) {
                pipeline.execute(post(pipeline));
            }
            assertThat(pipelines.concurrencyLimit(server.url("/").toString())).as("back after the storm").hasValue(16);
        }

        private AdaptiveConcurrency.History limitOf(HttpPipeline pipeline) {
            return pipelines.limitOf(Endpoint.of(pipeline.baseUrl())).history();
        }
    }

    @Nested
    @DisplayName("the retry clock")
    class RetryClock {

        @Test
        @DisplayName("starts when an attempt starts: a call that waited long for a permit still gets its retries")
        void permitWaitNotCounted() throws Exception {
            HttpPipeline pipeline = answeredOnce(3, limits(1, Duration.ofSeconds(10), null));
            server.enqueue(new MockResponse.Builder().body("{\"text\":\"slow\"}").headersDelay(1, TimeUnit.SECONDS).build());
            server.enqueue(new MockResponse.Builder().code(500).build());
            server.enqueue(ok());

            CompletableFuture<HttpExchange> slow = CompletableFuture.supplyAsync(() -> execute(pipeline));
            server.takeRequest(10, TimeUnit.SECONDS);
            server.takeRequest(10, TimeUnit.SECONDS);
            Thread queued = new Thread(() -> queuedOutcome = execute(pipeline));
            queued.start();
            awaitWaiting(queued);
            time.advance(Duration.ofSeconds(60));
            slow.get(10, TimeUnit.SECONDS);
            queued.join(10_000);

            assertThat(queuedOutcome.successful()).isTrue();
            assertThat(queuedOutcome.attempts()).as("60 s in the queue, then a 500 and a retry").isEqualTo("2 attempts");
        }

        private volatile HttpExchange queuedOutcome;

        private HttpExchange execute(HttpPipeline pipeline) {
            try {
                return pipeline.execute(post(pipeline));
            } catch (ModelCallException e) {
                throw new IllegalStateException(e);
            }
        }

        private void awaitWaiting(Thread thread) throws InterruptedException {
            for (int i = 0; i < 1000 && thread.getState() != Thread.State.WAITING; i++) {
                Thread.sleep(5);
            }
            assertThat(thread.getState()).as("waiting for the permit").isEqualTo(Thread.State.WAITING);
        }
    }
}
