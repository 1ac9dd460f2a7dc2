package dev.userinfo.bootstrap.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.application.AccessLog;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.wiring.CognitoAdapters;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The code runs in one region, the pool lives in another: {@code AWS_REGION=eu-west-3} (a Lambda in
 * Paris) with pool {@code eu-west-1_AbCdEf123} (Ireland), and nothing else set. The pool's id decides
 * the issuers, the key set and where AdminGetUser goes; the region the code runs in decides none of it.
 */
class CrossRegionPoolTest {

    private static final String POOL_ID = "eu-west-1_AbCdEf123";
    private static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";

    private static UserInfoConfig config() {
        Map<String, String> env = new HashMap<>();
        env.put(UserInfoConfig.AWS_REGION, "eu-west-3");
        env.put(UserInfoConfig.COGNITO_USER_POOL_ID, POOL_ID);
        env.put(UserInfoConfig.COGNITO_CLIENT_IDS, CLIENT_ID);
        env.put(UserInfoConfig.ALLOWED_ORIGINS, "https://app.example.com");
        return UserInfoConfig.forLambda(env);
    }

    @Test
    void poolsOwnTokens_verify_inBothIssuerFormats_andTokensNamingTheCodesRegion_areRefused() throws Exception {
        UserInfoConfig config = config();
        RSAKey poolKey = new RSAKeyGenerator(2048).keyID("pool-key").generate();
        CognitoTokenParser parser = new CognitoTokenParser(CognitoAdapters.verificationSettings(config),
                new ImmutableJWKSet<>(new JWKSet(poolKey.toPublicJWK())));
        InMemoryUserAttributeLookup pool = new InMemoryUserAttributeLookup()
                .put("kim", "sub-kim", Map.of("email", "kim@example.com"), true);
        LambdaRestApiHandler handler = new LambdaRestApiHandler(
                LambdaWiring.over(config, parser, pool, AccessLog.discarding(), () -> { }));

        for (String iss : List.of(
                "https://cognito-idp.eu-west-1.amazonaws.com/" + POOL_ID,
                "https://issuer-cognito-idp.eu-west-1.amazonaws.com/" + POOL_ID)) {
            APIGatewayProxyResponseEvent ok = handler.handleRequest(get(token(poolKey, iss)), null);
            assertEquals(200, ok.getStatusCode(), iss + ": " + ok.getBody());
            assertTrue(ok.getBody().contains("\"email\":\"kim@example.com\""), ok.getBody());
        }
        for (String iss : List.of(
                "https://cognito-idp.eu-west-3.amazonaws.com/" + POOL_ID,
                "https://issuer-cognito-idp.eu-west-3.amazonaws.com/" + POOL_ID)) {
            APIGatewayProxyResponseEvent refused = handler.handleRequest(get(token(poolKey, iss)), null);
            assertEquals(401, refused.getStatusCode(), iss);
            assertEquals("{\"error\":\"invalid_token\"}", refused.getBody());
        }
    }

    @Test
    void keySet_isFetchedFromThePoolsRegion() {
        assertEquals(URI.create("https://cognito-idp.eu-west-1.amazonaws.com/" + POOL_ID + "/.well-known/jwks.json"),
                CognitoAdapters.verificationSettings(config()).jwksUrl());
    }

    @Test
    void adminGetUser_isSignedForAndSentToThePoolsRegion() {
        List<String> hosts = new ArrayList<>();
        List<String> authorizations = new ArrayList<>();
        // Sees each signed request just before it would leave, and stops it there: no AWS is reachable here.
        ExecutionInterceptor capture = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                hosts.add(context.httpRequest().host());
                authorizations.add(context.httpRequest().firstMatchingHeader("Authorization").orElse(""));
                throw new StoppedBeforeSending();
            }
        };
        try (CognitoAdapters adapters = CognitoAdapters.create(config(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), List.of(capture))) {
            assertThrows(RuntimeException.class, () -> adapters.lookup().lookup("kim", "sub-kim"));
        }

        assertFalse(hosts.isEmpty(), "no AdminGetUser request was built");
        for (int i = 0; i < hosts.size(); i++) {
            assertEquals("cognito-idp.eu-west-1.amazonaws.com", hosts.get(i));
            // SigV4's credential scope: <key id>/<date>/<region>/<service>/aws4_request.
            assertTrue(authorizations.get(i).contains("/eu-west-1/cognito-idp/aws4_request"), authorizations.get(i));
            assertFalse(authorizations.get(i).contains("eu-west-3"), authorizations.get(i));
        }
    }

    private static String token(RSAKey key, String issuer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject("sub-kim")
                        .audience(CLIENT_ID)
                        .claim("token_use", "id")
                        .claim("cognito:username", "kim")
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static APIGatewayProxyRequestEvent get(String token) {
        return new APIGatewayProxyRequestEvent().withResource("/userinfo").withPath("/userinfo").withHttpMethod("GET")
                .withHeaders(Map.of("Authorization", "Bearer " + token));
    }

    /** Thrown by the capturing interceptor so that nothing is sent. */
    private static final class StoppedBeforeSending extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
