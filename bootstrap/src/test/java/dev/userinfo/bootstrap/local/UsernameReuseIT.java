package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.userinfo.adapter.cognito.emulator.CognitoLocal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A username deleted and created again for someone else: the identity is the token's {@code sub}, so
 * the old token never reads the new holder's profile. Through the local server over HTTP in cognito
 * mode against cognito-local, with the attribute cache on (its default time-to-live).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsernameReuseIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Correct-Horse-9";
    private static final String INVALID_TOKEN = "{\"error\":\"invalid_token\"}";

    private static LogCapture logs;
    private static EmulatedPool pool;
    private static CognitoLocal cognito;
    private static String poolId;
    private static LocalServer server;
    private static final List<String> tokensSent = new ArrayList<>();
    private static String kimsOldSub;

    @BeforeAll
    static void start() {
        logs = LogCapture.start();
        pool = EmulatedPool.start("username-reuse-it", 0);
        cognito = pool.cognito;
        poolId = pool.poolId;
        // No ATTRIBUTE_CACHE_TTL_SECONDS: the cache is on, as deployed.
        server = LocalServer.start(pool.serverEnv(Map.of()), logs.serverOut());
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
    void oldTokenOfAReusedUsername_is401_whileTheNewHoldersTokenGetsTheirOwnProfile() throws Exception {
        String oldToken = signIn("kim", "kim.one@example.com", "Kim One");
        recreate("kim", "kim.two@example.com", "Kim Two");
        String newToken = signIn("kim", null, null);
        assertNotEquals(sub(oldToken), sub(newToken), "the emulator gave the new kim the old sub");
        kimsOldSub = sub(oldToken);

        // Twice each, so the second answers come from the cache: neither holder's entry answers the other.
        for (int round = 0; round < 2; round++) {
            HttpResponse<String> old = userinfo(oldToken);
            assertEquals(401, old.statusCode(), old.body());
            assertEquals(INVALID_TOKEN, old.body());
            assertTrue(old.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));

            HttpResponse<String> fresh = userinfo(newToken);
            assertEquals(200, fresh.statusCode(), fresh.body());
            JsonNode body = JSON.readTree(fresh.body());
            assertEquals("kim", body.get("name").asText());
            assertEquals("kim.two@example.com", body.get("email").asText());
            assertEquals("Kim Two", body.get("nickname").asText());
            assertEquals(sub(newToken), body.get("sub").asText());
        }
    }

    @Test
    @Order(2)
    void oldHoldersProfileInTheCache_neverTurnsAwayTheNewHolder_norGivesTheOldTokenTheNewProfile() throws Exception {
        String oldToken = signIn("lee", "lee.one@example.com", "Lee One");
        HttpResponse<String> before = userinfo(oldToken);
        assertEquals(200, before.statusCode(), before.body());
        assertEquals("lee.one@example.com", JSON.readTree(before.body()).get("email").asText());

        recreate("lee", "lee.two@example.com", "Lee Two");
        String newToken = signIn("lee", null, null);

        HttpResponse<String> fresh = userinfo(newToken);
        assertEquals(200, fresh.statusCode(), fresh.body());
        assertEquals("lee.two@example.com", JSON.readTree(fresh.body()).get("email").asText());
        // Within the TTL the old token may still read the old holder's own cached profile (as a
        // deleted user's token does), never the new holder's.
        HttpResponse<String> old = userinfo(oldToken);
        assertFalse(old.body().contains("lee.two"), old.body());
        assertFalse(old.body().contains("Lee Two"), old.body());
    }

    @Test
    @Order(3)
    void logs_nameTheOldTokensSubAsUserGone_andHoldNoTokenNorEmail() {
        String text = logs.text();
        assertTrue(text.contains("\"reason\":\"USER_GONE\",\"sub\":\"" + kimsOldSub + "\""), text);
        logs.assertNoTokenNorEmail(tokensSent, List.of("kim.one@example.com", "kim.two@example.com",
                "lee.one@example.com", "lee.two@example.com"));
    }

    /** Creates the user (unless email is null: it exists) and signs in; returns the ID token. */
    private static String signIn(String username, String email, String nickname) {
        if (email != null) {
            cognito.createUser(poolId, username, PASSWORD, Map.of("email", email, "nickname", nickname));
        }
        String idToken = cognito.initiateAuth(pool.clientId, username, PASSWORD).idToken();
        tokensSent.add(idToken);
        return idToken;
    }

    /** What an admin does: deletes the user and creates a new one under the same username. */
    private static void recreate(String username, String email, String nickname) {
        cognito.client().adminDeleteUser(b -> b.userPoolId(poolId).username(username));
        cognito.createUser(poolId, username, PASSWORD, Map.of("email", email, "nickname", nickname));
    }

    private static String sub(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
    }

    private static HttpResponse<String> userinfo(String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/userinfo"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
