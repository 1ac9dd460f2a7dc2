package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.adapter.cognito.CachingUserAttributeLookup.Policy;
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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CachingUserAttributeLookupTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    /** 80 % of the TTL: a read after this reloads in the background. */
    private static final Duration REFRESH_AT = Duration.ofSeconds(48);
    private static final Duration STALE_LIMIT = Duration.ofSeconds(900);
    private static final Duration NANO = Duration.ofNanos(1);
    /** Refresh-ahead at 80 %, no jitter: every entry lives exactly the TTL. */
    private static final Policy EXACT = new Policy(TTL, STALE_LIMIT, 1_000, 0.8, 0);
    private static final Executor DIRECT = Runnable::run;

    private final InMemoryUserAttributeLookup pool = new InMemoryUserAttributeLookup()
            .put("alice", "sub-alice", Map.of("nickname", "Ally"), true)
            .put("bob", "sub-bob", Map.of("nickname", "Bobby"), true);
    private final FakeTicker ticker = new FakeTicker();
    private final QueuedExecutor background = new QueuedExecutor();
    private final CachingUserAttributeLookup cache = cache(pool, EXACT, DIRECT);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private CachingUserAttributeLookup cache(UserAttributeLookup delegate, Policy policy, Executor executor) {
        return new CachingUserAttributeLookup(delegate, policy, ticker, executor, () -> 0.5);
    }

    private Optional<String> nickname(CachingUserAttributeLookup lookup, String username) {
        return lookup.lookup(username, "sub-" + username).attribute("nickname");
    }

    // --- time-to-live ---

    @Test
    void repeatedLookupsBeforeTheRefreshPoint_askThePoolOnce() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of("Ally"), nickname(cache, "alice"));
            ticker.advance(Duration.ofSeconds(12));
        }

        assertEquals(1, pool.lookupCount());
    }

    @Test
    void withoutRefreshAhead_aChangeIsServedFromTheCacheUntilTheTtl_andFreshAtIt() {
        CachingUserAttributeLookup plain = cache(pool, new Policy(TTL, STALE_LIMIT, 10, 1, 0), DIRECT);
        plain.lookup("alice", "sub-alice");
        pool.put("alice", "sub-alice", Map.of("nickname", "Alicia"), true);

        ticker.advance(TTL.minus(NANO));
        assertEquals(Optional.of("Ally"), nickname(plain, "alice"));

        ticker.advance(NANO);
        assertEquals(Optional.of("Alicia"), nickname(plain, "alice"));
        assertEquals(2, pool.lookupCount());
    }

    @Test
    void pastTheTtl_aRequestWaitsForTheReload_andGetsTheNewRecord() {
        CachingUserAttributeLookup lookup = cache(pool, EXACT, threads);
        lookup.lookup("alice", "sub-alice");
        pool.put("alice", "sub-alice", Map.of("nickname", "Alicia"), true);

        ticker.advance(TTL);

        UserAttributes reloaded = lookup.lookup("alice", "sub-alice");
        assertEquals(Optional.of("Alicia"), reloaded.attribute("nickname"));
        assertFalse(reloaded.stale());
        assertEquals(2, pool.lookupCount());
    }

    @Test
    void ttl_countsFromWhenTheLoadFinished_notWhenItStarted() {
        // A load that takes 40 s must still give the answer its whole life from when it came back.
        UserAttributeLookup slow = (username, sub) -> {
            ticker.advance(Duration.ofSeconds(40));
            return pool.lookup(username, sub);
        };
        CachingUserAttributeLookup slowCache = cache(slow, EXACT, background);

        slowCache.lookup("alice", "sub-alice");
        ticker.advance(REFRESH_AT);
        slowCache.lookup("alice", "sub-alice");

        assertEquals(1, pool.lookupCount());
        assertEquals(0, background.queued());
    }

    // --- refresh-ahead ---

    @Test
    void readAfter80PercentOfTheTtl_isAnsweredFromTheCache_whileOneReloadRunsInTheBackground() {
        CachingUserAttributeLookup lookup = cache(pool, EXACT, background);
        lookup.lookup("alice", "sub-alice");
        pool.put("alice", "sub-alice", Map.of("nickname", "Alicia"), true);

        ticker.advance(REFRESH_AT);
        assertEquals(Optional.of("Ally"), nickname(lookup, "alice"));
        assertEquals(0, background.queued(), "at exactly 80 % nothing is reloaded yet");

        ticker.advance(NANO);
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.of("Ally"), nickname(lookup, "alice"), "answered at once, from the cache");
        }
        assertEquals(1, background.queued(), "one reload, however many reads");
        assertEquals(1, pool.lookupCount(), "the reload has not run yet");

        background.runAll();

        assertEquals(Optional.of("Alicia"), nickname(lookup, "alice"));
        assertEquals(2, pool.lookupCount());
        assertEquals(0, background.queued());
    }

    @Test
    void aRefreshedRecord_livesAWholeTtlFromItsReload() {
        CachingUserAttributeLookup lookup = cache(pool, EXACT, background);
        lookup.lookup("alice", "sub-alice");
        ticker.advance(REFRESH_AT.plus(NANO));
        lookup.lookup("alice", "sub-alice");
        background.runAll();

        ticker.advance(REFRESH_AT);
        lookup.lookup("alice", "sub-alice");

        assertEquals(0, background.queued(), "48 s after the reload: not due again yet");
        assertEquals(2, pool.lookupCount());
    }

    @Test
    void refreshAhead_whileThePoolHangs_neverHoldsUpARequestBeforeTheTtl() throws Exception {
        StubLookup stub = new StubLookup(pool);
        CachingUserAttributeLookup lookup = cache(stub, EXACT, threads);
        lookup.lookup("alice", "sub-alice");
        stub.block();

        ticker.advance(REFRESH_AT.plus(NANO));
        Future<Optional<String>> during = threads.submit(() -> nickname(lookup, "alice"));
        stub.awaitInFlight(1, Duration.ofSeconds(10));
        ticker.advance(TTL.minus(REFRESH_AT).minus(Duration.ofMillis(2)));
        Future<Optional<String>> later = threads.submit(() -> nickname(lookup, "alice"));

        assertEquals(Optional.of("Ally"), during.get(10, TimeUnit.SECONDS));
        assertEquals(Optional.of("Ally"), later.get(10, TimeUnit.SECONDS));
        assertEquals(2, stub.calls());
        stub.release();
        stub.awaitIdle(Duration.ofSeconds(10));
    }

    @Test
    void pastTheTtl_aRequestJoinsTheReloadInFlight_ratherThanStartingAnother() throws Exception {
        StubLookup stub = new StubLookup(pool);
        CachingUserAttributeLookup lookup = cache(stub, EXACT, threads);
        lookup.lookup("alice", "sub-alice");
        pool.put("alice", "sub-alice", Map.of("nickname", "Alicia"), true);
        stub.block();
        ticker.advance(REFRESH_AT.plus(NANO));
        lookup.lookup("alice", "sub-alice");
        stub.awaitInFlight(1, Duration.ofSeconds(10));

        ticker.advance(TTL);
        List<Thread> parked = Collections.synchronizedList(new ArrayList<>());
        List<Future<Optional<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(threads.submit(() -> {
                parked.add(Thread.currentThread());
                return nickname(lookup, "alice");
            }));
        }
        awaitAllParked(parked, 5);
        stub.release();

        for (Future<Optional<String>> answer : waiting) {
            assertEquals(Optional.of("Alicia"), answer.get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, stub.calls());
    }

    @Test
    @Timeout(10) // were the finished reload missed, the lookup would wait on one no executor runs
    void pastTheTtl_aReloadThatFinishedJustAfterTheRead_isTaken_notRepeated() {
        HookTicker clock = new HookTicker(ticker);
        CachingUserAttributeLookup lookup = new CachingUserAttributeLookup(pool, EXACT, clock, background, () -> 0);
        lookup.lookup("alice", "sub-alice");
        pool.put("alice", "sub-alice", Map.of("nickname", "Alicia"), true);
        ticker.advance(REFRESH_AT.plus(NANO));
        lookup.lookup("alice", "sub-alice");
        ticker.advance(TTL);
        // The reload in flight finishes just after the next request got the old entry, when the lookup
        // reads the clock to age it.
        clock.onNextReadByTheLookup(() -> {
            background.runAll();
            background.runDirectly();
        });

        assertEquals(Optional.of("Alicia"), nickname(lookup, "alice"));
        assertEquals(2, pool.lookupCount(), "the finished reload was taken, not repeated");
    }

    /**
     * A clock that runs something once, the next time the lookup itself reads it: Caffeine's own reads
     * (how many, and where, is its business) pass by.
     */
    private static final class HookTicker implements com.github.benmanes.caffeine.cache.Ticker {
        private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
        private final FakeTicker time;
        private Runnable hook;

        HookTicker(FakeTicker time) {
            this.time = time;
        }

        void onNextReadByTheLookup(Runnable action) {
            hook = action;
        }

        @Override
        public long read() {
            Runnable action = hook;
            if (action != null && readByTheLookup()) {
                hook = null;
                action.run();
            }
            return time.read();
        }

        private static boolean readByTheLookup() {
            // The frames are this method, read(), then whoever read the clock.
            return STACK.walk(frames -> frames.skip(2).findFirst())
                    .map(caller -> caller.getDeclaringClass() == CachingUserAttributeLookup.class)
                    .orElse(false);
        }
    }

    // --- jitter ---

    @Test
    void timeToLive_isTheTtlLessUpToTheJitter_drawnPerEntry() {
        double[] draws = {0, 0.5, 0.999_999};
        AtomicInteger next = new AtomicInteger();
        CachingUserAttributeLookup jittered = new CachingUserAttributeLookup(pool,
                Policy.of(TTL, STALE_LIMIT, 10), ticker, DIRECT, () -> draws[next.getAndIncrement()]);
        pool.put("carol", "sub-carol", Map.of(), true);

        jittered.lookup("alice", "sub-alice");
        jittered.lookup("bob", "sub-bob");
        jittered.lookup("carol", "sub-carol");

        assertEquals(TTL, jittered.timeToLive("alice", "sub-alice"));
        assertEquals(Duration.ofSeconds(57), jittered.timeToLive("bob", "sub-bob"));
        assertTrue(jittered.timeToLive("carol", "sub-carol").compareTo(Duration.ofSeconds(54)) > 0);
        assertNull(jittered.timeToLive("dave", "sub-dave"));
    }

    @Test
    void aJitteredEntry_expiresAtItsOwnTimeToLive() {
        CachingUserAttributeLookup jittered = new CachingUserAttributeLookup(pool,
                new Policy(TTL, STALE_LIMIT, 10, 1, 0.1), ticker, DIRECT, () -> 0.5);
        jittered.lookup("alice", "sub-alice");
        pool.put("alice", "sub-alice", Map.of("nickname", "Alicia"), true);

        ticker.advance(Duration.ofSeconds(57).minus(NANO));
        assertEquals(Optional.of("Ally"), nickname(jittered, "alice"));
        ticker.advance(NANO);
        assertEquals(Optional.of("Alicia"), nickname(jittered, "alice"));
    }

    @Test
    void theProductionConstructor_drawsEachEntrysJitterAtRandom() {
        CachingUserAttributeLookup production = new CachingUserAttributeLookup(pool, new Policy(TTL, STALE_LIMIT, 100, 0.5, 0.4));
        java.util.Set<Duration> drawn = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            pool.put("user" + i, "sub-" + i, Map.of(), true);
            production.lookup("user" + i, "sub-" + i);
            Duration timeToLive = production.timeToLive("user" + i, "sub-" + i);
            assertTrue(timeToLive.compareTo(TTL.multipliedBy(6).dividedBy(10)) > 0 && timeToLive.compareTo(TTL) <= 0,
                    "time to live " + timeToLive);
            drawn.add(timeToLive);
        }

        assertTrue(drawn.size() > 1, "20 entries, all with the same time to live: " + drawn);
    }

    // --- the last known record when the pool fails ---

    @Test
    void poolUnavailablePastTheTtl_answersTheLastKnownRecord_markedStale() {
        cache.lookup("alice", "sub-alice");
        ticker.advance(TTL);
        pool.setUnavailable(true);

        UserAttributes answer = cache.lookup("alice", "sub-alice");

        assertTrue(answer.stale());
        assertEquals(Optional.of("Ally"), answer.attribute("nickname"));
        assertEquals("sub-alice", answer.sub());
        assertTrue(answer.enabled());
        assertEquals(2, pool.lookupCount(), "the pool was asked first");
    }

    @Test
    void staleRecord_isAnsweredUpToJustBeforeTheStaleLimit_andNotAtIt() {
        cache.lookup("alice", "sub-alice");
        pool.setUnavailable(true);

        ticker.advance(STALE_LIMIT.minus(NANO));
        assertTrue(cache.lookup("alice", "sub-alice").stale());

        ticker.advance(NANO);
        assertThrows(DependencyUnavailableException.class, () -> cache.lookup("alice", "sub-alice"));
    }

    @Test
    void staleLimit_isJudgedWhenTheFailedReloadReturns_notWhenItStarted() {
        // The reload takes one second of the clock: started at 899 s, it fails when the record is 900 s old.
        AtomicInteger calls = new AtomicInteger();
        CachingUserAttributeLookup slowFailing = cache((username, sub) -> {
            if (calls.incrementAndGet() == 1) {
                return pool.lookup(username, sub);
            }
            ticker.advance(Duration.ofSeconds(1));
            throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.USER_POOL, null);
        }, EXACT, DIRECT);
        slowFailing.lookup("alice", "sub-alice");

        ticker.advance(STALE_LIMIT.minusSeconds(1));
        assertThrows(DependencyUnavailableException.class, () -> slowFailing.lookup("alice", "sub-alice"));
    }

    @Test
    void staleLimit_reachedJustAfterTheFailedReload_stillAnswersStale() {
        AtomicInteger calls = new AtomicInteger();
        CachingUserAttributeLookup slowFailing = cache((username, sub) -> {
            if (calls.incrementAndGet() == 1) {
                return pool.lookup(username, sub);
            }
            ticker.advance(Duration.ofSeconds(1).minus(NANO));
            throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.USER_POOL, null);
        }, EXACT, DIRECT);
        slowFailing.lookup("alice", "sub-alice");

        ticker.advance(STALE_LIMIT.minusSeconds(1));
        assertTrue(slowFailing.lookup("alice", "sub-alice").stale());
    }

    @Test
    void staleLimitOfZero_neverAnswersAStaleRecord() {
        CachingUserAttributeLookup strict = cache(pool, new Policy(TTL, Duration.ZERO, 10, 0.8, 0), DIRECT);
        strict.lookup("alice", "sub-alice");
        ticker.advance(TTL);
        pool.setUnavailable(true);

        assertThrows(DependencyUnavailableException.class, () -> strict.lookup("alice", "sub-alice"));
    }

    @Test
    void staleLimitShorterThanTheTtl_answersNoStaleRecord_butKeepsTheTtl() {
        CachingUserAttributeLookup shortLimit = cache(pool, new Policy(TTL, Duration.ofSeconds(10), 10, 1, 0), DIRECT);
        shortLimit.lookup("alice", "sub-alice");
        pool.setUnavailable(true);

        ticker.advance(TTL.minus(NANO));
        assertFalse(shortLimit.lookup("alice", "sub-alice").stale(), "still within its TTL: fresh");
        ticker.advance(NANO);
        assertThrows(DependencyUnavailableException.class, () -> shortLimit.lookup("alice", "sub-alice"));
    }

    @Test
    void poolBackAfterAnOutage_answersTheNewRecord_notTheStaleOne() {
        cache.lookup("alice", "sub-alice");
        ticker.advance(TTL);
        pool.setUnavailable(true);
        assertTrue(cache.lookup("alice", "sub-alice").stale());

        pool.setUnavailable(false);
        pool.put("alice", "sub-alice", Map.of("nickname", "Alicia"), true);
        UserAttributes answer = cache.lookup("alice", "sub-alice");

        assertFalse(answer.stale());
        assertEquals(Optional.of("Alicia"), answer.attribute("nickname"));
    }

    @Test
    void userDisabledDuringAnOutage_is403OnceThePoolAnswers_despiteTheStaleRecord() {
        cache.lookup("alice", "sub-alice");
        ticker.advance(TTL);
        pool.setUnavailable(true);
        assertTrue(cache.lookup("alice", "sub-alice").enabled());

        pool.put("alice", "sub-alice", Map.of("nickname", "Ally"), false);
        pool.setUnavailable(false);
        UserAttributes answer = cache.lookup("alice", "sub-alice");

        assertFalse(answer.enabled());
        assertFalse(answer.stale());
        pool.setUnavailable(true);
        assertFalse(cache.lookup("alice", "sub-alice").enabled(), "the disabled record answers from now on");
    }

    @Test
    void userDeletedDuringAnOutage_isNotFoundOnceThePoolAnswers_andNoStaleRecordSurvives() {
        cache.lookup("alice", "sub-alice");
        ticker.advance(TTL);
        pool.setUnavailable(true);
        assertTrue(cache.lookup("alice", "sub-alice").stale());

        pool.remove("alice");
        pool.setUnavailable(false);
        assertThrows(UserNotFoundException.class, () -> cache.lookup("alice", "sub-alice"));

        pool.setUnavailable(true);
        assertThrows(DependencyUnavailableException.class, () -> cache.lookup("alice", "sub-alice"),
                "after the pool said gone, an outage must not bring the old record back");
    }

    @Test
    void userDeleted_foundByARefreshAhead_isNotFoundAtTheNextRead() {
        CachingUserAttributeLookup lookup = cache(pool, EXACT, background);
        lookup.lookup("alice", "sub-alice");
        pool.remove("alice");
        ticker.advance(REFRESH_AT.plus(NANO));
        assertEquals(Optional.of("Ally"), nickname(lookup, "alice"), "still within its TTL");

        background.runAll();
        pool.setUnavailable(true);

        assertThrows(DependencyUnavailableException.class, () -> lookup.lookup("alice", "sub-alice"));
    }

    @Test
    void staleRecord_answersOnlyTheSubItWasLoadedFor() {
        pool.put("kim", "sub-kim-one", Map.of("nickname", "Kim One"), true);
        cache.lookup("kim", "sub-kim-one");
        ticker.advance(TTL);
        pool.setUnavailable(true);

        assertThrows(DependencyUnavailableException.class, () -> cache.lookup("kim", "sub-kim-two"));
        assertEquals(Optional.of("Kim One"), cache.lookup("kim", "sub-kim-one").attribute("nickname"));
    }

    @Test
    void neverSeenUser_duringAnOutage_getsTheFailure() {
        pool.setUnavailable(true);

        assertThrows(DependencyUnavailableException.class, () -> cache.lookup("alice", "sub-alice"));
    }

    @Test
    void misconfigurationPastTheTtl_isThrown_notHiddenBehindAStaleRecord() {
        AtomicInteger calls = new AtomicInteger();
        MisconfigurationException wrongPool = new MisconfigurationException("wrong pool", null);
        CachingUserAttributeLookup lookup = cache((username, sub) -> {
            if (calls.incrementAndGet() > 1) {
                throw wrongPool;
            }
            return pool.lookup(username, sub);
        }, EXACT, DIRECT);
        lookup.lookup("alice", "sub-alice");
        ticker.advance(TTL);

        assertSame(wrongPool, assertThrows(MisconfigurationException.class, () -> lookup.lookup("alice", "sub-alice")));
    }

    @Test
    void failedRefreshAhead_keepsTheRecord_answeredFreshUntilTheTtl_thenStale() throws Exception {
        CachingUserAttributeLookup lookup = cache(pool, EXACT, background);
        lookup.lookup("alice", "sub-alice");
        pool.setUnavailable(true);
        ticker.advance(REFRESH_AT.plus(NANO));
        lookup.lookup("alice", "sub-alice");
        background.runAll();
        assertEquals(2, pool.lookupCount());

        ticker.advance(TTL.minus(REFRESH_AT).minus(Duration.ofMillis(1)));
        assertFalse(lookup.lookup("alice", "sub-alice").stale());
        assertEquals(0, background.queued(), "a failed refresh is not retried before the TTL");

        ticker.advance(Duration.ofMillis(1));
        CachingUserAttributeLookup[] holder = {lookup};
        Future<UserAttributes> past = threads.submit(() -> holder[0].lookup("alice", "sub-alice"));
        awaitQueued(1);
        background.runAll();
        assertTrue(get(past).stale());
    }

    @Test
    void errorOfTheDelegate_reachesTheCaller() {
        AssertionError bug = new AssertionError("bug");
        CachingUserAttributeLookup lookup = cache((u, s) -> { throw bug; }, EXACT, DIRECT);

        assertSame(bug, assertThrows(AssertionError.class, () -> lookup.lookup("alice", "sub-alice")));
    }

    @Test
    void errorOfTheDelegateOnAReload_reachesTheCaller() {
        AtomicInteger calls = new AtomicInteger();
        AssertionError bug = new AssertionError("bug");
        CachingUserAttributeLookup lookup = cache((username, sub) -> {
            if (calls.incrementAndGet() > 1) {
                throw bug;
            }
            return pool.lookup(username, sub);
        }, EXACT, DIRECT);
        lookup.lookup("alice", "sub-alice");
        ticker.advance(TTL);

        assertSame(bug, assertThrows(AssertionError.class, () -> lookup.lookup("alice", "sub-alice")));
    }

    // --- first loads: failures are not cached ---

    /** Also on a ticker below zero: System.nanoTime, the production ticker, may be negative (its origin is arbitrary). */
    @ParameterizedTest
    @ValueSource(longs = {0, -3_600})
    void unavailablePool_isNotCached_soTheNextLookupAsksAgainAndSucceeds(long tickerSeconds) {
        ticker.advance(Duration.ofSeconds(tickerSeconds));
        pool.setUnavailable(true);
        assertThrows(DependencyUnavailableException.class, () -> cache.lookup("alice", "sub-alice"));

        pool.setUnavailable(false);
        assertEquals(Optional.of("Ally"), nickname(cache, "alice"));
        assertEquals(2, pool.lookupCount());
    }

    @Test
    void aRecordWhoseReloadFailed_leavesTheCacheAtItsStaleLimit_countedFromItsLoad() {
        cache.lookup("alice", "sub-alice");
        assertEquals(1, cache.estimatedSize());

        ticker.advance(TTL.plusSeconds(1));
        pool.setUnavailable(true);
        assertTrue(cache.lookup("alice", "sub-alice").stale());
        cache.cleanUp();
        assertEquals(1, cache.estimatedSize(), "kept for stale answers");

        // Caffeine drops expired entries by a timer wheel of about a second's granularity, so the
        // checks stand a second before the stale limit and half a minute after it; had the failed
        // reload counted its life anew, the entry would stay until a TTL past the stale limit.
        ticker.advance(STALE_LIMIT.minus(TTL).minusSeconds(2));
        cache.cleanUp();
        assertEquals(1, cache.estimatedSize(), "a second before the stale limit");
        ticker.advance(Duration.ofSeconds(31));
        cache.cleanUp();
        assertEquals(0, cache.estimatedSize(), "the failed reload did not extend its life");
    }

    /** A clock that moves on by {@code step} each time it is read: time passing while a request runs. */
    private static final class MovingTicker implements com.github.benmanes.caffeine.cache.Ticker {
        private final java.util.concurrent.atomic.AtomicLong nanos;
        private final long step;

        MovingTicker(Duration start, Duration step) {
            this.nanos = new java.util.concurrent.atomic.AtomicLong(start.toNanos());
            this.step = step.toNanos();
        }

        @Override
        public long read() {
            return nanos.getAndAdd(step);
        }
    }

    /** The pool's first answer is the record; every later call finds the pool unavailable. */
    private UserAttributeLookup answersOnceThenUnavailable() {
        AtomicInteger calls = new AtomicInteger();
        return (username, sub) -> {
            if (calls.getAndIncrement() == 0) {
                return pool.lookup(username, sub);
            }
            throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.USER_POOL, null);
        };
    }

    @Test
    void aRecordThatExpiresWhileItsRequestRuns_isLoadedAgain_notAFailure() {
        // A TTL shorter than the request: the record is gone from the cache before the request looks again.
        CachingUserAttributeLookup lookup = new CachingUserAttributeLookup(pool,
                new Policy(Duration.ofMillis(1), Duration.ZERO, 10, 1, 0), new MovingTicker(Duration.ZERO, Duration.ofMillis(1)),
                DIRECT, () -> 0);

        assertEquals(Optional.of("Ally"), nickname(lookup, "alice"));
        assertEquals(2, pool.lookupCount(), "loaded, expired, loaded again");
    }

    @Test
    void aRecordThatExpiresWhileItsRequestRuns_andThePoolThenFails_isUnavailable_evenOnATickerBelowZero() {
        CachingUserAttributeLookup lookup = new CachingUserAttributeLookup(answersOnceThenUnavailable(),
                new Policy(Duration.ofMillis(1), Duration.ofMillis(1), 10, 1, 0),
                new MovingTicker(Duration.ofHours(-1), Duration.ofMillis(1)), DIRECT, () -> 0);

        assertThrows(DependencyUnavailableException.class, () -> lookup.lookup("alice", "sub-alice"));
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
        CachingUserAttributeLookup failing = cache((username, sub) -> { throw wrongPool; }, EXACT, DIRECT);

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

    // --- single flight ---

    @Test
    void concurrentLookupsOfOneUsername_collapseIntoOneCall() throws Exception {
        BlockingLookup blocking = new BlockingLookup(pool);
        CachingUserAttributeLookup single = cache(blocking, EXACT, DIRECT);
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
        CachingUserAttributeLookup single = cache(blocking, EXACT, DIRECT);
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
        CachingUserAttributeLookup independent = cache(blocking, EXACT, DIRECT);
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
    void newHoldersRecordUnderTheOldSub_staysUserGone_evenWhenAnsweredStale() {
        pool.put("kim", "sub-kim-one", Map.of("email", "kim.one@example.com"), true);
        recreateKim();
        useCase().execute(Optional.of(OLD_TOKEN));
        ticker.advance(TTL);
        pool.setUnavailable(true);

        assertEquals(new UserInfoResult.InvalidToken(InvalidTokenReason.USER_GONE, "sub-kim-one"),
                useCase().execute(Optional.of(OLD_TOKEN)));
    }

    @Test
    void concurrentLookupsOfOneUsernameUnderTwoSubs_areTwoLoads() throws Exception {
        pool.put("kim", "sub-kim-two", Map.of(), true);
        BlockingLookup blocking = new BlockingLookup(pool);
        CachingUserAttributeLookup keyed = cache(blocking, EXACT, DIRECT);
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

    // --- arguments and bounds ---

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
        CachingUserAttributeLookup small = cache(pool, new Policy(TTL, STALE_LIMIT, 10, 0.8, 0), DIRECT);

        for (int i = 0; i < 50; i++) {
            small.lookup("user" + i, "sub-" + i);
        }
        small.cleanUp();

        assertTrue(small.estimatedSize() <= 10, "size " + small.estimatedSize());
    }

    @Test
    void policy_refusesEachOutOfRangeSetting_andAcceptsEachBoundary() {
        Duration s = STALE_LIMIT;
        assertThrows(IllegalArgumentException.class, () -> Policy.of(Duration.ZERO, s, 10));
        assertThrows(IllegalArgumentException.class, () -> Policy.of(Duration.ofSeconds(-1), s, 10));
        assertThrows(IllegalArgumentException.class, () -> Policy.of(TTL, Duration.ofNanos(-1), 10));
        assertThrows(IllegalArgumentException.class, () -> Policy.of(TTL, s, 0));
        assertThrows(IllegalArgumentException.class, () -> new Policy(TTL, s, 10, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Policy(TTL, s, 10, 1.000_001, 0));
        assertThrows(IllegalArgumentException.class, () -> new Policy(TTL, s, 10, 0.8, -0.000_001));
        assertThrows(IllegalArgumentException.class, () -> new Policy(TTL, s, 10, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Policy(TTL, s, 10, 0.8, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new Policy(TTL, s, 10, Double.NaN, 0));
        assertThrows(NullPointerException.class, () -> Policy.of(null, s, 10));
        assertThrows(NullPointerException.class, () -> Policy.of(TTL, null, 10));

        assertEquals(new Policy(Duration.ofNanos(1), Duration.ZERO, 1, 0.8, 0.1), Policy.of(Duration.ofNanos(1), Duration.ZERO, 1));
        new Policy(TTL, s, 10, 1, 0.999);
        new Policy(TTL, s, 10, 0.000_001, 0);
        new Policy(TTL, s, 10, 0.8, 0.199);
        // 0.75 and 0.25 are exact in binary, so this is the boundary itself, not a rounding of it.
        assertThrows(IllegalArgumentException.class, () -> new Policy(TTL, s, 10, 0.75, 0.25));
        new Policy(TTL, s, 10, 0.75, Math.nextDown(0.25));
    }

    @Test
    void productionReloads_runOnFourDaemonThreads_thatEndWhenIdle() throws Exception {
        java.util.concurrent.ThreadPoolExecutor executor = CachingUserAttributeLookup.newRefreshExecutor();
        try {
            Thread thread = executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);

            assertTrue(thread.isDaemon());
            assertTrue(thread.getName().startsWith("attribute-refresh-"), thread.getName());
            assertEquals(4, executor.getCorePoolSize());
            assertEquals(4, executor.getMaximumPoolSize());
            assertTrue(executor.allowsCoreThreadTimeOut());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void toString_namesTheDelegate_only() {
        assertEquals("CachingUserAttributeLookup[" + pool + "]", cache.toString());
    }

    private void awaitQueued(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (background.queued() < expected) {
            assertTrue(System.nanoTime() < deadline, "no reload was queued");
            Thread.sleep(1);
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
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
