package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.userinfo.adapter.cognito.emulator.CognitoProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ATTRIBUTE_SOURCE=token} over HTTP against cognito-local: 50 signed-in users, 2,000 requests
 * with their ID tokens and 2,000 with their access tokens, the Cognito API reached through a proxy
 * that counts every AdminGetUser call. ID tokens are answered from their own claims (no call at all);
 * access tokens, which carry no attributes, are looked up once per user and cached.
 *
 * <p>cognito-local signs {@code email}, {@code email_verified} and {@code custom:} attributes into its
 * ID tokens but not {@code nickname} (a real pool signs every attribute the app client may read), so
 * the ID-token answers here carry the nickname the token carries: none.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClaimsFirstIT {

    private static final int USERS = 50;
    private static final int REQUESTS = 2_000;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern PROFILE = Pattern.compile("\"profile\":\"([a-z_]+)\"");

    private static LogCapture logs;
    private static EmulatedPool pool;
    private static CognitoProxy proxy;
    private static LocalServer server;

    @BeforeAll
    static void start() {
        logs = LogCapture.start();
        pool = EmulatedPool.start("claims-first-it", USERS);
        proxy = CognitoProxy.start(pool.cognito.endpoint());
        server = LocalServer.start(pool.serverEnvThrough(proxy.endpoint(), Map.of("ATTRIBUTE_SOURCE", "token")),
                logs.serverOut());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
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

    @Test
    @Order(1)
    void idTokensOf50Users_2000Requests_areAllAnsweredFromTheirClaims_withNoAdminGetUserCall() throws Exception {
        int before = proxy.adminGetUserRequests();
        String logBefore = logs.text();

        for (int i = 0; i < REQUESTS; i++) {
            int user = i % USERS;
            String token = pool.tokens.get(user);
            HttpResponse<String> answer = get(token);

            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("{\"name\":\"user" + user + "\",\"email\":\"user" + user + "@example.com\",\"nickname\":null,"
                    + "\"sub\":\"" + sub(token) + "\",\"email_verified\":true,\"groups\":[]}", answer.body());
        }

        int calls = proxy.adminGetUserRequests() - before;
        Map<String, Long> profiles = profiles(logs.text().substring(logBefore.length()));
        logs.report("ClaimsFirstIT: " + USERS + " users' ID tokens, " + REQUESTS + " requests -> " + calls
                + " AdminGetUser requests; access log profiles " + profiles);
        assertEquals(0, calls);
        assertEquals(Map.of("id_token", (long) REQUESTS), profiles);
    }

    @Test
    @Order(2)
    void accessTokensOf50Users_2000Requests_areLookedUp_atMostOncePerUser() throws Exception {
        int before = proxy.adminGetUserRequests();
        String logBefore = logs.text();

        for (int i = 0; i < REQUESTS; i++) {
            int user = i % USERS;
            String token = pool.tokens.get(USERS + user);
            HttpResponse<String> answer = get(token);

            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("{\"name\":\"user" + user + "\",\"email\":\"user" + user + "@example.com\",\"nickname\":\"User "
                    + user + "\",\"sub\":\"" + sub(token) + "\",\"email_verified\":true,\"groups\":[]}", answer.body());
        }

        int calls = proxy.adminGetUserRequests() - before;
        Map<String, Long> profiles = profiles(logs.text().substring(logBefore.length()));
        logs.report("ClaimsFirstIT: " + USERS + " users' access tokens, " + REQUESTS + " requests -> " + calls
                + " AdminGetUser requests; access log profiles " + profiles);
        assertTrue(calls >= 1 && calls <= USERS, calls + " AdminGetUser requests");
        assertEquals(Map.of("pool", (long) REQUESTS), profiles);
    }

    @Test
    @Order(3)
    void logs_holdNoTokenNorEmail() {
        logs.assertNoTokenNorEmail(pool.tokens, pool.emails);
    }

    private static Map<String, Long> profiles(String logText) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        Matcher m = PROFILE.matcher(logText);
        while (m.find()) {
            counts.merge(m.group(1), 1L, Long::sum);
        }
        return counts;
    }

    static String sub(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
    }

    private static HttpResponse<String> get(String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/userinfo"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

}
