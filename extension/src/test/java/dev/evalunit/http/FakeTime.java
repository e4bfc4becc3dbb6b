package dev.evalunit.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when something sleeps on it (or a test moves it), recording each sleep. */
public final class FakeTime extends Clock {

    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private Instant now = START;

    @Override
    public synchronized Instant instant() {
        return now;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    public void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
    }

    public List<Duration> sleeps() {
        return sleeps;
    }

    /** Full-jitter backoff drawing half the ceiling (100 ms, 200 ms, 400 ms ...), on this clock. */
    public Backoff backoff() {
        return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> 0.5, this::sleep, this);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a fake clock stays in UTC");
    }
}
