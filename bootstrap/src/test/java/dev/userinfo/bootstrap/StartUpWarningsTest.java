package dev.userinfo.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.config.UserInfoConfigWarningsTest;
import dev.userinfo.bootstrap.lambda.LambdaWiring;
import dev.userinfo.bootstrap.local.LocalServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The warnings about variables userinfo will not read, where an operator sees them: above the local
 * server's banner, and as WARN lines in the Lambda's log at init.
 */
class StartUpWarningsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "must-not-be-printed";

    @Test
    void localServer_printsEachWarningAboveTheBanner_andStillStarts() {
        Map<String, String> env = new HashMap<>(UserInfoConfigWarningsTest.normalShell());
        env.putAll(Map.of("PORT", "0", "ALLOWED_ORIGIN", "http://localhost:5173",
                "COGNITO_USER_POOL_ID", "eu-west-1_" + SECRET, "COGNITO_CLIENT_IDS", SECRET));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (LocalServer server = LocalServer.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();

            assertEquals(List.of(
                    "warning: ALLOWED_ORIGIN is not a variable userinfo reads, so it has no effect;"
                            + " did you mean ALLOWED_ORIGINS?",
                    "warning: COGNITO_CLIENT_IDS, COGNITO_USER_POOL_ID are read only in cognito mode and ignored in"
                            + " embedded mode; set USERINFO_MODE=cognito to use a user pool",
                    "",
                    "userinfo local server, embedded mode: built-in sample users, tokens minted locally, no AWS"),
                    lines.subList(0, 4));
            assertEquals(UserInfoConfig.Mode.EMBEDDED, server.mode());
            assertFalse(out.toString(StandardCharsets.UTF_8).contains(SECRET));
        }
    }

    @Test
    void localServer_inANormalShell_printsTheBannerFirst() {
        Map<String, String> env = new HashMap<>(UserInfoConfigWarningsTest.normalShell());
        env.put("PORT", "0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (LocalServer server = LocalServer.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);

            assertTrue(printed.startsWith(System.lineSeparator() + "userinfo local server, embedded mode"), printed);
            assertFalse(printed.contains("warning"), printed);
        }
    }

    @Test
    void localServer_refusingToStart_hasAlreadyNamedTheMisspellingBehindTheMissingVariable() {
        Map<String, String> env = Map.of("USERINFO_MODE", "cognito", "PORT", "0", "AWS_REGION", "eu-west-1",
                "COGNITO_USERPOOL_ID", "eu-west-1_AbC123", "COGNITO_CLIENT_IDS", "abc");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> LocalServer.start(env, new PrintStream(out, true, StandardCharsets.UTF_8)));

        assertEquals("COGNITO_USER_POOL_ID: is required but not set", e.getMessage());
        assertEquals("warning: COGNITO_USERPOOL_ID is not a variable userinfo reads, so it has no effect;"
                + " did you mean COGNITO_USER_POOL_ID?" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void lambda_logsOneWarnLinePerWarning_atInit_namingVariablesNeverValues() throws Exception {
        Map<String, String> env = lambdaEnvironment();
        env.putAll(Map.of("ALLOWED_ORIGIN", SECRET, "USERINFO_MODE", SECRET, "USERINFO_DEV_USERS", SECRET));
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        LambdaWiring wiring = LambdaWiring.fromEnvironment(env, new PrintStream(log, true, StandardCharsets.UTF_8));

        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("{\"level\":\"WARN\",\"event\":\"configuration_warning\",\"variables\":[\"ALLOWED_ORIGIN\"],"
                + "\"message\":\"ALLOWED_ORIGIN is not a variable userinfo reads, so it has no effect;"
                + " did you mean ALLOWED_ORIGINS?\"}", lines.get(0));
        JsonNode second = JSON.readTree(lines.get(1));
        assertEquals("WARN", second.get("level").asText());
        assertEquals("[\"USERINFO_DEV_USERS\",\"USERINFO_MODE\"]", second.get("variables").toString());
        assertEquals("USERINFO_DEV_USERS, USERINFO_MODE are read only by the local server and ignored by the Lambda"
                + " function", second.get("message").asText());
        assertFalse(log.toString(StandardCharsets.UTF_8).contains(SECRET));
        assertFalse(wiring.trust().trusted());
    }

    @Test
    void lambda_withTheRuntimesVariablesAndACorrectConfiguration_logsNothingAtInit() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        LambdaWiring.fromEnvironment(lambdaEnvironment(), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertEquals("", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void lambda_refusingToStart_hasAlreadyLoggedTheMisspelling() {
        Map<String, String> env = lambdaEnvironment();
        env.remove(UserInfoConfig.ALLOWED_ORIGINS);
        env.put("ALLOWED_ORIGIN", "https://app.example.com");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> LambdaWiring.fromEnvironment(env, new PrintStream(log, true, StandardCharsets.UTF_8)));

        assertEquals("ALLOWED_ORIGINS: is required but not set", e.getMessage());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("\"variables\":[\"ALLOWED_ORIGIN\"]"), log.toString());
    }

    /** The Lambda runtime's variables and a complete configuration, pointed at a loopback port where nothing listens. */
    private static Map<String, String> lambdaEnvironment() {
        Map<String, String> env = new HashMap<>(UserInfoConfigWarningsTest.lambdaRuntime());
        env.put(UserInfoConfig.AWS_REGION, "eu-west-1");
        env.put(UserInfoConfig.COGNITO_USER_POOL_ID, "eu-west-1_Unreach1");
        env.put(UserInfoConfig.COGNITO_CLIENT_IDS, "client-1");
        env.put(UserInfoConfig.ALLOWED_ORIGINS, "https://app.example.com");
        env.put(UserInfoConfig.COGNITO_ENDPOINT, "http://127.0.0.1:1");
        return env;
    }
}
