package dev.userinfo.bootstrap.lambda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The production wiring, built for real but pointed at a loopback port where nothing listens. */
class LambdaWiringTest {

    private static Map<String, String> environment(boolean trust) {
        Map<String, String> env = new HashMap<>();
        env.put(UserInfoConfig.AWS_REGION, "eu-west-1");
        env.put(UserInfoConfig.COGNITO_USER_POOL_ID, "eu-west-1_Unreach1");
        env.put(UserInfoConfig.COGNITO_CLIENT_IDS, "client-1");
        env.put(UserInfoConfig.ALLOWED_ORIGINS, "https://app.example.com");
        // Port 1 on loopback: connections are refused at once, so nothing here waits on a timeout.
        env.put(UserInfoConfig.COGNITO_ENDPOINT, "http://127.0.0.1:1");
        env.put(UserInfoConfig.TRUST_API_GATEWAY_AUTHORIZER, Boolean.toString(trust));
        return env;
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent restGet(String token) {
        return new com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent()
                .withResource("/userinfo").withPath("/userinfo").withHttpMethod("GET")
                .withHeaders(Map.of("Authorization", "Bearer " + token));
    }

    @Test
    void cognitoWiring_followsTheTrustSetting() {
        assertFalse(LambdaWiring.cognito(UserInfoConfig.forLambda(environment(false))).trust().trusted());
        assertTrue(LambdaWiring.cognito(UserInfoConfig.forLambda(environment(true))).trust().trusted());
    }

    @Test
    void cognitoWiring_primingWithTheKeySetUnreachable_stillCompletes() {
        LambdaRestApiHandler handler =
                new LambdaRestApiHandler(LambdaWiring.cognito(UserInfoConfig.forLambda(environment(false))));

        assertDoesNotThrow(() -> handler.priming().beforeCheckpoint(null));
    }

    @Test
    void cognitoWiring_keySetUnreachable_isA503_notA500() throws Exception {
        LambdaRestApiHandler handler =
                new LambdaRestApiHandler(LambdaWiring.cognito(UserInfoConfig.forLambda(environment(false))));

        // Well formed and signed, so only the key set can settle it.
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().subject("s").issuer("http://127.0.0.1:1/eu-west-1_Unreach1").audience("client-1")
                        .claim("token_use", "id").claim("cognito:username", "u")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).issueTime(new Date()).build());
        token.sign(new RSASSASigner(key));

        APIGatewayProxyResponseEvent response = handler.handleRequest(restGet(token.serialize()), null);

        assertEquals(503, response.getStatusCode());
        assertEquals("{\"error\":\"temporarily_unavailable\"}", response.getBody());
        assertEquals("5", response.getHeaders().get("Retry-After"));
    }

    private static Map<String, String> cookieEnvironment() {
        Map<String, String> env = environment(false);
        env.put(UserInfoConfig.COOKIE_SESSIONS, "true");
        // The managed login domain at the same refusing port: every token request is an outage.
        env.put(UserInfoConfig.COGNITO_DOMAIN, "http://127.0.0.1:1");
        env.put(UserInfoConfig.SESSION_REDIRECT_URI, "https://app.example.com/auth/callback");
        env.put(UserInfoConfig.SESSION_SECRET_ARN, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:userinfo-AbCdEf");
        return env;
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent rest(String method, String path,
            Map<String, String> headers, Map<String, String> query) {
        return new com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent()
                .withResource("/{proxy+}").withPath(path).withPathParameters(Map.of("proxy", path.substring(1)))
                .withHttpMethod(method).withHeaders(headers).withQueryStringParameters(query);
    }

    @Test
    void cognitoWiring_withCookieSessions_signsInThroughTheManagedLogin_withHostPrefixedCookies() throws Exception {
        String key = "k1:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        LambdaRestApiHandler handler = new LambdaRestApiHandler(LambdaWiring.cognito(UserInfoConfig.forLambda(
                cookieEnvironment(), arn -> "{\"SESSION_KEYS\":\"" + key + "\"}")));
        assertDoesNotThrow(() -> handler.priming().beforeCheckpoint(null));
        handler.priming().afterRestore(null);

        APIGatewayProxyResponseEvent login = handler.handleRequest(rest("GET", "/auth/login", Map.of(), Map.of("returnTo", "/app")), null);

        assertEquals(302, login.getStatusCode());
        String location = login.getHeaders().get("Location");
        assertTrue(location.startsWith("http://127.0.0.1:1/oauth2/authorize?"), location);
        for (String part : new String[] {"response_type=code", "client_id=client-1", "code_challenge_method=S256",
                "redirect_uri=https%3A%2F%2Fapp.example.com%2Fauth%2Fcallback", "scope=openid+email+profile", "nonce=", "state="}) {
            assertTrue(location.contains(part), part + " in " + location);
        }
        String cookie = login.getMultiValueHeaders().get("Set-Cookie").get(0);
        assertTrue(cookie.startsWith("__Host-userinfo-login=") && cookie.contains("; Secure; HTTPOnly; SameSite=Lax"), cookie);

        String state = java.net.URLDecoder.decode(location.replaceAll(".*[?&]state=([^&]+).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        APIGatewayProxyResponseEvent callback = handler.handleRequest(rest("GET", "/auth/callback",
                Map.of("Cookie", cookie.substring(0, cookie.indexOf(';'))), Map.of("code", "c-1", "state", state)), null);
        assertEquals(503, callback.getStatusCode(), "the token endpoint refuses connections: " + callback.getBody());
        assertEquals("5", callback.getHeaders().get("Retry-After"));
        assertEquals(null, callback.getMultiValueHeaders(), "cookies kept");

        APIGatewayProxyResponseEvent logout = handler.handleRequest(rest("POST", "/auth/logout",
                Map.of("X-CSRF", "1"), Map.of()), null);
        assertEquals(200, logout.getStatusCode());
        assertEquals("{\"logoutUrl\":\"http://127.0.0.1:1/logout?client_id=client-1&logout_uri=https%3A%2F%2Fapp.example.com%2F\"}",
                logout.getBody());
    }
}
