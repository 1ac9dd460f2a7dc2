package dev.userinfo.adapter.cognito;

import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.UserAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lookup in front of another that counts its calls and, while {@link #block() blocked}, holds every
 * call until {@link #release() released}: the stand-in for a pool that is slow to answer.
 */
final class StubLookup implements UserAttributeLookup {

    private final UserAttributeLookup delegate;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object gate = new Object();
    private boolean blocked;

    StubLookup(UserAttributeLookup delegate) {
        this.delegate = delegate;
    }

    @Override
    public UserAttributes lookup(String username, String sub) {
        calls.incrementAndGet();
        inFlight.incrementAndGet();
        try {
            synchronized (gate) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (blocked) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("a blocked lookup was never released");
                    }
                    gate.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                }
            }
            return delegate.lookup(username, sub);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Calls from now on wait until {@link #release()}. */
    void block() {
        synchronized (gate) {
            blocked = true;
        }
    }

    void release() {
        synchronized (gate) {
            blocked = false;
            gate.notifyAll();
        }
    }

    int calls() {
        return calls.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Waits until no call is in flight (background reloads finished). */
    void awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(inFlight.get() + " lookups still in flight");
            }
            Thread.sleep(1);
        }
    }

    /** Waits until exactly this many calls are in flight. */
    void awaitInFlight(int expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(inFlight.get() + " lookups in flight, expected " + expected);
            }
            Thread.sleep(1);
        }
    }
}
