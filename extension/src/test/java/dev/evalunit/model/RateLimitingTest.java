package dev.evalunit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.config.SecretReference;
import dev.evalunit.http.FakeTime;
import dev.evalunit.http.RateLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Rate limiting and bounded retries")
class RateLimitingTest {

    private static final SecretReference NO_SECRETS = new SecretReference(name -> null, name -> null);
    private static final String REPLY = "{\"choices\":[{\"message\":{\"content\":\"fine\"}}]}";

    private final FakeTime time = new FakeTime();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private MockWebServer server;
    private ModelClients clients;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        clients = new ModelClients(time.backoff(), ClientDecorator.NONE, log::add);
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private String baseUrl() {
        return server.url("/v1").toString();
    }

    private ModelSettings settings(String name, int maxRetries, RateLimits limits) {
        return new ModelSettings(name, "openai", "gpt-test", baseUrl(), null, null, Map.of(), Map.of(),
                Duration.ofSeconds(5), maxRetries, limits);
    }

    private ModelClient client(int maxRetries, RateLimits limits) {
        return clients.create(settings("judge", maxRetries, limits), NO_SECRETS);
    }

    private static RateLimits maxConcurrency(int max) {
        return new RateLimits(max, OptionalDouble.empty(), Duration.ofSeconds(120));
    }

    private static MockResponse ok() {
        return new MockResponse.Builder().body(REPLY).build();
    }

    private static MockResponse tooManyRequests() {
        return new MockResponse.Builder().code(429).build();
    }

    private int limit() {
        return clients.concurrencyLimit(baseUrl()).orElseThrow();
    }

    /** Runs {@code calls} at once on their own threads; returns each call's failure message, or "ok". */
    private static List<String> concurrently(int calls, ModelClient client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                tasks.add(() -> {
                    try {
                        client.complete(ModelRequest.ofUser("Hi"));
                        return "ok";
                    } catch (ModelCallException e) {
                        return e.getMessage();
                    }
                });
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> outcome : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
                outcomes.add(outcome.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    @DisplayName("adaptive concurrency per endpoint")
    class AdaptiveConcurrencyPerEndpoint {

        @Test
        @DisplayName("starts at the configured maximum, halves on a 429 and doubles back after a window of successes")
        void halvesAndGrows() throws Exception {
            ModelClient client = client(0, maxConcurrency(8));
            assertThat(limit()).isEqualTo(8);

            server.enqueue(tooManyRequests());
            assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("Hi"))).isInstanceOf(ModelCallException.class);
            assertThat(limit()).isEqualTo(4);
            server.enqueue(tooManyRequests());
            assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("Hi"))).isInstanceOf(ModelCallException.class);
            assertThat(limit()).isEqualTo(2);

