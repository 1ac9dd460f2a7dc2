package dev.userinfo.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.adapter.cognito.TokenVerificationSettings;
import dev.userinfo.domain.TokenUse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * A stand-in user pool for the JMH benchmarks: an RSA key, its key set served over HTTP on 127.0.0.1
 * (so the parser fetches and caches it exactly as in production), a parser with warm keys, and an ID
 * token for alice shaped like Cognito's.
 */
final class BenchmarkPool implements AutoCloseable {

    static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Bench0001";
    static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";
    static final String USERNAME = "alice";
    static final String SUB = "8f3c2a1e-6b7d-4e5f-9a0b-1c2d3e4f5a6b";

    final RSAKey key;
    final CognitoTokenParser parser;
    /** alice's ID token, compact form. */
    final String idToken;
    private final HttpServer jwks;

    private BenchmarkPool(RSAKey key, HttpServer jwks, CognitoTokenParser parser, String idToken) {
        this.key = key;
        this.jwks = jwks;
        this.parser = parser;
        this.idToken = idToken;
    }

    static BenchmarkPool start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("bench-key").algorithm(JWSAlgorithm.RS256).generate();
            byte[] jwksBody = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            jwks.createContext("/", exchange -> {
                exchange.sendResponseHeaders(200, jwksBody.length);
                try (exchange) {
                    exchange.getResponseBody().write(jwksBody);
                }
            });
            jwks.start();
            URI jwksUrl = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
            CognitoTokenParser parser = new CognitoTokenParser(TokenVerificationSettings.of(
                    ISSUER, jwksUrl, Set.of(CLIENT_ID), Set.of(TokenUse.ID, TokenUse.ACCESS)));
            parser.prefetchKeys();
            return new BenchmarkPool(key, jwks, parser, idToken(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String idToken(RSAKey key) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .subject(SUB)
                        .claim("cognito:groups", List.of("admins"))
                        .claim("email_verified", true)
                        .issuer(ISSUER)
                        .claim("cognito:username", USERNAME)
                        .claim("origin_jti", "b5d1c1f0-0000-4000-8000-000000000001")
                        .audience(CLIENT_ID)
                        .claim("event_id", "c6e2d2a1-0000-4000-8000-000000000002")
                        .claim("token_use", "id")
                        .claim("auth_time", now.getEpochSecond())
                        // Long enough that no run outlives the token.
                        .expirationTime(Date.from(now.plus(Duration.ofDays(1))))
                        .issueTime(Date.from(now))
                        .jwtID("d7f3e3b2-0000-4000-8000-000000000003")
                        .claim("email", "alice@example.com")
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Override
    public void close() {
        parser.close();
        jwks.stop(0);
    }
}
