package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.adapter.cognito.CognitoUserAttributeLookup;
import dev.userinfo.adapter.cognito.emulator.CognitoProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cognito in trouble, over HTTP: the local server in cognito mode reaches cognito-local through a
 * proxy the test controls, which answers every call throttled ({@code TooManyRequestsException}),
 * with a 5xx, or not at all. The attribute cache's TTL is 1 s, so every profile the server knew is
 * past its TTL when the trouble starts and has to be reloaded. What must hold: every previously seen
 * user gets 200 with their profile (the access log says {@code stale}), a never-seen user 503 with
 * {@code Retry-After}, no 500, and the calls reaching the proxy are bounded by the back-off. Once
 * Cognito answers again, a user disabled meanwhile is 403 and one deleted meanwhile 401, stale data
 * or not.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CognitoBrownoutIT {

    /** user0..user2 are seen before the trouble; user3 never is. */
    private static final int SEEN = 3;
    private static final int ROUNDS = 3;
    private static final String UNAVAILABLE = "{\"error\":\"temporarily_unavailable\"}";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern STALE_SUB = Pattern.compile("\"status\":200,\"outcome\":\"ok\",\"sub\":\"([^\"]+)\",\"profile\":\"stale\"");

    private static LogCapture logs;
    private static EmulatedPool pool;
    private static CognitoProxy proxy;
    private static final List<String> reports = new ArrayList<>();
    private LocalServer server;

    @BeforeAll
    static void start() {
        logs = LogCapture.start();
        pool = EmulatedPool.start("brownout-it", SEEN + 1);
        proxy = CognitoProxy.start(pool.cognito.endpoint());
    }

    @AfterEach
    void stopServer() {
        proxy.mode(CognitoProxy.Mode.FORWARD);
        if (server != null) {
            server.close();
        }
    }

    @AfterAll
    static void stop() {
        reports.forEach(logs::report);
        if (proxy != null) {
            proxy.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    /** A fresh server (its own cache and back-off) that has seen user0..user2; their profiles as it answered them. */
    private Map<Integer, String> serverThatHasSeenThreeUsers() throws Exception {
        server = LocalServer.start(pool.serverEnvThrough(proxy.endpoint(), Map.of("ATTRIBUTE_CACHE_TTL_SECONDS", "1")),
                logs.serverOut());
        Map<Integer, String> profiles = new LinkedHashMap<>();
        for (int user = 0; user < SEEN; user++) {
            HttpResponse<String> answer = get(user);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"nickname\":\"User " + user + "\""), answer.body());
            profiles.put(user, answer.body());
        }
        Thread.sleep(1_100); // every cached profile is now past its TTL (1 s at most, jittered below)
        return profiles;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = CognitoProxy.Mode.class, names = {"THROTTLE", "SERVER_ERROR", "HANG"})
    @Order(1)
    void everyCallFailing_seenUsersGet200Stale_aNeverSeenUser503_noneA500_andTheCallsAreBounded(CognitoProxy.Mode mode)
            throws Exception {
        Map<Integer, String> profiles = serverThatHasSeenThreeUsers();
        String logBefore = logs.text();
        int requestsBefore = proxy.adminGetUserRequests();
        int callsBefore = proxy.adminGetUserCalls();
        long started = System.nanoTime();
        proxy.mode(mode);

        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int user = 0; user < SEEN; user++) {
                HttpResponse<String> answer = get(user);
                statuses.merge(answer.statusCode(), 1, Integer::sum);
                assertEquals(200, answer.statusCode(), mode + ": " + answer.body());
                assertEquals(profiles.get(user), answer.body(), "the last known profile, unchanged");
            }
            HttpResponse<String> neverSeen = get(SEEN);
            statuses.merge(neverSeen.statusCode(), 1, Integer::sum);
            assertEquals(503, neverSeen.statusCode(), mode + ": " + neverSeen.body());
            assertEquals(UNAVAILABLE, neverSeen.body());
            assertEquals(Optional.of("5"), neverSeen.headers().firstValue("Retry-After"));
        }
        long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - started).toSeconds());
        int requests = proxy.adminGetUserRequests() - requestsBefore;
        int calls = proxy.adminGetUserCalls() - callsBefore;

        String outageLog = logs.text().substring(logBefore.length());
        assertEquals(ROUNDS * SEEN, count(STALE_SUB.matcher(outageLog)), "each seen user's 200 is logged as stale");
        assertFalse(outageLog.contains("\"status\":500"), "a 500 during the outage");
        // The back-off lets 3 calls fail, then refuses without calling; one trial per wait (5 s first).
        long bound = 3 + seconds / CognitoUserAttributeLookup.BACK_OFF_FIRST_WAIT.toSeconds() + 1;
        reports.add("CognitoBrownoutIT " + mode + ": " + statuses + " over " + ROUNDS + " rounds of " + (SEEN + 1)
                + " users in " + seconds + " s; AdminGetUser calls reaching the proxy " + calls + " (" + requests
                + " requests with the SDK's retries), bound " + bound);
        assertTrue(calls <= bound, calls + " calls reached the proxy, bound " + bound);
    }

    @Test
    @Order(2)
    void userDisabledAndUserDeletedDuringTheOutage_are403And401_onceCognitoAnswersAgain() throws Exception {
        serverThatHasSeenThreeUsers();
        proxy.mode(CognitoProxy.Mode.THROTTLE);
        for (int user = 0; user < SEEN; user++) {
            assertEquals(200, get(user).statusCode(), "stale during the outage");
        }
        pool.cognito.client().adminDisableUser(b -> b.userPoolId(pool.poolId).username("user1"));
        pool.cognito.client().adminDeleteUser(b -> b.userPoolId(pool.poolId).username("user2"));
        assertEquals(200, get(1).statusCode(), "still stale: the pool cannot say otherwise yet");

        proxy.mode(CognitoProxy.Mode.FORWARD);
        // The back-off lets a trial call through within its first wait; until then answers stay stale.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int disabledStatus = 200;
        int deletedStatus = 200;
        int polls = 0;
        while ((disabledStatus == 200 || deletedStatus == 200) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            polls++;
            disabledStatus = get(1).statusCode();
            deletedStatus = get(2).statusCode();
            assertTrue(disabledStatus == 200 || disabledStatus == 403, "user1 got " + disabledStatus);
            assertTrue(deletedStatus == 200 || deletedStatus == 401, "user2 got " + deletedStatus);
        }
        reports.add("CognitoBrownoutIT recovery: disabled 403 and deleted 401 after " + polls + " polls of 250 ms");

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> disabled = get(1);
            assertEquals(403, disabled.statusCode(), disabled.body());
            assertEquals("{\"error\":\"user_disabled\"}", disabled.body());
            HttpResponse<String> deleted = get(2);
            assertEquals(401, deleted.statusCode(), deleted.body());
            assertEquals("{\"error\":\"invalid_token\"}", deleted.body());
            HttpResponse<String> fine = get(0);
            assertEquals(200, fine.statusCode(), fine.body());
        }
        // Cognito going away again now must not bring the old profiles back.
        proxy.mode(CognitoProxy.Mode.SERVER_ERROR);
        Thread.sleep(1_100);
        assertEquals(403, get(1).statusCode());
        assertEquals(503, get(2).statusCode(), "a deleted user has no stale profile left");
    }

    @Test
    @Order(3)
    void logsOfTheOutages_holdNoTokenNorEmail() {
        logs.assertNoTokenNorEmail(pool.tokens, pool.emails);
    }

    private static int count(Matcher matcher) {
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    /** GET /userinfo with user {@code n}'s ID token. */
    private HttpResponse<String> get(int n) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/userinfo"))
                .header("Authorization", "Bearer " + pool.tokens.get(n))
                .timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
