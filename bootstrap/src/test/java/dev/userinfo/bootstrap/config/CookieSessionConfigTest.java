package dev.userinfo.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** COOKIE_SESSIONS and its variables (BFF.md, "Configuration (added)"): every mistake names its variable. */
class CookieSessionConfigTest {

    static final String KEY = "k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:userinfo-sessions-AbCdEf";

    static Map<String, String> localEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("USERINFO_MODE", "cognito");
        env.put("AWS_REGION", "eu-west-1");
        env.put("COGNITO_USER_POOL_ID", "eu-west-1_AbC123");
        env.put("COGNITO_CLIENT_IDS", "client-a,client-b");
        env.put("COOKIE_SESSIONS", "true");
        env.put("COGNITO_DOMAIN", "https://example.auth.eu-west-1.amazoncognito.com");
        env.put("SESSION_REDIRECT_URI", "https://app.example.com/auth/callback");
        env.put("SESSION_KEYS", KEY);
        return env;
    }

    static Map<String, String> lambdaEnv() {
        Map<String, String> env = localEnv();
        env.remove("USERINFO_MODE");
        env.remove("SESSION_KEYS");
        env.put("ALLOWED_ORIGINS", "https://app.example.com");
        env.put("SESSION_SECRET_ARN", ARN);
        return env;
    }

    private static ConfigurationException refusal(Map<String, String> env) {
        return assertThrows(ConfigurationException.class, () -> UserInfoConfig.forLocalServer(env));
    }

    @Test
    void withNothingButTheRequired_theDefaultsOfBffMd() {
        CookieSessionConfig c = UserInfoConfig.forLocalServer(localEnv()).cookieSessions().orElseThrow();

        assertEquals(URI.create("https://example.auth.eu-west-1.amazoncognito.com"), c.cognitoDomain());
        assertEquals("client-a", c.clientId(), "the first of COGNITO_CLIENT_IDS");
        assertEquals(Optional.empty(), c.clientSecret());
        assertEquals(URI.create("https://app.example.com/"), c.logoutUri(), "the app's /");
        assertEquals(Duration.ofHours(8), c.policy().idleTimeout());
        assertEquals(Duration.ofDays(7), c.policy().maxAge());
        assertEquals("k1", c.keys().currentKid());
    }

    @Test
    void cookieSessions_addXCsrfToThePreflightsHeaders_afterContentType() {
        assertEquals(List.of("Authorization", "Content-Type", "X-CSRF", "traceparent", "tracestate", "baggage", "sentry-trace"),
                UserInfoConfig.forLocalServer(localEnv()).corsAllowedHeaders());
        Map<String, String> env = localEnv();
        env.put("CORS_ALLOWED_HEADERS", "Authorization");
        assertEquals(List.of("Authorization", "X-CSRF"), UserInfoConfig.forLocalServer(env).corsAllowedHeaders());
        env.put("CORS_ALLOWED_HEADERS", "Authorization, x-csrf");
        assertEquals(List.of("Authorization", "x-csrf"), UserInfoConfig.forLocalServer(env).corsAllowedHeaders());
        env.put("COOKIE_SESSIONS", "false");
        assertEquals(List.of("Authorization", "x-csrf"), UserInfoConfig.forLocalServer(env).corsAllowedHeaders());
        env.remove("CORS_ALLOWED_HEADERS");
        assertFalse(UserInfoConfig.forLocalServer(env).corsAllowedHeaders().contains("X-CSRF"));
        assertEquals(Optional.empty(), UserInfoConfig.forLocalServer(env).cookieSessions());
    }

    @Test
    void everyOptionalSetting_isRead() {
        Map<String, String> env = localEnv();
        env.put("SESSION_CLIENT_ID", "client-b");
        env.put("COGNITO_CLIENT_SECRET", "s3cr3t");
        env.put("SESSION_LOGOUT_URI", "https://app.example.com/bye");
        env.put("SESSION_IDLE_TIMEOUT", "PT1H");
        env.put("SESSION_MAX_AGE", "P1D");
        env.put("COGNITO_DOMAIN", "https://login.example.com/");

        CookieSessionConfig c = UserInfoConfig.forLocalServer(env).cookieSessions().orElseThrow();

        assertEquals("client-b", c.clientId());
        assertEquals("s3cr3t", c.clientSecret().orElseThrow().value());
        assertEquals(URI.create("https://app.example.com/bye"), c.logoutUri());
        assertEquals(Duration.ofHours(1), c.policy().idleTimeout());
        assertEquals(Duration.ofDays(1), c.policy().maxAge());
        assertEquals(URI.create("https://login.example.com"), c.cognitoDomain(), "no trailing slash");
    }

    @Test
    void localhost_mayUsePlainHttp() {
        Map<String, String> env = localEnv();
        env.put("COGNITO_DOMAIN", "http://localhost:9229");
        env.put("SESSION_REDIRECT_URI", "http://127.0.0.1:8080/auth/callback");

        CookieSessionConfig c = UserInfoConfig.forLocalServer(env).cookieSessions().orElseThrow();

        assertEquals(URI.create("http://127.0.0.1:8080/"), c.logoutUri());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "COOKIE_SESSIONS        | yes                                              | COOKIE_SESSIONS",
        "COGNITO_DOMAIN         |                                                  | COGNITO_DOMAIN",
        "COGNITO_DOMAIN         | example.auth.eu-west-1.amazoncognito.com         | COGNITO_DOMAIN",
        "COGNITO_DOMAIN         | http://example.auth.eu-west-1.amazoncognito.com  | COGNITO_DOMAIN",
        "COGNITO_DOMAIN         | https://example.auth.eu-west-1.amazoncognito.com/oauth2 | COGNITO_DOMAIN",
        "SESSION_REDIRECT_URI   |                                                  | SESSION_REDIRECT_URI",
        "SESSION_REDIRECT_URI   | http://app.example.com/auth/callback             | SESSION_REDIRECT_URI",
        "SESSION_REDIRECT_URI   | https://app.example.com/callback                 | SESSION_REDIRECT_URI",
        "SESSION_REDIRECT_URI   | https://app.example.com/auth/callback?x=1        | SESSION_REDIRECT_URI",
        "SESSION_LOGOUT_URI     | http://app.example.com/                          | SESSION_LOGOUT_URI",
        "SESSION_CLIENT_ID      | client-c                                         | SESSION_CLIENT_ID",
        "SESSION_KEYS           |                                                  | SESSION_KEYS",
        "SESSION_KEYS           | k1:AAAA                                          | SESSION_KEYS",
        "COGNITO_CLIENT_SECRET  | 'has space'                                      | COGNITO_CLIENT_SECRET",
        "SESSION_IDLE_TIMEOUT   | 8h                                               | SESSION_IDLE_TIMEOUT",
        "SESSION_IDLE_TIMEOUT   | PT0S                                             | SESSION_IDLE_TIMEOUT",
        "SESSION_IDLE_TIMEOUT   | P8D                                              | SESSION_IDLE_TIMEOUT",
        "SESSION_MAX_AGE        | -P1D                                             | SESSION_MAX_AGE",
    })
    void aMistake_stopsStartUp_namingItsVariable(String variable, String value, String named) {
        Map<String, String> env = localEnv();
        if (value == null) {
            env.remove(variable);
        } else {
            env.put(variable, value);
        }

        ConfigurationException e = refusal(env);

        assertTrue(e.getMessage().startsWith(named + ":"), e.getMessage());
    }

    @Test
    void aKeyOf31Bytes_isNamedByKid_neverShown() {
        Map<String, String> env = localEnv();
        String short31 = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[31]);
        env.put("SESSION_KEYS", "k9:" + short31);

        ConfigurationException e = refusal(env);

        assertEquals("SESSION_KEYS: key 1 (k9) is 31 bytes; an AES-256 key is 32 (make one with: openssl rand 32 | basenc --base64url)",
                e.getMessage());
    }

    @Test
    void cookieSessionsWithATrustedAuthorizer_isAStartUpError() {
        Map<String, String> env = lambdaEnv();
        env.put("TRUST_API_GATEWAY_AUTHORIZER", "true");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> UserInfoConfig.forLambda(env, arn -> "{\"SESSION_KEYS\":\"" + KEY + "\"}"));

        assertTrue(e.getMessage().startsWith("COOKIE_SESSIONS: cannot be true together with TRUST_API_GATEWAY_AUTHORIZER=true"),
                e.getMessage());
    }

    @Test
    void lambda_readsKeysAndClientSecretFromTheSecret_once() {
        List<String> asked = new java.util.ArrayList<>();

        UserInfoConfig config = UserInfoConfig.forLambda(lambdaEnv(), arn -> {
            asked.add(arn);
            return "{\"SESSION_KEYS\":\"" + KEY + "\",\"COGNITO_CLIENT_SECRET\":\"s3cr3t\",\"other\":1}";
        });

        assertEquals(List.of(ARN), asked);
        CookieSessionConfig c = config.cookieSessions().orElseThrow();
        assertEquals("k1", c.keys().currentKid());
        assertEquals("s3cr3t", c.clientSecret().orElseThrow().value());
    }

    @Test
    void lambdaWithoutCookieSessions_neverReadsASecret() {
        Map<String, String> env = lambdaEnv();
        env.put("COOKIE_SESSIONS", "false");

        assertEquals(Optional.empty(), UserInfoConfig.forLambda(env, arn -> {
            throw new AssertionError("no secret read");
        }).cookieSessions());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SESSION_KEYS           | SESSION_KEYS",
        "COGNITO_CLIENT_SECRET  | COGNITO_CLIENT_SECRET",
    })
    void lambda_refusesKeysOrSecretAsPlainEnvironmentValues(String variable, String named) {
        Map<String, String> env = lambdaEnv();
        env.put(variable, variable.equals("SESSION_KEYS") ? KEY : "s3cr3t");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> UserInfoConfig.forLambda(env, arn -> "{\"SESSION_KEYS\":\"" + KEY + "\"}"));

        assertTrue(e.getMessage().startsWith(named + ": must not be a plain environment value"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                 | the secret's SecretString is not JSON",
        "[1]                                      | the secret's SecretString is not a JSON object",
        "{}                                       | the secret has no SESSION_KEYS",
        "{\"SESSION_KEYS\":1}                     | the secret's SESSION_KEYS is not a string",
        "{\"SESSION_KEYS\":\"k1:AAAA\"}           | the secret's SESSION_KEYS: key 1 (k1) is 3 bytes",
    })
    void aBadSecret_isNamedBySessionSecretArn_neverQuoted(String secret, String message) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> UserInfoConfig.forLambda(lambdaEnv(), arn -> secret));

        assertTrue(e.getMessage().startsWith("SESSION_SECRET_ARN: " + message), e.getMessage());
    }

    @Test
    void lambda_needsASecretArn_thatIsOne() {
        Map<String, String> env = lambdaEnv();
        env.remove("SESSION_SECRET_ARN");
        assertTrue(assertThrows(ConfigurationException.class, () -> UserInfoConfig.forLambda(env, arn -> "{}"))
                .getMessage().startsWith("SESSION_SECRET_ARN: is required"));
        env.put("SESSION_SECRET_ARN", "userinfo-sessions");
        assertTrue(assertThrows(ConfigurationException.class, () -> UserInfoConfig.forLambda(env, arn -> "{}"))
                .getMessage().startsWith("SESSION_SECRET_ARN: is not a Secrets Manager secret ARN"));
    }

    @Test
    void theNewVariables_areKnown_andTheSecretArnIsLambdaOnly() {
        for (String name : List.of("COOKIE_SESSIONS", "COGNITO_DOMAIN", "SESSION_CLIENT_ID", "COGNITO_CLIENT_SECRET",
                "SESSION_REDIRECT_URI", "SESSION_LOGOUT_URI", "SESSION_KEYS", "SESSION_SECRET_ARN", "SESSION_IDLE_TIMEOUT",
                "SESSION_MAX_AGE")) {
            assertTrue(UserInfoConfig.VARIABLES.contains(name), name);
        }
        Map<String, String> env = localEnv();
        env.put("SESSION_SECRET_ARN", ARN);
        assertTrue(UserInfoConfigWarnings.forLocalServer(env).stream()
                .anyMatch(w -> w.variables().contains("SESSION_SECRET_ARN") && w.message().contains("Lambda")));
        assertEquals(List.of(), UserInfoConfigWarnings.forLocalServer(localEnv()));
    }
}
