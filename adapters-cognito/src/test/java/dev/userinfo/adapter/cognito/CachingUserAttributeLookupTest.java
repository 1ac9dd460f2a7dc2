package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.UserInfoResult;
import dev.userinfo.domain.UserNotFoundException;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Duration;
import java.time.Instant;
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
            .put("alice", "sub-alice", Map.of("nickname", "Ally"), true)
            .put("bob", "sub-bob", Map.of("nickname", "Bobby"), true);
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
            assertEquals(Optional.of("Ally"), cache.lookup("alice", "sub-alice").attribute("nickname"));
            ticker.advance(Duration.ofSeconds(10));
        }

        assertEquals(1, pool.lookupCount());
    }

    @Test
    void changedNickname_isServedStaleUntilTheTtl_andFreshAfterIt() {
        cache.lookup("alice", "sub-alice");
        pool.put("alice", "sub-alice", Map.of("nickname", "Alicia"), true);

        ticker.advance(TTL.minusSeconds(1));
        assertEquals(Optional.of("Ally"), cache.lookup("alice", "sub-alice").attribute("nickname"));

        ticker.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("Alicia"), cache.lookup("alice", "sub-alice").attribute("nickname"));
        assertEquals(2, pool.lookupCount());
    }

    @Test
    void ttl_countsFromWhenTheLoadFinished_notWhenItStarted() {
        // A load that takes 50 s of the 60 s TTL must still give the answer a full 60 s of life.
        UserAttributeLookup slow = (username, sub) -> {
            ticker.advance(Duration.ofSeconds(50));
            return pool.lookup(username, sub);
        };
        CachingUserAttributeLookup slowCache = new CachingUserAttributeLookup(slow, TTL, 10, ticker);

        slowCache.lookup("alice", "sub-alice");
        ticker.advance(Duration.ofSeconds(30));
        slowCache.lookup("alice", "sub-alice");

        assertEquals(1, pool.lookupCount());
    }

    @Test
    void unavailablePool_isNotCached_soTheNextLookupAsksAgainAndSucceeds() {
        pool.setUnavailable(true);
        assertThrows(DependencyUnavailableException.class, () -> cache.lookup("alice", "sub-alice"));

        pool.setUnavailable(false);
        assertEquals(Optional.of("Ally"), cache.lookup("alice", "sub-alice").attribute("nickname"));
        assertEquals(2, pool.lookupCount());
    }

    @Test
    void unknownUser_isNotCached_soAUserCreatedLaterIsFoundAtOnce() {
        assertThrows(UserNotFoundException.class, () -> cache.lookup("carol", "sub-carol"));

        pool.put("carol", "sub-carol", Map.of(), true);

        assertEquals("carol", cache.lookup("carol", "sub-carol").username());
    }

    @Test
    void delegatesException_passesThroughAsTheSameInstance() {
        MisconfigurationException wrongPool = new MisconfigurationException("wrong pool", null);
        CachingUserAttributeLookup failing =
                new CachingUserAttributeLookup((username, sub) -> { throw wrongPool; }, TTL, 10, ticker);

        assertSame(wrongPool, assertThrows(MisconfigurationException.class, () -> failing.lookup("alice", "sub-alice")));
    }

    @Test
    void disabledUser_isCachedLikeAnyAnswer() {
        pool.put("dave", "sub-dave", Map.of(), false);

        cache.lookup("dave", "sub-dave");
        UserAttributes again = cache.lookup("dave", "sub-dave");

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
                return single.lookup("alice", "sub-alice");
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
                return single.lookup("alice", "sub-alice");
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
        assertEquals("alice", single.lookup("alice", "sub-alice").username());
        assertEquals(2, blocking.calls.get());
    }

    @Test
    void slowLoadOfOneUsername_doesNotHoldUpAnother() throws Exception {
        BlockingLookup blocking = new BlockingLookup(pool, "alice");
        CachingUserAttributeLookup independent = new CachingUserAttributeLookup(blocking, TTL, 10, ticker);
        Future<UserAttributes> alice = threads.submit(() -> independent.lookup("alice", "sub-alice"));
        blocking.awaitLoadStarted();

        Future<UserAttributes> bob = threads.submit(() -> independent.lookup("bob", "sub-bob"));

        assertEquals("bob", bob.get(10, TimeUnit.SECONDS).username());
        blocking.release();
        assertEquals("alice", alice.get(10, TimeUnit.SECONDS).username());
    }

    // --- one username, two holders: deleted and created again ---

    private static final BearerToken OLD_TOKEN = new BearerToken("old.kim.token");
    private static final BearerToken NEW_TOKEN = new BearerToken("new.kim.token");

    /** The use case over this cache, with kim's old token (sub-kim-one) and new one (sub-kim-two). */
    private GetUserInfo useCase() {
        Instant exp = Instant.parse("2099-01-01T00:00:00Z");
        VerifiedIdentity oldKim = new VerifiedIdentity("kim", "sub-kim-one", TokenUse.ID, "c", null, List.of(), exp);
        VerifiedIdentity newKim = new VerifiedIdentity("kim", "sub-kim-two", TokenUse.ID, "c", null, List.of(), exp);
        return new GetUserInfo(token -> token.equals(OLD_TOKEN) ? oldKim : newKim, cache);
    }

    private void recreateKim() {
        pool.remove("kim");
        pool.put("kim", "sub-kim-two", Map.of("email", "kim.two@example.com"), true);
    }

    @Test
    void oldHolderCached_thenTheNewHoldersToken_getsTheNewHoldersProfile_notA401() {
        pool.put("kim", "sub-kim-one", Map.of("email", "kim.one@example.com"), true);
        assertInstanceOf(UserInfoResult.Found.class, useCase().execute(Optional.of(OLD_TOKEN)));

        recreateKim();
        var result = useCase().execute(Optional.of(NEW_TOKEN));

        var found = assertInstanceOf(UserInfoResult.Found.class, result);
        assertEquals("kim.two@example.com", found.userInfo().email());
        assertEquals("sub-kim-two", found.userInfo().sub());
        assertEquals(2, pool.lookupCount(), "the new holder's token must not be answered from the old entry");
    }

    @Test
    void newHolderCached_thenTheOldHoldersToken_isUserGone_andStaysSoFromTheCache() {
        pool.put("kim", "sub-kim-one", Map.of("email", "kim.one@example.com"), true);
        recreateKim();
        assertInstanceOf(UserInfoResult.Found.class, useCase().execute(Optional.of(NEW_TOKEN)));

        for (int i = 0; i < 3; i++) {
            assertEquals(new UserInfoResult.InvalidToken(InvalidTokenReason.USER_GONE, "sub-kim-one"),
                    useCase().execute(Optional.of(OLD_TOKEN)));
        }
        // One load per holder; the old token's refusal is cached under its own key like any answer.
        assertEquals(2, pool.lookupCount());
        assertEquals(Optional.of("kim.two@example.com"), cache.lookup("kim", "sub-kim-two").attribute("email"));
    }

    @Test
    void concurrentLookupsOfOneUsernameUnderTwoSubs_areTwoLoads() throws Exception {
        pool.put("kim", "sub-kim-two", Map.of(), true);
        BlockingLookup blocking = new BlockingLookup(pool);
        CachingUserAttributeLookup keyed = new CachingUserAttributeLookup(blocking, TTL, 10, ticker);
        Future<UserAttributes> first = threads.submit(() -> keyed.lookup("kim", "sub-kim-one"));
        blocking.awaitLoadStarted();
        Future<UserAttributes> second = threads.submit(() -> keyed.lookup("kim", "sub-kim-two"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (blocking.calls.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        blocking.release();

        assertEquals("sub-kim-two", first.get(10, TimeUnit.SECONDS).sub());
        assertEquals("sub-kim-two", second.get(10, TimeUnit.SECONDS).sub());
        assertEquals(2, blocking.calls.get(), "a load for one sub must not answer a lookup for another");
    }

    @Test
    void nullUsernameOrSub_isRefused() {
        assertThrows(NullPointerException.class, () -> cache.lookup(null, "sub-alice"));
        assertThrows(NullPointerException.class, () -> cache.lookup("alice", null));
    }

    @Test
    void size_isBoundedByMaximumSize() {
        for (int i = 0; i < 50; i++) {
            pool.put("user" + i, "sub-" + i, Map.of(), true);
        }
        CachingUserAttributeLookup small = new CachingUserAttributeLookup(pool, TTL, 10, ticker);

        for (int i = 0; i < 50; i++) {
            small.lookup("user" + i, "sub-" + i);
        }
        small.cleanUp();

        assertTrue(small.estimatedSize() <= 10, "size " + small.estimatedSize());
    }

    @Test
    void size_countsEachUsernameAndSubOnce() {
        cache.lookup("alice", "sub-alice");
        cache.lookup("alice", "sub-alice");
        cache.lookup("bob", "sub-bob");
        cache.cleanUp();

        assertEquals(2, cache.estimatedSize());
    }

    /** Caffeine would refuse a negative TTL too, but with its own words: this one names the knob. */
    @Test
    void negativeOrZeroTtl_isRefusedNamingIt() {
        for (Duration ttl : List.of(Duration.ofSeconds(-1), Duration.ofMillis(-1), Duration.ZERO)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CachingUserAttributeLookup(pool, ttl, 10));
            assertTrue(e.getMessage().startsWith("ttl must be positive"), e.getMessage());
        }
        assertEquals("maximumSize must be positive", assertThrows(IllegalArgumentException.class,
                () -> new CachingUserAttributeLookup(pool, TTL, -1)).getMessage());
    }

    /** An Error from the pool's client (out of memory, a linkage problem) reaches the caller as itself. */
    @Test
    void errorFromTheDelegate_isRethrownAsItself_andNotCached() {
        AtomicInteger calls = new AtomicInteger();
        StackOverflowError error = new StackOverflowError("deep");
        CachingUserAttributeLookup failing = new CachingUserAttributeLookup((username, sub) -> {
            calls.incrementAndGet();
            throw error;
        }, TTL, 10, ticker);

        assertSame(error, assertThrows(StackOverflowError.class, () -> failing.lookup("alice", "sub-alice")));
        assertSame(error, assertThrows(StackOverflowError.class, () -> failing.lookup("alice", "sub-alice")));
        assertEquals(2, calls.get());
    }

    @Test
    void toString_namesTheDelegate() {
        assertEquals("CachingUserAttributeLookup[" + pool + "]", cache.toString());
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
        public UserAttributes lookup(String username, String sub) {
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
            return delegate.lookup(username, sub);
        }

        void awaitLoadStarted() throws InterruptedException {
            assertTrue(started.await(10, TimeUnit.SECONDS), "load did not start");
        }

        void release() {
            released.countDown();
        }
    }
}
