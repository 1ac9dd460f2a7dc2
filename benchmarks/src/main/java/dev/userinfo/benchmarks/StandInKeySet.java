package dev.userinfo.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a user pool's signing key: a 2048-bit RSA key (the size Cognito uses), its public
 * key set served over HTTP on 127.0.0.1 at {@code <issuer>/.well-known/jwks.json} (the path Cognito
 * publishes it at), and ID tokens signed with it (RS256) that carry the claims a Cognito ID token
 * carries, in Cognito's order. A server under test gets {@link #issuer()} as {@code COGNITO_ISSUER}
 * and {@link #jwksUrl()} as {@code COGNITO_JWKS_URL}, so it verifies these tokens exactly as it
 * verifies a pool's: the benchmarks can mint as many distinct valid tokens as they need, far faster
 * than an emulator signs users in.
 */
final class StandInKeySet implements AutoCloseable {

    /** A pool user a token is minted for: {@code sub} must be the pool's {@code sub} of that user. */
    record User(String username, String sub, String email) {
    }

    private final RSAKey key;
    private final JWSSigner signer;
    private final HttpServer server;
    private final String issuer;
    private final AtomicInteger keySetFetches = new AtomicInteger();

    private StandInKeySet(RSAKey key, HttpServer server, String issuer) throws JOSEException {
        this.key = key;
        this.signer = new RSASSASigner(key);
        this.server = server;
        this.issuer = issuer;
    }

    /**
     * Generates the key and serves its key set.
     *
     * @param poolId the user pool id the issuer ends in (Cognito's issuer is {@code <base>/<poolId>})
     */
    static StandInKeySet start(String poolId) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).algorithm(JWSAlgorithm.RS256)
                    .generate();
            byte[] keySet = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + poolId;
            StandInKeySet standIn = new StandInKeySet(key, server, issuer);
            server.createContext("/" + poolId + "/.well-known/jwks.json", exchange -> {
                standIn.keySetFetches.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keySet.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(keySet);
                }
            });
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code iss} of the tokens: {@code http://127.0.0.1:<port>/<poolId>}. */
    String issuer() {
        return issuer;
    }

    /** Where the key set is served: {@code <issuer>/.well-known/jwks.json}. */
    URI jwksUrl() {
        return URI.create(issuer + "/.well-known/jwks.json");
    }

    /** The signing key (private and public parts). */
    RSAKey key() {
        return key;
    }

    /** How many times the key set was fetched. */
    int keySetFetches() {
        return keySetFetches.get();
    }

    /**
     * A new ID token for {@code user}, valid from now for {@code lifetime}; every call returns
     * different bytes (fresh {@code jti}, {@code origin_jti} and {@code event_id}), so no cache keyed
     * on the token can have seen it. Thread-safe; about 1.5 ms of CPU with the JDK's RSA.
     *
     * @param clientId the app client id ({@code aud})
     * @param groups   the {@code cognito:groups} claim; empty leaves the claim out, as Cognito does
     */
    String idToken(User user, String clientId, List<String> groups, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(user.sub());
        if (!groups.isEmpty()) {
            claims.claim("cognito:groups", groups);
        }
        claims.claim("email_verified", true)
                .issuer(issuer)
                .claim("cognito:username", user.username())
                .claim("origin_jti", UUID.randomUUID().toString())
                .audience(clientId)
                .claim("event_id", UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .expirationTime(Date.from(now.plus(lifetime)))
                .issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString())
                .claim("email", user.email());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
