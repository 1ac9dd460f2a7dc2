package dev.userinfo.bootstrap.embedded;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, so lifetimes are tested at their exact boundaries. UTC; thread-safe
 * (a server's threads read what the test set).
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** A clock standing at {@code start} until {@link #advance} moves it. */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** A clock standing at 2030-01-01T00:00:00Z. */
    public MutableClock() {
        this(Instant.parse("2030-01-01T00:00:00Z"));
    }

    /** Moves the clock forward by {@code duration} (backward when it is negative). */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