            List<Integer> limits = new ArrayList<>();
            for (int i = 0; i < 2 + 4 + 2; i++) {
                server.enqueue(ok());
                client.complete(ModelRequest.ofUser("Hi"));
                limits.add(limit());
            }
            assertThat(limits).containsExactly(2, 4, 4, 4, 4, 8, 8, 8);
        }

        @Test
        @DisplayName("logs nothing while it changes, and one line per endpoint at the end of the run")
        void logLine() {
            ModelClient client = client(0, maxConcurrency(16));
            for (int i = 0; i < 4; i++) {
                server.enqueue(tooManyRequests());
                assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("Hi")))
                        .hasMessage("model [judge]: HTTP 429 after 1 attempt");
            }
            server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").build());
            assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("Hi"))).isInstanceOf(ModelCallException.class);
            assertThat(log).isEmpty();

            clients.close();

            assertThat(log).containsExactly("[evalunit] rate limited by " + server.url("/").host() + ":" + server.getPort()
                    + ": concurrency lowered 3 times (lowest 2 of 16, now 2); new attempts paused once for the wait the"
                    + " server asked (3.0 s in all)");
        }

        @Test
        @DisplayName("is shared by the models on one endpoint, with the smallest maximum they declare")
        void sharedPerEndpoint() throws Exception {
            ModelClient judge = clients.create(settings("judge", 0, maxConcurrency(16)), NO_SECRETS);
            clients.create(settings("candidate", 0, maxConcurrency(6)), NO_SECRETS);
            assertThat(limit()).isEqualTo(6);

            server.enqueue(tooManyRequests());
            assertThatThrownBy(() -> judge.complete(ModelRequest.ofUser("Hi"))).isInstanceOf(ModelCallException.class);

            assertThat(limit()).isEqualTo(3);
            try (MockWebServer other = new MockWebServer()) {
                other.start();
                clients.create(ModelSettings.openAi("other", other.url("/v1").toString()), NO_SECRETS);
                assertThat(clients.concurrencyLimit(other.url("/v1").toString())).hasValue(64);
            }
            assertThat(clients.concurrencyLimit("http://never-called.test/v1")).isEmpty();
        }

        @Test
        @DisplayName("never lets more attempts reach the endpoint at once than the limit")
        void boundsInFlight() throws Exception {
            InFlightTracking tracking = new InFlightTracking(2);
            server.setDispatcher(tracking);

            List<String> outcomes = concurrently(8, client(0, maxConcurrency(2)));

            assertThat(outcomes).containsOnly("ok").hasSize(8);
            assertThat(tracking.maxInFlight()).isEqualTo(2);
        }

        @Test
        @DisplayName("never lets more attempts reach the endpoint at once than the limit as it shrinks and grows")
        void boundsInFlightWhileAdapting() throws Exception {
            ModelClient client = client(0, maxConcurrency(4));
            server.enqueue(tooManyRequests());
            assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("Hi"))).isInstanceOf(ModelCallException.class);
            assertThat(limit()).isEqualTo(2);
            InFlightTracking tracking = new InFlightTracking(4) {
                @Override
                int currentLimit() {
                    return limit();
                }
            };
            server.setDispatcher(tracking);

            List<String> outcomes = concurrently(12, client);

            assertThat(outcomes).containsOnly("ok").hasSize(12);
            assertThat(tracking.overLimit()).as("arrivals beyond the limit of the moment").isZero();
            assertThat(tracking.maxInFlight()).isBetween(2, 4);
            assertThat(limit()).isEqualTo(4);
        }
    }

    /**
     * Answers each request once as many are in flight as the limit allows (or after at most 300 ms),
     * and a short while later still, so that an attempt let through beyond the limit would be seen in
     * flight with them.
     */
    private static class InFlightTracking extends Dispatcher {
        private static final long FILL_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
        private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(30);

        private final int limit;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        private int inFlight;
        private int maxInFlight;
        private int overLimit;

        InFlightTracking(int limit) {
            this.limit = limit;
        }

        int currentLimit() {
            return limit;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            int allowed = currentLimit();
            lock.lock();
            try {
                inFlight++;
                maxInFlight = Math.max(maxInFlight, inFlight);
                if (inFlight > allowed) {
                    overLimit++;
                }
                arrived.signalAll();
                long deadline = System.nanoTime() + FILL_NANOS;
                while (inFlight < allowed && System.nanoTime() < deadline) {
                    arrived.awaitNanos(deadline - System.nanoTime());
                }
                long lingerEnd = System.nanoTime() + LINGER_NANOS;
                while (System.nanoTime() < lingerEnd) {
                    arrived.awaitNanos(lingerEnd - System.nanoTime());
                }
                inFlight--;
            } finally {
                lock.unlock();
            }
            return ok();
        }

        int maxInFlight() {
            lock.lock();
            try {
                return maxInFlight;
            } finally {
                lock.unlock();
            }
        }

        int overLimit() {
            lock.lock();
            try {
                return overLimit;
            } finally {
                lock.unlock();
            }
        }
    }

    @Nested
    @DisplayName("rate-limit headers")
    class ServerHeaders {

        @Test
        @DisplayName("wait as retry-after-ms says before retrying a 429, ahead of Retry-After")
        void retryAfterMs() throws Exception {
            server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after-ms", "1500")
                    .addHeader("Retry-After", "7").build());
            server.enqueue(ok());

            client(3, RateLimits.DEFAULT).complete(ModelRequest.ofUser("Hi"));

            assertThat(time.sleeps()).containsExactly(Duration.ofMillis(1500));
        }

        @Test
        @DisplayName("wait as x-ratelimit-reset-requests says before retrying a 503 without Retry-After")
        void resetHeader() throws Exception {
            server.enqueue(new MockResponse.Builder().code(503).addHeader("x-ratelimit-remaining-requests", "0")
                    .addHeader("x-ratelimit-reset-requests", "6m0s").build());
            server.enqueue(ok());

            client(3, RateLimits.DEFAULT).complete(ModelRequest.ofUser("Hi"));

            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(60));
        }

        @Test
        @DisplayName("hold new attempts on the endpoint, for every model on it, once a success used up the budget")
        void preemptiveHold() throws Exception {
            server.enqueue(new MockResponse.Builder().body(REPLY).addHeader("x-ratelimit-remaining-requests", "0")
                    .addHeader("x-ratelimit-reset-requests", "1.5s").build());
            server.enqueue(ok());
            server.enqueue(ok());
            ModelClient judge = client(0, RateLimits.DEFAULT);
            ModelClient candidate = clients.create(settings("candidate", 0, RateLimits.DEFAULT), NO_SECRETS);

            judge.complete(ModelRequest.ofUser("Hi"));
            assertThat(time.sleeps()).isEmpty();
            candidate.complete(ModelRequest.ofUser("Hi"));
            assertThat(time.sleeps()).containsExactly(Duration.ofMillis(1500));
            judge.complete(ModelRequest.ofUser("Hi"));
            assertThat(time.sleeps()).as("the reset has passed").containsExactly(Duration.ofMillis(1500));
            assertThat(server.getRequestCount()).isEqualTo(3);
        }

        @Test
        @DisplayName("do not hold anything while requests remain")
        void noHold() throws Exception {
            server.enqueue(new MockResponse.Builder().body(REPLY).addHeader("x-ratelimit-remaining-requests", "4")
                    .addHeader("x-ratelimit-reset-requests", "1.5s").build());
            server.enqueue(ok());
            ModelClient client = client(0, RateLimits.DEFAULT);

            client.complete(ModelRequest.ofUser("Hi"));
            client.complete(ModelRequest.ofUser("Hi"));

            assertThat(time.sleeps()).isEmpty();
        }
    }

    @Nested
    @DisplayName("a requests-per-second cap")
    class RequestsPerSecond {

        private RateLimits perSecond(double rate) {
            return new RateLimits(64, OptionalDouble.of(rate), Duration.ofSeconds(120));
        }

        @Test
        @DisplayName("spaces attempts 1 / rate apart, letting the first go at once")
        void spacing() throws Exception {
            ModelClient client = client(0, perSecond(2.5));
            for (int i = 0; i < 3; i++) {
                server.enqueue(ok());
                client.complete(ModelRequest.ofUser("Hi"));
            }

            assertThat(time.sleeps()).containsExactly(Duration.ofMillis(400), Duration.ofMillis(400));
        }

        @Test
        @DisplayName("lets one attempt go at once after an idle spell, and no burst beyond it")
        void burstOfOne() throws Exception {
            ModelClient client = client(0, perSecond(2));
            server.enqueue(ok());
            client.complete(ModelRequest.ofUser("Hi"));

            time.advance(Duration.ofSeconds(10));
            server.enqueue(ok());
            server.enqueue(ok());
            client.complete(ModelRequest.ofUser("Hi"));
            client.complete(ModelRequest.ofUser("Hi"));

            assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
        }

        @Test
        @DisplayName("counts retries too: an attempt after a short backoff waits out the rest of its interval")
        void retries() throws Exception {
            server.enqueue(new MockResponse.Builder().code(500).build());
            server.enqueue(ok());

            client(3, perSecond(2.5)).complete(ModelRequest.ofUser("Hi"));

            assertThat(time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(300));
        }

        @Test
        @DisplayName("is shared by the clients of one model, and not by other models")
        void perModel() throws Exception {
            ModelClient first = client(0, perSecond(1));
            ModelClient second = client(0, perSecond(1));
            ModelClient other = clients.create(settings("candidate", 0, perSecond(1)), NO_SECRETS);
            for (int i = 0; i < 3; i++) {
                server.enqueue(ok());
            }

            first.complete(ModelRequest.ofUser("Hi"));
            other.complete(ModelRequest.ofUser("Hi"));
            assertThat(time.sleeps()).isEmpty();
            second.complete(ModelRequest.ofUser("Hi"));
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
        }
    }

    @Nested
    @DisplayName("retries, bounded")
    class BoundedRetries {

        private final Dispatcher storm = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build();
            }
        };

        /** 429s that ask no wait: each is a failed attempt, counted against max-retries. */
        private final Dispatcher busy = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build();
            }
        };

        @Test
        @DisplayName("in count: a 429 storm that asks no wait, with max-retries 3, makes exactly 4 requests per call")
        void count() throws Exception {
            server.setDispatcher(busy);

            List<String> outcomes = concurrently(5, client(3, RateLimits.DEFAULT));

            assertThat(outcomes).containsOnly("model [judge]: HTTP 429 after 4 attempts").hasSize(5);
            assertThat(server.getRequestCount()).isEqualTo(5 * 4);
            // Each call's three retries wait the second asked; a call may also wait out a pause another one's 429 set.
            assertThat(time.sleeps()).hasSizeGreaterThanOrEqualTo(5 * 3)
                    .allSatisfy(sleep -> assertThat(sleep).isLessThanOrEqualTo(Duration.ofSeconds(1)));
            assertThat(limit()).as("a 429 that names its wait pauses the endpoint instead of lowering its limit")
                    .isEqualTo(64);
            assertThat(log).doesNotHaveDuplicates();
        }

        @Test
        @DisplayName("in time: no retry starts once the time since the first attempt plus the wait would pass the limit")
        void totalTime() {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(429).addHeader("Retry-After", "50").build();
                }
            });
            ModelClient client = client(10, new RateLimits(64, OptionalDouble.empty(), Duration.ofSeconds(120)));

            assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: HTTP 429 after 3 attempts (retry time limit of 120 s reached)");
            assertThat(server.getRequestCount()).isEqualTo(3);
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(50), Duration.ofSeconds(50));
        }

        @Test
        @DisplayName("in time for connection failures too, and saying so before the cause")
        void totalTimeConnections() {
            for (int i = 0; i < 5; i++) {
                server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
            }
            ModelClient client = client(10, new RateLimits(64, OptionalDouble.empty(), Duration.ofSeconds(1)));

            assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessageStartingWith("model [judge]: connection failed after 4 attempts "
                            + "(retry time limit of 1 s reached): ");
            assertThat(time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                    Duration.ofMillis(400));
        }

        @Test
        @DisplayName("in time for timeouts too, saying so with the attempts")
        void totalTimeTimeouts() {
            for (int i = 0; i < 5; i++) {
                server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
            }
            ModelSettings settings = new ModelSettings("judge", "openai", "gpt-test", baseUrl(), null, null, Map.of(),
                    Map.of(), Duration.ofMillis(50), 10, new RateLimits(64, OptionalDouble.empty(), Duration.ofSeconds(1)));

            assertThatThrownBy(() -> clients.create(settings, NO_SECRETS).complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: timed out after 16 ms waiting for the first byte (4 attempts, retry time limit"
                            + " of 1 s reached)");
        }

        @Test
        @DisplayName("counting the waits of the rate cap and holds towards the time limit")
        void waitsCount() {
            server.setDispatcher(storm);
            ModelClient client = client(10, new RateLimits(64, OptionalDouble.of(0.5), Duration.ofSeconds(4)));

            assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("Hi")))
                    .hasMessage("model [judge]: HTTP 429 after 3 attempts (retry time limit of 4 s reached)");
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1));
        }

        @Test
        @DisplayName("not counting a 429 that names a wait: the server scheduled the call, which waits its turn")
        void scheduledNotCounted() throws Exception {
            for (int i = 0; i < 6; i++) {
                server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
            }
            server.enqueue(ok());

            client(2, RateLimits.DEFAULT).complete(ModelRequest.ofUser("Hi"));

            assertThat(server.getRequestCount()).as("six 429s with max-retries 2, then the answer").isEqualTo(7);
        }

        @Test
        @DisplayName("bounding a storm of 429s that name a wait by the retry time limit alone")
        void scheduledBoundedInTime() {
            server.setDispatcher(storm);
            ModelClient client = client(0, new RateLimits(64, OptionalDouble.empty(), Duration.ofSeconds(5)));

            assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("Hi")))
                    .hasMessage("model [judge]: HTTP 429 after 6 attempts (retry time limit of 5 s reached)");
            assertThat(server.getRequestCount()).as("five waits of 1 s fit in 5 s").isEqualTo(6);
        }

        @Test
        @DisplayName("so that a call never sends more requests than its settings' maxAttempts(), 429s that name a wait aside")
        void maxAttempts() {
            server.setDispatcher(busy);
            ModelSettings settings = settings("judge", 2, RateLimits.DEFAULT);

            assertThatThrownBy(() -> clients.create(settings, NO_SECRETS).complete(ModelRequest.ofUser("Hi")))
                    .hasMessage("model [judge]: HTTP 429 after 3 attempts");
            assertThat(server.getRequestCount()).isEqualTo(settings.maxAttempts());
        }
    }
}
