package dev.userinfo.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each way the start-up check can end, against a loopback stand-in for Cognito (the key set, and
 * AdminGetUser in its JSON protocol) whose answers the test sets: mistakes stop start-up naming the
 * variable, a pool that cannot answer now is only a warning.
 */
class PoolCheckTest {

    private HttpServer cognito;
    private final AtomicInteger keySetFetches = new AtomicInteger();
    private final AtomicInteger adminGetUserCalls = new AtomicInteger();
    private volatile int keySetStatus = 200;
    private volatile int apiStatus = 400;
    private volatile String apiBody = error("UserNotFoundException");
    private final List<String> warnings = new ArrayList<>();
    private String keys;

    @BeforeEach
    void start() throws Exception {
        keys = new JWKSet(new RSAKeyGenerator(2048).keyID("k").generate().toPublicJWK()).toString();
        cognito = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cognito.createContext("/keys", exchange -> {
            keySetFetches.incrementAndGet();
            send(exchange, keySetStatus, keySetStatus == 200 ? keys : "{}");
        });
        cognito.createContext("/", exchange -> {
            adminGetUserCalls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            send(exchange, apiStatus, apiBody);
        });
        cognito.start();
    }

    @AfterEach
    void stop() {
        cognito.stop(0);
    }

    private UserInfoConfig config(boolean trustAuthorizer) {
        String endpoint = "http://127.0.0.1:" + cognito.getAddress().getPort();
        Map<String, String> env = new HashMap<>();
        env.put(UserInfoConfig.AWS_REGION, "eu-west-1");
        env.put(UserInfoConfig.COGNITO_USER_POOL_ID, "eu-west-1_Check1");
        env.put(UserInfoConfig.COGNITO_CLIENT_IDS, "client-1");
        env.put(UserInfoConfig.COGNITO_ENDPOINT, endpoint);
        env.put(UserInfoConfig.COGNITO_JWKS_URL, endpoint + "/keys");
        env.put(UserInfoConfig.ALLOWED_ORIGINS, "https://app.example.com");
        env.put(UserInfoConfig.TRUST_API_GATEWAY_AUTHORIZER, Boolean.toString(trustAuthorizer));
        return UserInfoConfig.forLambda(env);
    }

    private void check(boolean trustAuthorizer) {
        UserInfoConfig config = config(trustAuthorizer);
        try (CognitoAdapters adapters = CognitoAdapters.create(config)) {
            PoolCheck.atStartUp(config, adapters, !trustAuthorizer, warnings::add);
        }
    }

    @Test
    void poolThatAnswersUserNotFoundForTheProbe_passesWithoutWarnings_afterOneFetchAndOneCall() {
        check(false);

        assertEquals(List.of(), warnings);
        assertEquals(1, keySetFetches.get());
        assertEquals(1, adminGetUserCalls.get());
    }

    @Test
    void probeUsernameHeldBySomeone_alsoProvesThePoolIsThere() {
        apiStatus = 200;
        apiBody = "{\"Username\":\"" + PoolCheck.PROBE_USERNAME + "\",\"Enabled\":true,\"UserAttributes\":"
                + "[{\"Name\":\"sub\",\"Value\":\"someone\"}]}";

        check(false);

        assertEquals(List.of(), warnings);
    }

    @ParameterizedTest
    @CsvSource({"404", "403"})
    void keySetAnsweringNotFoundOrForbidden_stopsStartUp_beforeAdminGetUserIsAsked(int status) {
        keySetStatus = status;

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> check(false));

        assertTrue(e.getMessage().startsWith("COGNITO_USER_POOL_ID: the key set at "), e.getMessage());
        assertTrue(e.getMessage().contains("answered HTTP " + status), e.getMessage());
        assertTrue(e.getMessage().contains("COGNITO_ENDPOINT="), "an emulator's endpoint is named: " + e.getMessage());
        assertEquals(0, adminGetUserCalls.get());
    }

    @ParameterizedTest
    @CsvSource({"ResourceNotFoundException", "AccessDeniedException", "NotAuthorizedException"})
    void adminGetUserRefusedForTheSettings_stopsStartUp(String type) {
        apiBody = error(type);

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> check(false));

        assertTrue(e.getMessage().startsWith("COGNITO_USER_POOL_ID: AdminGetUser on user pool eu-west-1_Check1"),
                e.getMessage());
        assertTrue(e.getMessage().contains(type), e.getMessage());
    }

    @Test
    void keySetFailingWith5xx_isAWarning_andAdminGetUserIsStillChecked() {
        keySetStatus = 503;

        check(false);

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("cannot be fetched yet"), warnings.get(0));
        assertEquals(1, adminGetUserCalls.get());
    }

    @Test
    void adminGetUserThrottledOrFailing_isAWarning() {
        apiStatus = 500;
        apiBody = error("InternalErrorException");

        check(false);

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("cannot be reached yet"), warnings.get(0));
    }

    @Test
    void adminGetUserAnsweringWhatNoOneExpects_isAWarningNamingTheKind_notAStop() {
        apiBody = error("InvalidParameterException");

        check(false);

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("could not be checked"), warnings.get(0));
    }

    @Test
    void trustedAuthorizer_leavesTheKeySetAlone_andStillChecksAdminGetUser() {
        keySetStatus = 404;

        check(true);

        assertEquals(List.of(), warnings);
        assertEquals(0, keySetFetches.get());
        assertEquals(1, adminGetUserCalls.get());
    }

    private static String error(String type) {
        return "{\"__type\":\"" + type + "\",\"message\":\"stand-in says so\"}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
