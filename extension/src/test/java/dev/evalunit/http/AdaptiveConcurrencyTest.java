package dev.evalunit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.http.AdaptiveConcurrency.Decrease;
import dev.evalunit.http.AdaptiveConcurrency.Permit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("AdaptiveConcurrency")
class AdaptiveConcurrencyTest {

    private static void succeed(AdaptiveConcurrency limit, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            limit.succeeded(limit.acquire());
        }
    }

    @Nested
    @DisplayName("on a 429")
    class Decrease429 {

        @Test
        @DisplayName("starts at the maximum and halves, down to 1 and no further")
        void halves() throws InterruptedException {
            AdaptiveConcurrency limit = new AdaptiveConcurrency(5);
            List<Integer> limits = new ArrayList<>(List.of(limit.limit()));

            for (int i = 0; i < 4; i++) {
                limit.rateLimited(limit.acquire());
                limits.add(limit.limit());
            }

            assertThat(limits).containsExactly(5, 2, 1, 1, 1);
        }

        @Test
        @DisplayName("reports each change once, and none when already at 1")
        void reportsChanges() throws InterruptedException {
            AdaptiveConcurrency limit = new AdaptiveConcurrency(2);

            assertThat(limit.rateLimited(limit.acquire())).contains(new Decrease(2, 1));
            assertThat(limit.rateLimited(limit.acquire())).isEmpty();
        }

        @Test
        @DisplayName("halves once for a burst of 429s answering attempts sent under the same limit")
        void oncePerBurst() throws InterruptedException {
            AdaptiveConcurrency limit = new AdaptiveConcurrency(8);
            List<Permit> inFlight = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                inFlight.add(limit.acquire());
            }

            List<Boolean> halved = new ArrayList<>();
            for (Permit permit : inFlight) {
                halved.add(limit.rateLimited(permit).isPresent());
            }

            assertThat(halved).containsExactly(true, false, false, false, false, false, false, false);
            assertThat(limit.limit()).isEqualTo(4);
            limit.rateLimited(limit.acquire());
            assertThat(limit.limit()).as("a 429 to an attempt sent under the new limit").isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("in a 429 storm")
    class Storm {

        @Test
        @DisplayName("stops at its floor, an eighth of the maximum, however many windows of 429s")
        void floor() throws InterruptedException {
            AdaptiveConcurrency limit = new AdaptiveConcurrency(64);

            for (int i = 0; i < 20; i++) {
                limit.rateLimited(limit.acquire());
            }

            assertThat(limit.limit()).isEqualTo(8);
            assertThat(limit.history()).isEqualTo(new AdaptiveConcurrency.History(3, 8, 8, 64));
            assertThat(AdaptiveConcurrency.floor(4)).isEqualTo(1);
            assertThat(AdaptiveConcurrency.floor(9)).isEqualTo(2);
        }

        @Test
        @DisplayName("decreases once for a window full of 429s, not once per 429")
        void oncePerWindow() throws InterruptedException {
            AdaptiveConcurrency limit = new AdaptiveConcurrency(64);
            for (int window = 0; window < 2; window++) {
                List<Permit> inFlight = new ArrayList<>();
                for (int i = 0; i < limit.limit(); i++) {
                    inFlight.add(limit.acquire());
                }
                inFlight.forEach(limit::rateLimited);
            }

            assertThat(limit.history().decreases()).as("96 429s in two windows").isEqualTo(2);
            assertThat(limit.limit()).isEqualTo(16);
        }

        @Test
        @DisplayName("keeps its limit on a 429 that names a wait (the endpoint pauses instead), and gives the permit back")
        void pausedKeepsLimit() throws InterruptedException {
            AdaptiveConcurrency limit = new AdaptiveConcurrency(4);

            for (int i = 0; i < 10; i++) {
                limit.paused(limit.acquire());
            }

            assertThat(limit.limit()).isEqualTo(4);
            assertThat(limit.inFlight()).isZero();
            assertThat(limit.history().decreases()).isZero();
        }
    }

    @Nested
    @DisplayName("after successes")
    class Increase {

        @Test
        @DisplayName("doubles back after a window of successes (as many in a row as the limit), up to the maximum")
        void recoversQuickly() throws InterruptedException {
            AdaptiveConcurrency limit = new AdaptiveConcurrency(8);
            limit.rateLimited(limit.acquire());
            limit.rateLimited(limit.acquire());
            assertThat(limit.limit()).isEqualTo(2);

            succeed(limit, 1);
            assertThat(limit.limit()).isEqualTo(2);
            succeed(limit, 1);
            assertThat(limit.limit()).isEqualTo(4);
            succeed(limit, 3);
            assertThat(limit.limit()).isEqualTo(4);
            succeed(limit, 1);
            assertThat(limit.limit()).isEqualTo(8);
            succeed(limit, 100);
            assertThat(limit.limit()).isEqualTo(8);
        }

        @Test
        @DisplayName("starts counting again after any 429, even one that does not halve it")
        void countResets() throws InterruptedException {
            AdaptiveConcurrency limit = new AdaptiveConcurrency(8);
            Permit sentEarly = limit.acquire();
            limit.rateLimited(limit.acquire());
            succeed(limit, 3);

            limit.rateLimited(sentEarly);
            succeed(limit, 3);

            assertThat(limit.limit()).isEqualTo(4);
            succeed(limit, 1);
            assertThat(limit.limit()).isEqualTo(8);
        }

        @Test
        @DisplayName("neither grows nor shrinks on other failures")
        void otherFailures() throws InterruptedException {
            AdaptiveConcurrency limit = new AdaptiveConcurrency(4);
            limit.rateLimited(limit.acquire());

            for (int i = 0; i < 10; i++) {
                limit.finished(limit.acquire());
            }

            assertThat(limit.limit()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("lets an attempt start only when one in flight ends, once the limit is reached")
    void blocks() throws Exception {
        AdaptiveConcurrency limit = new AdaptiveConcurrency(2);
        Permit first = limit.acquire();
        limit.acquire();

        CompletableFuture<Permit> third = CompletableFuture.supplyAsync(() -> {
            try {
                return limit.acquire();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(third).isNotDone();

        limit.finished(first);
        assertThat(third.get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    @DisplayName("takes the smallest maximum declared for its endpoint")
    void smallestMaximum() {
        AdaptiveConcurrency limit = new AdaptiveConcurrency(64);

        limit.lowerMaximum(16);
        limit.lowerMaximum(32);

        assertThat(limit.maximum()).isEqualTo(16);
        assertThat(limit.limit()).isEqualTo(16);
    }
}
