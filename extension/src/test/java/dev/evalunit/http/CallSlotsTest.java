package dev.evalunit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.execution.Workers;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, "keep calls in flight": a call that backs off gives its place to another, so that the
 * workers keep {@code evalunit.concurrency} calls in flight, and never more.
 */
@DisplayName("The workers' places")
class CallSlotsTest {

    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

    private MockWebServer server;
    private HttpPipelines pipelines;
    private final CountDownLatch backingOff = new CountDownLatch(1);
    private final CountDownLatch othersDone = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        // The backoff of the failing call lasts until the other calls are done (bounded by a timeout).
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> 0.5, delay -> {
            backingOff.countDown();
            othersDone.await(20, TimeUnit.SECONDS);
        }, Clock.systemUTC());
        pipelines = new HttpPipelines(backoff, line -> { });
    }

    @AfterEach
    void stop() {
        pipelines.close();
        server.close();
    }

    @Test
    @DisplayName("with 2 places and one call in backoff, two other calls are in flight at once, and never three")
    void backoffLeavesNoPlaceEmpty() throws Exception {
        AtomicInteger failing = new AtomicInteger();
        CountDownLatch bothInFlight = new CountDownLatch(2);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String path = request.getUrl().encodedPath();
                if (path.endsWith("/failing") && failing.incrementAndGet() == 1) {
                    return new MockResponse.Builder().code(500).build();
                }
                if (!path.endsWith("/other")) {
                    return new MockResponse.Builder().body("{\"text\":\"fine\"}").build();
                }
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                bothInFlight.countDown();
                bothInFlight.await(20, TimeUnit.SECONDS);
                inFlight.decrementAndGet();
                return new MockResponse.Builder().body("{\"text\":\"fine\"}").build();
            }
        });
        HttpPipeline pipeline = pipeline();
        // The model's first call goes alone (ModelGate); this one opens the gate.
        pipeline.execute(post(pipeline, "first"));
        ExecutorService workers = Workers.pool(2, "slots-test-");
        try {
            Future<Integer> failingCall = workers.submit(() -> pipeline.execute(post(pipeline, "failing")).code());
            assertThat(backingOff.await(20, TimeUnit.SECONDS)).as("the first call backs off").isTrue();
            Future<Integer> first = workers.submit(() -> pipeline.execute(post(pipeline, "other")).code());
            Future<Integer> second = workers.submit(() -> pipeline.execute(post(pipeline, "other")).code());

            assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(second.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            othersDone.countDown();
            assertThat(failingCall.get(20, TimeUnit.SECONDS)).as("retried after its backoff").isEqualTo(200);
            assertThat(mostInFlight.get()).as("both others in flight while the first backed off").isEqualTo(2);
        } finally {
            othersDone.countDown();
            workers.shutdownNow();
        }
    }

    @Test
    @DisplayName("never runs more tasks at once than places, though the pool has more threads")
    void neverMoreThanPlaces() throws Exception {
        ExecutorService workers = Workers.pool(2, "slots-test-");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try {
            Future<?>[] tasks = new Future<?>[8];
            for (int i = 0; i < tasks.length; i++) {
                tasks[i] = workers.submit(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                });
            }
            for (Future<?> task : tasks) {
                task.get(20, TimeUnit.SECONDS);
            }
            assertThat(most.get()).isEqualTo(2);
        } finally {
            workers.shutdownNow();
        }
    }

    private HttpPipeline pipeline() {
        RateLimits limits = new RateLimits(2, OptionalDouble.empty(), Duration.ofSeconds(120), Optional.empty(),
                Optional.empty());
        ModelSettings spec = new ModelSettings("judge", "plain", "m", server.url("/v1").toString(), null, null,
                Map.of(), Map.of(), Duration.ofSeconds(30), 2, limits);
        return pipelines.pipeline(spec, limits, null, null);
    }

    private static Request.Builder post(HttpPipeline pipeline, String path) {
        return new Request.Builder().url(pipeline.baseUrl().newBuilder().addPathSegment(path).build())
                .post(RequestBody.create("Hi", TEXT));
    }
}
