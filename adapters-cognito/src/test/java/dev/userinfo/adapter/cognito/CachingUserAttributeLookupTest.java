package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.UserNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachingUserAttributeLookupTest {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final InMemoryUserAttributeLookup pool = new InMemoryUserAttributeLookup()
            .put("alice", Map.of("nickname", "Ally"), true)
            .put("bob", Map.of("nickname", "Bobby"), true);
    private final FakeTicker ticker = new FakeTicker();
    private final CachingUserAttributeLookup cache = new CachingUserAttributeLookup(pool, TTL, 1_000, ticker);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void repeatedLookupsWithinTheTtl_askThePoolOnce() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of("Ally"), cache.lookup("alice").attribute("nickname"));
            ticker.advance(Duration.ofSeconds(10));
        }

        assertEquals(1, pool.lookupCount());
    }

    @Test
    void changedNickname_isServedStaleUntilTheTtl_andFreshAfterIt() {
        cache.lookup("alice");
        pool.put("alice", Map.of("nickname", "Alicia"), true);

        ticker.advance(TTL.minusSeconds(1));
        assertEquals(Optional.of("Ally"), cache.lookup("alice").attribute("nickname"));

        ticker.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("Alicia"), cache.lookup("alice").attribute("nickname"));
        assertEquals(2, pool.lookupCount());
    }

    @Test
    void ttl_countsFromWhenTheLoadFinished_notWhenItStarted() {
        // A load that takes 50 s of the 60 s TTL must still give the answer a full 60 s of life.
        UserAttributeLookup slow = username -> {
            ticker.advance(Duration.ofSeconds(50));
            return pool.lookup(username);
        };
        CachingUserAttributeLookup slowCache = new CachingUserAttributeLookup(slow, TTL, 10, ticker);

        slowCache.lookup("alice");
        ticker.advance(Duration.ofSeconds(30));
        slowCache.lookup("alice");

        assertEquals(1, pool.lookupCount());
    }

    @Test
    void unavailablePool_isNotCached_soTheNextLookupAsksAgainAndSucceeds() {
        pool.setUnavailable(true);
        assertThrows(DependencyUnavailableException.class, () -> cache.lookup("alice"));

        pool.setUnavailable(false);
        assertEquals(Optional.of("Ally"), cache.lookup("alice").attribute("nickname"));
        assertEquals(2, pool.lookupCount());
    }

    @Test
    void unknownUser_isNotCached_soAUserCreatedLaterIsFoundAtOnce() {
        assertThrows(UserNotFoundException.class, () -> cache.lookup("carol"));

        pool.put("carol", Map.of(), true);

        assertEquals("carol", cache.lookup("carol").username());
    }

    @Test
    void delegatesException_passesThroughAsTheSameInstance() {
        MisconfigurationException wrongPool = new MisconfigurationException("wrong pool", null);
        CachingUserAttributeLookup failing =
                new CachingUserAttributeLookup(username -> { throw wrongPool; }, TTL, 10, ticker);

        assertSame(wrongPool, assertThrows(MisconfigurationException.class, () -> failing.lookup("alice")));
    }

    @Test
    void disabledUser_isCachedLikeAnyAnswer() {
        pool.put("dave", Map.of(), false);

        cache.lookup("dave");
        UserAttributes again = cache.lookup("dave");

        assertEquals(false, again.enabled());
        assertEquals(1, pool.lookupCount());
    }

    @Test
    void concurrentLookupsOfOneUsername_collapseIntoOneCall() throws Exception {
        BlockingLookup blocking = new BlockingLookup(pool);
        CachingUserAttributeLookup single = new CachingUserAttributeLookup(blocking, TTL, 10, ticker);
        List<Thread> waiters = Collections.synchronizedList(new ArrayList<>());
        List<Future<UserAttributes>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(threads.submit(() -> {
                waiters.add(Thread.currentThread());
                return single.lookup("alice");
            }));
        }
        blocking.awaitLoadStarted();
        awaitAllParked(waiters, 20);

        blocking.release();

        for (Future<UserAttributes> result : results) {
            assertEquals("alice", result.get(10, TimeUnit.SECONDS).username());
        }
        assertEquals(1, blocking.calls.get());
    }

    @Test
    void concurrentLookupsDuringAnOutage_shareOneFailedCall_andTheNextLookupRetries() throws Exception {
        pool.setUnavailable(true);
        BlockingLookup blocking = new BlockingLookup(pool);
        CachingUserAttributeLookup single = new CachingUserAttributeLookup(blocking, TTL, 10, ticker);
        List<Thread> waiters = Collections.synchronizedList(new ArrayList<>());
        List<Future<UserAttributes>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(threads.submit(() -> {
                waiters.add(Thread.currentThread());
                return single.lookup("alice");
            }));
        }
        blocking.awaitLoadStarted();
        awaitAllParked(waiters, 10);

        blocking.release();

        for (Future<UserAttributes> result : results) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof DependencyUnavailableException, failure.getCause().toString());
        }
        assertEquals(1, blocking.calls.get());

        pool.setUnavailable(false);
        assertEquals("alice", single.lookup("alice").username());
        assertEquals(2, blocking.calls.get());
    }

    @Test
    void slowLoadOfOneUsername_doesNotHoldUpAnother() throws Exception {
        BlockingLookup blocking = new BlockingLookup(pool, "alice");
        CachingUserAttributeLookup independent = new CachingUserAttributeLookup(blocking, TTL, 10, ticker);
        Future<UserAttributes> alice = threads.submit(() -> independent.lookup("alice"));
        blocking.awaitLoadStarted();

        Future<UserAttributes> bob = threads.submit(() -> independent.lookup("bob"));

        assertEquals("bob", bob.get(10, TimeUnit.SECONDS).username());
        blocking.release();
        assertEquals("alice", alice.get(10, TimeUnit.SECONDS).username());
    }

    @Test
    void size_isBoundedByMaximumSize() {
        for (int i = 0; i < 50; i++) {
            pool.put("user" + i, Map.of(), true);
        }
        CachingUserAttributeLookup small = new CachingUserAttributeLookup(pool, TTL, 10, ticker);

        for (int i = 0; i < 50; i++) {
            small.lookup("user" + i);
        }
        small.cleanUp();

        assertTrue(small.estimatedSize() <= 10, "size " + small.estimatedSize());
    }

    @Test
    void zeroTtl_isRejected_becauseBootstrapSkipsTheCacheInstead() {
        assertThrows(IllegalArgumentException.class, () -> new CachingUserAttributeLookup(pool, Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> new CachingUserAttributeLookup(pool, Duration.ofSeconds(-1), 10));
        assertThrows(IllegalArgumentException.class, () -> new CachingUserAttributeLookup(pool, TTL, 0));
    }

    /** Threads waiting on the shared load park in join(); once all have, the load may finish. */
    private static void awaitAllParked(List<Thread> waiters, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<Thread> snapshot;
            synchronized (waiters) {
                snapshot = List.copyOf(waiters);
            }
            // Callers park in join() (WAITING); the loader waits on the release latch (TIMED_WAITING).
            if (snapshot.size() == expected && snapshot.stream().allMatch(
                    t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the lookups did not all start waiting");
    }

    /** Holds each load (of the given usernames, or all) until released, counting calls. */
    private static final class BlockingLookup implements UserAttributeLookup {
        private final UserAttributeLookup delegate;
        private final List<String> blocked;
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        BlockingLookup(UserAttributeLookup delegate, String... blocked) {
            this.delegate = delegate;
            this.blocked = List.of(blocked);
        }

        @Override
        public UserAttributes lookup(String username) {
            calls.incrementAndGet();
            if (blocked.isEmpty() || blocked.contains(username)) {
                started.countDown();
                try {
                    if (!released.await(10, TimeUnit.SECONDS)) {
                        throw new AssertionError("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return delegate.lookup(username);
        }

        void awaitLoadStarted() throws InterruptedException {
            assertTrue(started.await(10, TimeUnit.SECONDS), "load did not start");
        }

        void release() {
            released.countDown();
        }
    }
}
