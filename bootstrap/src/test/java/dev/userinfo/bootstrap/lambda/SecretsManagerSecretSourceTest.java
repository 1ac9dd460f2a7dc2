package dev.userinfo.bootstrap.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.CookieSessionConfig;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Lambda's secret read through the SDK's real Secrets Manager client, pointed by the SDK's own
 * endpoint override (the system property form of {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}) at a
 * stand-in that speaks GetSecretValue's JSON protocol on 127.0.0.1.
 */
class SecretsManagerSecretSourceTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:userinfo-sessions-AbCdEf";
    private static final String KEY = "k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    private static final Map<String, String> PROPERTIES = Map.of(
            "aws.endpointUrlSecretsManager", "", "aws.accessKeyId", "test", "aws.secretAccessKey", "test");

    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<String> secretIds = new CopyOnWriteArrayList<>();
    private final Map<String, String> saved = new HashMap<>();
    private HttpServer standIn;
    private volatile int status = 200;
    private volatile String answer;

    @BeforeEach
    void start() throws IOException {
        standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIn.createContext("/", exchange -> {
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            secretIds.add(new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()).path("SecretId").asText());
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            if (status != 200) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        standIn.start();
        PROPERTIES.forEach((name, value) -> {
            saved.put(name, System.getProperty(name));
            System.setProperty(name, value.isEmpty() ? "http://127.0.0.1:" + standIn.getAddress().getPort() : value);
        });
    }

    @AfterEach
    void stop() {
        standIn.stop(0);
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private String secretValue(String secretString) throws IOException {
        return new ObjectMapper().writeValueAsString(Map.of("ARN", ARN, "Name", "userinfo-sessions",
                "SecretString", secretString, "VersionId", "v1"));
    }

    @Test
    void theLambdasConfiguration_readsItsSecretOnce_throughTheSdksEndpointOverride() throws IOException {
        answer = secretValue("{\"SESSION_KEYS\":\"" + KEY + "\",\"COGNITO_CLIENT_SECRET\":\"s3cr3t\"}");
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "COGNITO_USER_POOL_ID", "eu-west-1_AbC123",
                "COGNITO_CLIENT_IDS", "client-a", "ALLOWED_ORIGINS", "https://app.example.com", "COOKIE_SESSIONS", "true",
                "COGNITO_DOMAIN", "https://example.auth.eu-west-1.amazoncognito.com",
                "SESSION_REDIRECT_URI", "https://app.example.com/auth/callback", "SESSION_SECRET_ARN", ARN);

        CookieSessionConfig c = UserInfoConfig.forLambda(env, new SecretsManagerSecretSource("eu-west-1"))
                .cookieSessions().orElseThrow();

        assertEquals("k1", c.keys().currentKid());
        assertEquals("s3cr3t", c.clientSecret().orElseThrow().value());
        assertEquals(List.of("secretsmanager.GetSecretValue"), targets);
        assertEquals(List.of(ARN), secretIds);
    }

    @Test
    void aSecretThatCannotBeRead_stopsTheInit_namingSessionSecretArn_withTheServicesErrorCode() throws IOException {
        status = 400;
        answer = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}";

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new SecretsManagerSecretSource("eu-west-1").secretString(ARN));

        assertTrue(e.getMessage().startsWith("SESSION_SECRET_ARN: GetSecretValue failed: ResourceNotFoundException (400)"),
                e.getMessage());
    }

    @Test
    void anUnreachableSecretsManager_stopsTheInit_too() {
        standIn.stop(0);

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new SecretsManagerSecretSource("eu-west-1").secretString(ARN));

        assertTrue(e.getMessage().startsWith("SESSION_SECRET_ARN: GetSecretValue could not be sent"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"));
    }
}
