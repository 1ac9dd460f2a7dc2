package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.userinfo.adapter.cognito.CachingUserAttributeLookup.Policy;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The attribute cache under steady traffic on a fake clock (Caffeine's Ticker): 200 users, TTL 5 s,
 * each user asking every 100 ms for 30 s, with the production policy (refresh-ahead at 80 % of the
 * TTL, lifetimes jittered by up to 10 %). Reloads run on a real background thread, and the stub pool
 * blocks every call made while a round of requests is answered: a request that waited on a lookup
 * would never finish its round, so every round finishing proves no request for a cached user waited.
 * Between rounds the stub is released and the reloads finish before the clock moves on, so the counts
 * are the same on every run.
 */
class RefreshAheadSimulationTest {

    private static final int USERS = 200;
    private static final Duration TTL = Duration.ofSeconds(5);
    private static final Duration RUN = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofMillis(100);
    /** A round that needs longer than this waited on the blocked pool: it never ends by itself. */
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(20);

    private final ExecutorService reloads = Executors.newSingleThreadExecutor();
    private final ExecutorService requests = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        reloads.shutdownNow();
        requests.shutdownNow();
    }

    @Test
    void steadyTraffic_staysUnderTheRefreshBound_andNoRequestWaitsOnThePool() throws Exception {
        InMemoryUserAttributeLookup pool = new InMemoryUserAttributeLookup();
        for (int i = 0; i < USERS; i++) {
            pool.put("user" + i, "sub-" + i, Map.of("nickname", "User " + i), true);
        }
        StubLookup stub = new StubLookup(pool);
        FakeTicker ticker = new FakeTicker();
        Random random = new Random(14);
        CachingUserAttributeLookup cache = new CachingUserAttributeLookup(stub,
                Policy.of(TTL, Duration.ofSeconds(900), 10_000), ticker, reloads, random::nextDouble);

        // First sight of each user: a load the request waits for, as it must.
        round(cache);
        assertEquals(USERS, stub.calls());

        Map<Integer, Integer> reloadsPerSecond = new TreeMap<>();
        for (long t = STEP.toMillis(); t <= RUN.toMillis(); t += STEP.toMillis()) {
            ticker.advance(STEP);
            int before = stub.calls();
            stub.block();
            round(cache); // every answer comes from the cache; reloads started now wait on the stub
            stub.release();
            stub.awaitIdle(Duration.ofSeconds(20));
            awaitQuiet();
            reloadsPerSecond.merge((int) ((t - 1) / 1000), stub.calls() - before, Integer::sum);
        }

        int calls = stub.calls();
        double bound = USERS * (RUN.toNanos() / (0.8 * TTL.toNanos())) + USERS;
        System.out.println("MEASURED refresh-ahead simulation: " + USERS + " users, TTL " + TTL.toSeconds() + " s, "
                + RUN.toSeconds() + " s of requests every " + STEP.toMillis() + " ms -> " + calls
                + " AdminGetUser calls (bound " + (long) bound + "); reloads per second " + reloadsPerSecond.values());
        assertTrue(calls <= bound, calls + " calls, bound " + bound);
        assertTrue(calls >= USERS + USERS * 6, "refresh-ahead kept the records fresh: " + calls + " calls");
    }

    /** Every user asks once; fails if the round does not finish (a request waited on the blocked pool). */
    private void round(CachingUserAttributeLookup cache) throws Exception {
        Future<?> round = requests.submit(() -> {
            for (int i = 0; i < USERS; i++) {
                assertEquals(Optional.of("User " + i), cache.lookup("user" + i, "sub-" + i).attribute("nickname"));
            }
        });
        try {
            round.get(ROUND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail("a request for a cached user waited on a lookup");
        }
    }

    /** Waits until the reload thread has nothing queued or running. */
    private void awaitQuiet() throws Exception {
        reloads.submit(() -> { }).get(20, TimeUnit.SECONDS);
    }
}
