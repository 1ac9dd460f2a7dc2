package dev.userinfo.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.adapter.cognito.TokenVerificationSettings;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What full verification of a Cognito token costs next to the one thing it cannot avoid: the RS256
 * signature check. The parser fetches its key set over HTTP from 127.0.0.1 once, in setup, so each
 * measured call runs with a warm key cache, exactly as a request in a warm Lambda or server would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenVerificationBenchmark {

    private static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Bench0001";
    private static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";

    private HttpServer jwks;
    private CognitoTokenParser parser;
    private BearerToken token;

    private RSAPublicKey publicKey;
    private byte[] signingInput;
    private byte[] signature;

    @Setup
    public void setUp() throws IOException, JOSEException, GeneralSecurityException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-key").algorithm(JWSAlgorithm.RS256).generate();
        byte[] jwksBody = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, jwksBody.length);
            try (exchange) {
                exchange.getResponseBody().write(jwksBody);
            }
        });
        jwks.start();
        URI jwksUrl = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");

        parser = new CognitoTokenParser(TokenVerificationSettings.of(
                ISSUER, jwksUrl, Set.of(CLIENT_ID), Set.of(TokenUse.ID, TokenUse.ACCESS)));
        parser.prefetchKeys();

        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .subject("8f3c2a1e-6b7d-4e5f-9a0b-1c2d3e4f5a6b")
                        .claim("cognito:groups", List.of("admins"))
                        .claim("email_verified", true)
                        .issuer(ISSUER)
                        .claim("cognito:username", "alice")
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
        String compact = jwt.serialize();
        token = new BearerToken(compact);

        publicKey = key.toRSAPublicKey();
        signingInput = compact.substring(0, compact.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        signature = new Base64URL(compact.substring(compact.lastIndexOf('.') + 1)).decode();

        // Fail fast, not after minutes of measuring the wrong thing.
        if (!"alice".equals(cognitoTokenParser().username()) || !jdkSignatureVerify()) {
            throw new IllegalStateException("the benchmark token does not verify");
        }
    }

    @TearDown
    public void tearDown() {
        parser.close();
        jwks.stop(0);
    }

    /** Everything a request pays: shape checks, header allowlist, parsing, key lookup, RS256, claim checks. */
    @Benchmark
    public VerifiedIdentity cognitoTokenParser() {
        return parser.parse(token);
    }

    /** The floor: the JDK's RS256 check of the same bytes with the same key, and nothing else. */
    @Benchmark
    public boolean jdkSignatureVerify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }
}
