package dev.userinfo.bootstrap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.lambda.LambdaWiring;
import dev.userinfo.bootstrap.local.EmulatedPool;
import dev.userinfo.bootstrap.local.LocalServer;
import dev.userinfo.bootstrap.local.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A wrong pool id or region is a configuration mistake, not an outage. At start-up the local server
 * stops with a message naming the variable, and a Lambda's init fails with it; at runtime a key set
 * that answers 404, or AdminGetUser answering ResourceNotFoundException, is a 500
 * {@code internal_error}, never a 503 that tells the client to come back. Against cognito-local (whose
 * AdminGetUser knows which pools exist) and a key set stand-in whose status the test sets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolMisconfigurationIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String INTERNAL_ERROR_PREFIX = "{\"error\":\"internal_error\",\"requestId\":\"";

    private static LogCapture logs;
    private static EmulatedPool pool;
    private KeySetStandIn keySet;
    private final List<LocalServer> servers = new ArrayList<>();

    @BeforeAll
    static void start() {
        logs = LogCapture.start();
        pool = EmulatedPool.start("pool-misconfiguration-it", 1);
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @BeforeEach
    void startKeySet() throws IOException {
        keySet = new KeySetStandIn(pool.cognito.jwksUrl(pool.poolId));
    }

    @AfterEach
    void stopServers() {
        servers.forEach(LocalServer::close);
        keySet.close();
    }

    // --- start-up ---

    @ParameterizedTest
    @ValueSource(ints = {404, 403})
    @Order(1)
    void keySetAnsweringNotFoundOrForbidden_stopsTheLocalServer_namingTheVariables(int status) {
        keySet.status = status;

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> start(Map.of(
                "COGNITO_JWKS_URL", keySet.url().toString())));

        assertTrue(e.getMessage().startsWith("COGNITO_USER_POOL_ID:"), e.getMessage());
        assertTrue(e.getMessage().contains(keySet.url() + " answered HTTP " + status), e.getMessage());
        assertTrue(e.getMessage().contains("COGNITO_JWKS_URL"), e.getMessage());
    }

    @Test
    @Order(1)
    void poolIdThePoolDoesNotKnow_stopsTheLocalServer_namingTheVariable() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> start(Map.of("COGNITO_USER_POOL_ID", "local_NoSuchPool")));

        assertTrue(e.getMessage().startsWith("COGNITO_USER_POOL_ID:"), e.getMessage());
        assertTrue(e.getMessage().contains("local_NoSuchPool"), e.getMessage());
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
    }

    @Test
    @Order(1)
    void poolIdThePoolDoesNotKnow_failsTheLambdasInit() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> LambdaWiring.cognito(UserInfoConfig.forLambda(lambdaEnv(Map.of("COGNITO_USER_POOL_ID", "local_NoSuchPool")))));

        assertTrue(e.getMessage().startsWith("COGNITO_USER_POOL_ID:"), e.getMessage());
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
    }

    @Test
    @Order(1)
    void keySetAnsweringNotFound_failsTheLambdasInit_unlessAnAuthorizerIsTrustedInstead() {
        keySet.status = 404;
        Map<String, String> env = lambdaEnv(Map.of("COGNITO_JWKS_URL", keySet.url().toString()));

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> LambdaWiring.cognito(UserInfoConfig.forLambda(env)));
        assertTrue(e.getMessage().contains("answered HTTP 404"), e.getMessage());

        // A trusted API Gateway authorizer verifies the tokens, so this function never needs the keys.
        env.put("TRUST_API_GATEWAY_AUTHORIZER", "true");
        assertDoesNotThrow(() -> LambdaWiring.cognito(UserInfoConfig.forLambda(env)));
    }

    @Test
    @Order(1)
    void rightSettings_startWithoutAWarning() throws Exception {
        LocalServer server = start(Map.of("COGNITO_JWKS_URL", keySet.url().toString()));

        assertEquals(200, userinfo(server).statusCode());
        assertFalse(logs.text().contains("AdminGetUser on user pool " + pool.poolId + " cannot be reached"));
    }

    // --- runtime ---

    @Test
    @Order(2)
    void keySetThatStartsAnsweringNotFound_isA500InternalError_neverA503() throws Exception {
        keySet.status = 503; // down at start-up: a warning, and the server starts
        LocalServer server = start(Map.of("COGNITO_JWKS_URL", keySet.url().toString()));
        assertTrue(logs.text().contains("cannot be fetched yet"), "no start-up warning about the key set");

        // The first request fetches again and meets the 404; the next ones fall within the refetch
        // rate limit, and the refusal stays their answer.
        keySet.status = 404;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = userinfo(server);
            assertEquals(500, answer.statusCode(), answer.body());
            assertTrue(answer.body().startsWith(INTERNAL_ERROR_PREFIX), answer.body());
            assertTrue(answer.headers().firstValue("Retry-After").isEmpty(), "a 500 does not invite a retry");
        }
        String text = logs.text();
        assertTrue(text.contains(keySet.url() + " answered HTTP 404"), "no log line naming the key set URL");
        assertTrue(text.contains("check COGNITO_USER_POOL_ID"), "no log line naming the setting");
        assertTrue(text.contains("\"outcome\":\"internal_error\",\"reason\":\"misconfiguration\""), text);
    }

    @Test
    @Order(3)
    void poolDeletedWhileServing_AdminGetUserResourceNotFound_isA500InternalError() throws Exception {
        EmulatedPool doomed = EmulatedPool.start("doomed", 1);
        try {
            LocalServer server = LocalServer.start(doomed.serverEnv(Map.of("ATTRIBUTE_CACHE_TTL_SECONDS", "0")),
                    logs.serverOut());
            servers.add(server);
            assertEquals(200, userinfo(server, doomed.tokens.get(0)).statusCode());

            doomed.cognito.client().deleteUserPool(b -> b.userPoolId(doomed.poolId));

            for (int i = 0; i < 2; i++) {
                HttpResponse<String> answer = userinfo(server, doomed.tokens.get(0));
                assertEquals(500, answer.statusCode(), answer.body());
                assertTrue(answer.body().startsWith(INTERNAL_ERROR_PREFIX), answer.body());
            }
            String text = logs.text();
            assertTrue(text.contains("ResourceNotFoundException"), "no log line naming the refusal");
            assertTrue(text.contains("check COGNITO_USER_POOL_ID"), "no log line naming the setting");
        } finally {
            doomed.close();
        }
    }

    @Test
    @Order(4)
    void logs_holdNoTokenNorEmail() {
        logs.assertNoTokenNorEmail(pool.tokens, pool.emails);
    }

    private LocalServer start(Map<String, String> overrides) {
        LocalServer server = LocalServer.start(pool.serverEnv(overrides), logs.serverOut());
        servers.add(server);
        return server;
    }

    private static Map<String, String> lambdaEnv(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(pool.serverEnv(overrides));
        env.remove("USERINFO_MODE");
        env.remove("PORT");
        env.put("ALLOWED_ORIGINS", "https://app.example.com");
        return env;
    }

    private static HttpResponse<String> userinfo(LocalServer server) throws Exception {
        return userinfo(server, pool.tokens.get(0));
    }

    private static HttpResponse<String> userinfo(LocalServer server, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/userinfo"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The emulator's key set at a URL of its own, or the status the test sets instead. */
    private static final class KeySetStandIn implements AutoCloseable {
        private final HttpServer server;
        volatile int status = 200;

        KeySetStandIn(URI upstream) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    byte[] body;
                    int answer = status;
                    if (answer == 200) {
                        body = CLIENT.send(HttpRequest.newBuilder(upstream).build(),
                                HttpResponse.BodyHandlers.ofByteArray()).body();
                    } else {
                        body = "{\"message\":\"no such user pool\"}".getBytes(StandardCharsets.UTF_8);
                    }
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(answer, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
