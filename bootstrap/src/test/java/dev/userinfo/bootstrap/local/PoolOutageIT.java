package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.adapter.cognito.CognitoClients;
import dev.userinfo.adapter.cognito.CognitoUserAttributeLookup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The user pool (cognito-local) killed while clients keep calling {@code /userinfo}, then started
 * again. The attribute cache is off, so every request needs the pool and none can hide behind a
 * cached answer: the strictest version of the outage.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolOutageIT {

    /**
     * AdminGetUser's whole budget, retries included ({@link CognitoClients#API_CALL_TIMEOUT}), plus
     * one second for a busy 2-core build machine to schedule the threads: no answer may take longer.
     */
    private static final Duration BUDGET = CognitoClients.API_CALL_TIMEOUT.plusSeconds(1);
    /**
     * AdminGetUser backs off once calls fail ({@link CognitoUserAttributeLookup}): no call for 5 s, then
     * one trial, then 10 s if that trial met the pool still restarting. The first trial after the
     * restart finds it, so 200s resume within the two waits, plus 5 s for the restart to settle.
     */
    private static final Duration RESUME_WITHIN = CognitoUserAttributeLookup.BACK_OFF_FIRST_WAIT.multipliedBy(3)
            .plusSeconds(5);
    private static final String UNAVAILABLE = "{\"error\":\"temporarily_unavailable\"}";

    private static LogCapture logs;
    private static EmulatedPool pool;
    private static LocalServer server;

    @BeforeAll
    static void start() {
        logs = LogCapture.start();
        pool = EmulatedPool.start("pool-outage-it", 3);
        server = LocalServer.start(pool.serverEnv(Map.of("ATTRIBUTE_CACHE_TTL_SECONDS", "0")), logs.serverOut());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    @Order(1)
    void poolKilledUnderLoad_isOnly503WithRetryAfter_withinBudget_andAfterRestart200sResumeWithin5s() throws Exception {
        List<LoadClients.Answer> answers;
        long killedAt;
        long restartedAt;
        try (LoadClients load = LoadClients.start(server.baseUrl(), pool.tokens, 4)) {
            assertTrue(load.awaitAnswer(a -> a.status() == 200, Duration.ofSeconds(20)), "no 200 before the outage");
            Thread.sleep(500);

            killedAt = System.nanoTime();
            pool.cognito.stop();
            assertTrue(load.awaitAnswer(a -> a.sentAtNanos() > killedAt && a.status() == 503, Duration.ofSeconds(20)),
                    "no 503 after the pool was killed");
            Thread.sleep(2_000);

            pool.cognito.restart(); // returns once the emulator answers its health check
            restartedAt = System.nanoTime();
            load.awaitAnswer(a -> a.sentAtNanos() > restartedAt && a.status() == 200, RESUME_WITHIN.plusSeconds(5));
            Thread.sleep(1_000);
            answers = load.stop();
        }

        Map<Integer, Long> counts = LoadClients.countByStatus(answers);
        assertFalse(counts.containsKey(500), "a 500 during the outage: " + counts);
        assertEquals(List.of(200, 503), List.copyOf(counts.keySet()), "only 200 and 503 may be answered: " + counts);
        for (LoadClients.Answer a : answers) {
            if (a.status() == 503) {
                assertEquals(Optional.of("5"), a.retryAfter(), "a 503 without Retry-After");
                assertEquals(UNAVAILABLE, a.body());
            }
        }
        assertTrue(answers.stream().anyMatch(a -> a.doneAtNanos() < killedAt && a.status() == 200), "no 200 before the kill");

        Duration slowest = answers.stream().map(LoadClients.Answer::elapsed).max(Duration::compareTo).orElseThrow();
        assertTrue(slowest.compareTo(BUDGET) <= 0, "slowest answer took " + slowest.toMillis() + " ms, budget " + BUDGET.toMillis() + " ms");

        long firstResumed = answers.stream()
                .filter(a -> a.sentAtNanos() > restartedAt && a.status() == 200)
                .mapToLong(LoadClients.Answer::doneAtNanos)
                .min()
                .orElseThrow(() -> new AssertionError("no 200 after the pool was restarted: " + counts));
        Duration resumedAfter = Duration.ofNanos(firstResumed - restartedAt);
        logs.report("PoolOutageIT: answers " + counts + ", slowest " + slowest.toMillis() + " ms (budget "
                + BUDGET.toMillis() + " ms), 200s resumed " + resumedAfter.toMillis() + " ms after the restart");
        assertTrue(resumedAfter.compareTo(RESUME_WITHIN) <= 0, "200s resumed only after " + resumedAfter.toMillis() + " ms");
        // Once resumed, they stay resumed: nothing sent a second later fails.
        assertTrue(answers.stream()
                        .filter(a -> a.sentAtNanos() > firstResumed + Duration.ofSeconds(1).toNanos())
                        .allMatch(a -> a.status() == 200),
                "a failure after the pool had recovered");
    }

    @Test
    @Order(2)
    void logsOfTheOutage_holdNoTokenNorEmail() {
        logs.assertNoTokenNorEmail(pool.tokens, pool.emails);
    }
}
