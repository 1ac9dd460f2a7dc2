package dev.userinfo.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.domain.TokenUse;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserInfoConfigTest {

    private static Map<String, String> cognitoEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("USERINFO_MODE", "cognito");
        env.put("AWS_REGION", "eu-west-1");
        env.put("COGNITO_USER_POOL_ID", "eu-west-1_AbC123");
        env.put("COGNITO_CLIENT_IDS", " client-a , client-b ,");
        return env;
    }

    @Test
    void emptyEnvironment_givesTheEmbeddedLocalServerOnPort8080() {
        UserInfoConfig config = UserInfoConfig.forLocalServer(Map.of());

        assertEquals(UserInfoConfig.Mode.EMBEDDED, config.mode());
        assertEquals(8080, config.port());
        assertEquals(List.of("http://localhost:*", "http://127.0.0.1:*"), config.allowedOrigins());
        assertEquals(Set.of(TokenUse.ID, TokenUse.ACCESS), config.tokenUses());
        assertEquals(Duration.ofSeconds(60), config.attributeCacheTtl());
    }

    @Test
    void cognitoMode_derivesBothOfficialIssuersAndTheKeySetFromThePool() {
        UserInfoConfig config = UserInfoConfig.forLocalServer(cognitoEnv());

        assertEquals(Set.of("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
                "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123"), config.issuers());
        assertEquals(URI.create("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json"),
                config.jwksUrl());
        assertEquals("eu-west-1", config.cognitoRegion());
        assertEquals(Set.of("client-a", "client-b"), config.clientIds());
        assertEquals(Optional.empty(), config.cognitoEndpoint());
    }

    @Test
    void poolInAnotherRegionThanTheCode_takesIssuersKeySetAndClientRegionFromThePoolId() {
        Map<String, String> env = cognitoEnv();
        env.put("AWS_REGION", "eu-west-3"); // where the Lambda runs
        env.put("COGNITO_USER_POOL_ID", "eu-west-1_AbCdEf123");

        UserInfoConfig config = UserInfoConfig.forLambda(withOrigins(env));

        assertEquals("eu-west-3", config.region());
        assertEquals("eu-west-1", config.cognitoRegion());
        assertEquals(Set.of("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
                "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"), config.issuers());
        assertEquals(URI.create("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/jwks.json"),
                config.jwksUrl());
    }

    @Test
    void poolIdThatNamesNoRegion_withoutAnEmulatorEndpoint_stopsNamingThePoolIdAndTheFix() {
        Map<String, String> env = cognitoEnv();
        env.put("COGNITO_USER_POOL_ID", "local_6uH1oYfV");

        var e = assertThrows(ConfigurationException.class, () -> UserInfoConfig.forLocalServer(env));

        assertTrue(e.getMessage().startsWith("COGNITO_USER_POOL_ID:"), e.getMessage());
        assertTrue(e.getMessage().contains("local_6uH1oYfV"), e.getMessage());
        assertTrue(e.getMessage().contains("eu-west-1_"), "the message shows what a pool id looks like: " + e.getMessage());
        assertTrue(e.getMessage().contains("COGNITO_ENDPOINT"), "the message names the emulator fix: " + e.getMessage());
    }

    @Test
    void poolIdThatNamesNoRegion_evenWithAnIssuerOverride_stopsWithoutAnEndpoint() {
        Map<String, String> env = cognitoEnv();
        env.put("COGNITO_USER_POOL_ID", "local_6uH1oYfV");
        env.put("COGNITO_ISSUER", "http://127.0.0.1:9229/local_6uH1oYfV");

        var e = assertThrows(ConfigurationException.class, () -> UserInfoConfig.forLocalServer(env));
        assertTrue(e.getMessage().startsWith("COGNITO_USER_POOL_ID:"), e.getMessage());
    }

    @Test
    void emulatorPoolId_withAnEndpoint_skipsTheDerivation_andTheClientUsesAwsRegion() {
        Map<String, String> env = cognitoEnv();
        env.put("COGNITO_USER_POOL_ID", "local_6uH1oYfV");
        env.put("COGNITO_ENDPOINT", "http://127.0.0.1:9229");
        env.put("AWS_REGION", "us-east-1");

        UserInfoConfig config = UserInfoConfig.forLocalServer(env);

        assertEquals(Set.of("http://127.0.0.1:9229/local_6uH1oYfV"), config.issuers());
        assertEquals(URI.create("http://127.0.0.1:9229/local_6uH1oYfV/.well-known/jwks.json"), config.jwksUrl());
        assertEquals("us-east-1", config.cognitoRegion());
    }

    @Test
    void endpointOverride_derivesTheEmulatorsIssuer_evenForAnAwsShapedPoolId() {
        // Some emulators make AWS-shaped ids (us-east-1_…): with an endpoint, the endpoint decides,
        // and the client is built for AWS_REGION, not the region in the id.
        Map<String, String> env = cognitoEnv();
        env.put("COGNITO_ENDPOINT", "http://127.0.0.1:9229/");
        env.put("AWS_REGION", "eu-central-1");

        UserInfoConfig config = UserInfoConfig.forLocalServer(env);

        assertEquals(Set.of("http://127.0.0.1:9229/eu-west-1_AbC123"), config.issuers());
        assertEquals(URI.create("http://127.0.0.1:9229/eu-west-1_AbC123/.well-known/jwks.json"), config.jwksUrl());
        assertEquals("eu-central-1", config.cognitoRegion());
    }

    @Test
    void explicitIssuerAndJwksUrl_winOverDerivedOnes() {
        Map<String, String> env = cognitoEnv();
        env.put("COGNITO_ISSUER", "http://localhost:9229/local_pool");
        env.put("COGNITO_JWKS_URL", "http://localhost:9229/keys.json");
        env.put("COGNITO_TOKEN_USE", "access");
        env.put("ATTRIBUTE_CACHE_TTL_SECONDS", "0");

        UserInfoConfig config = UserInfoConfig.forLocalServer(env);

        assertEquals(Set.of("http://localhost:9229/local_pool"), config.issuers());
        assertEquals(URI.create("http://localhost:9229/keys.json"), config.jwksUrl());
        assertEquals(Set.of(TokenUse.ACCESS), config.tokenUses());
        assertEquals(Duration.ZERO, config.attributeCacheTtl());
    }

    @ParameterizedTest(name = "{0} missing")
    @CsvSource({"AWS_REGION", "COGNITO_USER_POOL_ID", "COGNITO_CLIENT_IDS"})
    void cognitoModeWithoutARequiredVariable_stopsNamingIt(String variable) {
        Map<String, String> env = cognitoEnv();
        env.remove(variable);

        var e = assertThrows(ConfigurationException.class, () -> UserInfoConfig.forLocalServer(env));
        assertTrue(e.getMessage().startsWith(variable + ":"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "USERINFO_MODE, lambda",
        "PORT, http",
        "PORT, 70000",
        "AWS_REGION, Ireland",
        "COGNITO_USER_POOL_ID, pool with spaces",
        "COGNITO_CLIENT_IDS, ' , '",
        "COGNITO_TOKEN_USE, refresh",
        "COGNITO_ENDPOINT, ftp://x",
        "COGNITO_ISSUER, not a url",
        "ALLOWED_ORIGINS, *",
        "ATTRIBUTE_CACHE_TTL_SECONDS, -1",
        "ATTRIBUTE_CACHE_TTL_SECONDS, 1m",
        "TRUST_API_GATEWAY_AUTHORIZER, yes",
    })
    void invalidValue_stopsStartUpNamingTheVariable(String variable, String value) {
        Map<String, String> env = cognitoEnv();
        env.put(variable, value);

        var e = assertThrows(ConfigurationException.class, () -> {
            if ("TRUST_API_GATEWAY_AUTHORIZER".equals(variable)) {
                UserInfoConfig.forLambda(withOrigins(env));
            } else {
                UserInfoConfig.forLocalServer(env);
            }
        });
        assertTrue(e.getMessage().startsWith(variable + ":"), e.getMessage());
    }

    @Test
    void lambdaWithoutAllowedOrigins_stopsNamingIt() {
        var e = assertThrows(ConfigurationException.class, () -> UserInfoConfig.forLambda(cognitoEnv()));
        assertTrue(e.getMessage().startsWith("ALLOWED_ORIGINS:"), e.getMessage());
    }

    @Test
    void lambda_readsAuthorizerTrust_andIsAlwaysCognitoMode() {
        Map<String, String> env = withOrigins(cognitoEnv());
        env.remove("USERINFO_MODE");
        env.put("TRUST_API_GATEWAY_AUTHORIZER", "TRUE");

        UserInfoConfig config = UserInfoConfig.forLambda(env);

        assertEquals(UserInfoConfig.Mode.COGNITO, config.mode());
        assertTrue(config.trustApiGatewayAuthorizer());
        assertEquals(List.of("https://app.example.com"), config.allowedOrigins());
    }

    @Test
    void authorizerTrust_isOffByDefault() {
        assertFalse(UserInfoConfig.forLambda(withOrigins(cognitoEnv())).trustApiGatewayAuthorizer());
    }

    @Test
    void allowedOrigins_areNormalizedAsBrowsersSendThem_soADefaultPortStillMatches() {
        Map<String, String> env = cognitoEnv();
        env.put("ALLOWED_ORIGINS", "https://App.Example.test:443, http://localhost:3000, HTTP://127.0.0.1:*");

        UserInfoConfig config = UserInfoConfig.forLambda(env);

        assertEquals(List.of("https://app.example.test", "http://localhost:3000", "http://127.0.0.1:*"),
                config.allowedOrigins());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "http://localhost:3000:*    | 'http://localhost:3000' for that port or 'http://localhost:*' for any port",
        "https://app.example.test/  | write 'https://app.example.test'",
    })
    void malformedAllowedOrigin_stopsStartUpNamingTheVariableAndTheFix(String value, String fix) {
        Map<String, String> env = cognitoEnv();
        env.put("ALLOWED_ORIGINS", "https://ok.example.test," + value);

        var e = assertThrows(ConfigurationException.class, () -> UserInfoConfig.forLambda(env));

        assertTrue(e.getMessage().startsWith("ALLOWED_ORIGINS: "), e.getMessage());
        assertTrue(e.getMessage().contains(fix), e.getMessage());
    }

    @Test
    void corsAllowedHeaders_default_coversTheTokenAndTheTracingHeaders() {
        UserInfoConfig config = UserInfoConfig.forLocalServer(Map.of("COOKIE_SESSIONS", "false"));

        assertEquals(List.of("Authorization", "Content-Type", "traceparent", "tracestate", "baggage", "sentry-trace"),
                config.corsAllowedHeaders());
        assertEquals("Authorization, Content-Type, traceparent, tracestate, baggage, sentry-trace",
                config.corsPolicy().allowedHeaders());
    }

    @Test
    void embeddedMode_cookieSessionsOnByDefault_withTheDefaultLimits_andNoCognitoModeSettings() {
        UserInfoConfig config = UserInfoConfig.forLocalServer(Map.of());

        EmbeddedSessionSettings sessions = config.signIn().cookieSessions().orElseThrow();
        assertEquals(dev.userinfo.domain.session.SessionPolicy.defaults(), sessions.policy());
        assertEquals(Optional.empty(), sessions.logoutUri());
        assertEquals(Optional.empty(), config.cookieSessions(), "embedded mode's sessions are derived, not configured");
    }

    @Test
    void embeddedMode_cookieSessions_offWhenFalse_andTheirSettingsRead() {
        assertEquals(Optional.empty(), UserInfoConfig.forLocalServer(Map.of("COOKIE_SESSIONS", "false")).signIn().cookieSessions());
        EmbeddedSessionSettings set = UserInfoConfig.forLocalServer(Map.of("SESSION_IDLE_TIMEOUT", "PT1H",
                "SESSION_MAX_AGE", "PT1H", "SESSION_LOGOUT_URI", "https://app.example.com/bye")).signIn().cookieSessions().orElseThrow();
        assertEquals(Duration.ofHours(1), set.policy().idleTimeout());
        assertEquals(Duration.ofHours(1), set.policy().maxAge());
        assertEquals(Optional.of(URI.create("https://app.example.com/bye")), set.logoutUri());
    }

    @ParameterizedTest
    @CsvSource({"COOKIE_SESSIONS, yes, COOKIE_SESSIONS", "SESSION_LOGOUT_URI, not a url, SESSION_LOGOUT_URI",
            "SESSION_IDLE_TIMEOUT, P8D, SESSION_IDLE_TIMEOUT", "SESSION_MAX_AGE, soon, SESSION_MAX_AGE"})
    void embeddedMode_cookieSessionMistakes_stopStartUpNamingTheVariable(String variable, String value, String named) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> UserInfoConfig.forLocalServer(Map.of(variable, value)));
        assertTrue(e.getMessage().startsWith(named + ": "), e.getMessage());
    }

    @Test
    void corsAllowedHeaders_default_inEmbeddedModeWithItsCookieSessions_addsXCsrf() {
        UserInfoConfig config = UserInfoConfig.forLocalServer(Map.of());

        assertEquals(List.of("Authorization", "Content-Type", "X-CSRF", "traceparent", "tracestate", "baggage",
                "sentry-trace"), config.corsAllowedHeaders());
    }

    @Test
    void corsAllowedHeaders_asConfigured_reachThePreflightsAnswer() {
        Map<String, String> env = withOrigins(cognitoEnv());
        env.put("CORS_ALLOWED_HEADERS", "Authorization, X-CSRF ,traceparent,");

        UserInfoConfig config = UserInfoConfig.forLambda(env);

        assertEquals(List.of("Authorization", "X-CSRF", "traceparent"), config.corsAllowedHeaders());
        assertEquals("Authorization, X-CSRF, traceparent", config.corsPolicy().allowedHeaders());
        assertTrue(config.corsPolicy().allows("https://app.example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Authorization, X Trace | 'X Trace' is not a header name",
        "Authorization, *       | '*'",
        "Content-Type           | must include Authorization",
    })
    void corsAllowedHeadersThatAreNotHeaderNames_stopStartUpNamingTheVariable(String value, String problem) {
        Map<String, String> env = withOrigins(cognitoEnv());
        env.put("CORS_ALLOWED_HEADERS", value);

        var e = assertThrows(ConfigurationException.class, () -> UserInfoConfig.forLambda(env));

        assertTrue(e.getMessage().startsWith("CORS_ALLOWED_HEADERS: "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private static Map<String, String> withOrigins(Map<String, String> env) {
        env.put("ALLOWED_ORIGINS", "https://app.example.com");
        return env;
    }

    // --- attribute source and stale limit (issue 14) ---

    @Test
    void attributeSourceAndStaleLimit_defaultToThePoolAnd900Seconds() {
        UserInfoConfig config = UserInfoConfig.forLocalServer(cognitoEnv());

        assertEquals(dev.userinfo.domain.AttributeSource.POOL, config.attributeSource());
        assertEquals(Duration.ofSeconds(900), config.attributeStaleLimit());
    }

    @ParameterizedTest(name = "ATTRIBUTE_SOURCE={0}")
    @CsvSource({"pool, POOL", "token, TOKEN", "Token, TOKEN", "' POOL ', POOL"})
    void attributeSource_isPoolOrToken_inAnyCase(String value, dev.userinfo.domain.AttributeSource expected) {
        Map<String, String> env = cognitoEnv();
        env.put("ATTRIBUTE_SOURCE", value);

        assertEquals(expected, UserInfoConfig.forLocalServer(env).attributeSource());
        env.put("ALLOWED_ORIGINS", "https://app.example.com");
        assertEquals(expected, UserInfoConfig.forLambda(env).attributeSource());
    }

    @ParameterizedTest(name = "ATTRIBUTE_SOURCE={0}")
    @CsvSource({"claims", "id", "'pool,token'"})
    void unknownAttributeSource_stopsNamingTheVariable(String value) {
        Map<String, String> env = cognitoEnv();
        env.put("ATTRIBUTE_SOURCE", value);

        var e = assertThrows(ConfigurationException.class, () -> UserInfoConfig.forLocalServer(env));

        assertTrue(e.getMessage().contains("ATTRIBUTE_SOURCE"), e.getMessage());
        assertTrue(e.getMessage().contains("'pool' or 'token'"), e.getMessage());
    }

    @ParameterizedTest(name = "ATTRIBUTE_STALE_LIMIT_SECONDS={0}")
    @CsvSource({"0, 0", "1, 1", "60, 60", "86400, 86400"})
    void staleLimit_isWholeSecondsFromZeroToADay(String value, long seconds) {
        Map<String, String> env = cognitoEnv();
        env.put("ATTRIBUTE_STALE_LIMIT_SECONDS", value);

        assertEquals(Duration.ofSeconds(seconds), UserInfoConfig.forLocalServer(env).attributeStaleLimit());
    }

    @ParameterizedTest(name = "ATTRIBUTE_STALE_LIMIT_SECONDS={0}")
    @CsvSource({"-1", "86401", "15m", "1.5"})
    void staleLimitOutOfRange_stopsNamingTheVariable(String value) {
        Map<String, String> env = cognitoEnv();
        env.put("ATTRIBUTE_STALE_LIMIT_SECONDS", value);

        var e = assertThrows(ConfigurationException.class, () -> UserInfoConfig.forLocalServer(env));

        assertTrue(e.getMessage().contains("ATTRIBUTE_STALE_LIMIT_SECONDS"), e.getMessage());
        assertTrue(e.getMessage().contains("0 to 86400"), e.getMessage());
    }

    @Test
    void embeddedMode_readsThePoolDefaults_forItsInMemoryUsers() {
        Map<String, String> env = new HashMap<>(Map.of("ATTRIBUTE_SOURCE", "token", "ATTRIBUTE_STALE_LIMIT_SECONDS", "5"));

        UserInfoConfig config = UserInfoConfig.forLocalServer(env);

        assertEquals(dev.userinfo.domain.AttributeSource.POOL, config.attributeSource());
        assertEquals(Duration.ofSeconds(900), config.attributeStaleLimit());
    }

    @Test
    void newVariables_areKnown_soTheyDrawNoMisspellingWarning() {
        assertTrue(UserInfoConfig.VARIABLES.contains("ATTRIBUTE_SOURCE"));
        assertTrue(UserInfoConfig.VARIABLES.contains("ATTRIBUTE_STALE_LIMIT_SECONDS"));
    }
}
