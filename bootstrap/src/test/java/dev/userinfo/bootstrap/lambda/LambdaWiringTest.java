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
}
