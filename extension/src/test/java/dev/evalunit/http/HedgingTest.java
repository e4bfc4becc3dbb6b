package dev.evalunit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, hedging: an attempt without a reply after the model's latency percentile gets one second
 * attempt; the first reply wins and the other is cancelled. The first-byte timeout is 60 s here, so a call
 * that ends within seconds of a stall was answered by its hedge; bounds are generous for a loaded machine.
 */
@DisplayName("Hedging the slowest attempts")
class HedgingTest {

    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final Hedging P95_AT_LEAST_500_MS = new Hedging(95, Duration.ofMillis(500));

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

    private static RateLimits limits(int maxConcurrency) {
        return new RateLimits(maxConcurrency, OptionalDouble.empty(), Duration.ofSeconds(120), Optional.empty(),
                Optional.of(MINUTE));
    }

    /** A pipeline whose model has answered {@link LatencyPercentile#MIN_SAMPLES} times, so that its percentile is known. */
    private HttpPipeline warmedUp(RateLimits limits) throws ModelCallException {
        HttpPipeline pipeline = pipeline(limits);
        for (int i = 0; i < LatencyPercentile.MIN_SAMPLES; i++) {
            server.enqueue(reply("warm-up"));
            assertThat(pipeline.execute(post(pipeline)).body()).isEqualTo("{\"text\":\"warm-up\"}");
        }
        return pipeline;
    }

    /** A pipeline of the model {@code judge} on the server, with {@code limits}. */
    private HttpPipeline pipeline(RateLimits limits) {
        ModelSettings spec = new ModelSettings("judge", "plain", "m", server.url("/v1").toString(), null, null,
                Map.of(), Map.of(), MINUTE, 2, limits);
        return pipelines.pipeline(spec, limits, null, null);
    }

    /** A call through {@code pipeline} on another thread, so that a test can bound its wait. */
    private static CompletableFuture<HttpExchange> inBackground(HttpPipeline pipeline) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return pipeline.execute(post(pipeline));
            } catch (ModelCallException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Request.Builder post(HttpPipeline pipeline) {
        return new Request.Builder().url(pipeline.baseUrl().newBuilder().addPathSegment("generate").build())
                .post(RequestBody.create("Hi", TEXT));
    }

    private static MockResponse reply(String text) {
        return new MockResponse.Builder().body("{\"text\":\"" + text + "\"}").build();
    }

    private static MockResponse stall() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }

    private AdaptiveConcurrency limitOf(HttpPipeline pipeline) {
        return pipelines.limitOf(Endpoint.of(pipeline.baseUrl()));
    }

    @Nested
    @DisplayName("with hedge-after-percentile set")
    class On {

        @Test
        @DisplayName("a stalled attempt is hedged, the hedge's reply is used, and the end-of-run line counts 1 sent, 1 won")
        void stalledAttemptHedged() throws Exception {
            HttpPipeline pipeline = warmedUp(limits(4).withHedging(P95_AT_LEAST_500_MS));
            server.enqueue(stall());
            server.enqueue(reply("from the hedge"));
            int before = server.getRequestCount();

            long start = System.nanoTime();
            HttpExchange exchange = pipeline.execute(post(pipeline));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(exchange.body()).isEqualTo("{\"text\":\"from the hedge\"}");
            assertThat(exchange.attempts()).isEqualTo("1 attempt");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThan(Duration.ofSeconds(20));
            assertThat(server.getRequestCount() - before).isEqualTo(2);
            assertThat(pipelines.hedgesOf("judge")).containsExactly(1, 1);
            pipelines.close();
            assertThat(log).anySatisfy(line -> assertThat(line)
                    .startsWith("[evalunit] hedged model [judge] on ")
                    .contains(": 1 second attempt sent after the p95 latency (at least 500 ms; last ")
                    .endsWith(" ms), 1 won"));
        }

        @Test
        @DisplayName("the loser is cancelled and gives its permit back: a following call is not blocked")
        void loserCancelledPermitReturned() throws Exception {
            HttpPipeline pipeline = warmedUp(limits(2).withHedging(P95_AT_LEAST_500_MS));
            server.enqueue(stall());
            server.enqueue(reply("from the hedge"));
            assertThat(pipeline.execute(post(pipeline)).body()).contains("from the hedge");

            AdaptiveConcurrency limit = limitOf(pipeline);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (limit.inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(limit.inFlight()).isZero();

            server.enqueue(reply("next"));
            server.enqueue(reply("next, hedged"));
            assertThat(inBackground(pipeline).get(20, TimeUnit.SECONDS).body()).contains("next");
        }

        @Test
        @DisplayName("a reply within the percentile sends no second attempt")
        void fastReplyNotHedged() throws Exception {
            HttpPipeline pipeline = warmedUp(limits(4).withHedging(new Hedging(95, Duration.ofSeconds(5))));
            server.enqueue(reply("fast"));
            int before = server.getRequestCount();

            assertThat(pipeline.execute(post(pipeline)).body()).contains("fast");

            assertThat(server.getRequestCount() - before).isEqualTo(1);
            assertThat(pipelines.hedgesOf("judge")).containsExactly(0, 0);
        }
    }

    @Nested
    @DisplayName("its latency estimate")
    class Shared {

        @Test
        @DisplayName("is shared by the pipelines of one model that declare equal hedging")
        void sharedByEqualHedging() throws Exception {
            warmedUp(limits(4).withHedging(P95_AT_LEAST_500_MS));
            HttpPipeline second = pipeline(limits(4).withHedging(new Hedging(95, Duration.ofMillis(500))));
            server.enqueue(stall());
            server.enqueue(reply("from the hedge"));

            CompletableFuture<HttpExchange> call = inBackground(second);

            assertThat(call.get(20, TimeUnit.SECONDS).body()).isEqualTo("{\"text\":\"from the hedge\"}");
            assertThat(pipelines.hedgesOf("judge")).containsExactly(1, 1);
        }

        @Test
        @DisplayName("is keyed by the percentile and the floor together")
        void hedgingEquality() {
            Hedging p95 = new Hedging(95, Duration.ofMillis(500));

            assertThat(p95).isEqualTo(P95_AT_LEAST_500_MS).hasSameHashCodeAs(P95_AT_LEAST_500_MS)
                    .isNotEqualTo(new Hedging(99, Duration.ofMillis(500)))
                    .isNotEqualTo(new Hedging(95, Duration.ofMillis(501)))
                    .isNotEqualTo(null);
        }
    }

    @Nested
    @DisplayName("by default")
    class Off {

        @Test
        @DisplayName("a model's limits do not hedge")
        void offByDefault() {
            assertThat(RateLimits.DEFAULT.hedging()).isEmpty();
            assertThat(limits(4).hedging()).isEmpty();
        }

        @Test
        @DisplayName("a slow reply is waited for: one request, no end-of-run line")
        void slowReplyOneRequest() throws Exception {
            HttpPipeline pipeline = warmedUp(limits(4));
            server.enqueue(new MockResponse.Builder().body("{\"text\":\"slow\"}")
                    .headersDelay(1500, TimeUnit.MILLISECONDS).build());
            server.enqueue(reply("would be a hedge"));
            int before = server.getRequestCount();

            assertThat(pipeline.execute(post(pipeline)).body()).contains("slow");

            assertThat(server.getRequestCount() - before).isEqualTo(1);
            pipelines.close();
            assertThat(log).noneMatch(line -> line.contains("hedged"));
        }
    }
}
