package dev.userinfo.bootstrap.embedded;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded mode's stand-in for Cognito's token endpoint: an RSA key made at start-up, and ID and
 * access tokens shaped like Cognito's (same claims, RS256, {@code kid}), so {@code GET /userinfo}
 * verifies them with the production {@code CognitoTokenParser}. The private key never leaves memory.
 */
public final class EmbeddedTokenIssuer {

    /**
     * The issuer of embedded tokens. Shaped like a pool's ({@code https://cognito-idp.<region>…/<pool>})
     * under the reserved {@code .invalid} domain: nothing ever fetches it, the keys are in memory.
     */
    public static final String ISSUER = "https://cognito-idp.embedded.invalid/local_Embedded";
    /** Where a pool would publish its keys; the local server serves the same set at {@code /dev/jwks.json}. */
    public static final URI JWKS_URL = URI.create(ISSUER + "/.well-known/jwks.json");
    /** The one app client embedded tokens are issued to. */
    public static final String CLIENT_ID = "userinfo-embedded-client";
    /** Cognito's default lifetime for ID and access tokens. */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private static final String SCOPE = "aws.cognito.signin.user.admin";

    private final CompletableFuture<Signing> signing;
    private final Clock clock;

    /** The key and what is made from it once: its signer and its public set. */
    private record Signing(RSAKey key, RSASSASigner signer, ImmutableJWKSet<SecurityContext> publicSet) {
    }

    private EmbeddedTokenIssuer(CompletableFuture<Signing> signing, Clock clock) {
        this.signing = signing;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes a new 2048-bit RSA key with a random {@code kid}. The key is generated on another thread:
     * it takes a good part of a second, and the server can start meanwhile; the first use waits for it.
     */
    public static EmbeddedTokenIssuer generate(Clock clock) {
        return new EmbeddedTokenIssuer(CompletableFuture.supplyAsync(EmbeddedTokenIssuer::newSigning), clock);
    }

    private static Signing newSigning() {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.RS256)
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
            return new Signing(key, new RSASSASigner(key), new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
        } catch (JOSEException e) {
            throw new IllegalStateException("the JDK could not generate an RSA key", e);
        }
    }

    private Signing signing() {
        return signing.join();
    }

    /** The public key, for verification in this process. */
    public JWKSource<SecurityContext> keySource() {
        return (selector, context) -> signing().publicSet().get(selector, context);
    }

    /** The public key set as a pool publishes it at {@code /.well-known/jwks.json}. */
    public String publicJwksJson() {
        return signing().publicSet().getJWKSet().toString();
    }

    public String keyId() {
        return signing().key().getKeyID();
    }

    /** Mints the ID and access token Cognito would hand this user after a sign-in now. */
    public DevTokens mint(DevUser user) {
        Instant now = clock.instant();
        Instant exp = now.plus(LIFETIME);
        // One sign-in: both tokens share the event and origin ids, as Cognito's do.
        String eventId = UUID.randomUUID().toString();
        String originJti = UUID.randomUUID().toString();

        JWTClaimsSet.Builder id = common(user, now, exp, eventId, originJti)
                .audience(CLIENT_ID)
                .claim("token_use", "id")
                .claim("cognito:username", user.username());
        // An ID token carries the user's readable attributes; booleans are JSON booleans there.
        for (Map.Entry<String, String> attribute : user.attributes().entrySet()) {
            String name = attribute.getKey();
            if (name.equals("sub")) {
                continue;
            }
            Object value = name.endsWith("_verified") ? (Object) Boolean.parseBoolean(attribute.getValue()) : attribute.getValue();
            id.claim(name, value);
        }

        JWTClaimsSet.Builder access = common(user, now, exp, eventId, originJti)
                .claim("client_id", CLIENT_ID)
                .claim("token_use", "access")
                .claim("scope", SCOPE)
                .claim("username", user.username());

        return new DevTokens(sign(id.build()), sign(access.build()), LIFETIME.toSeconds());
    }

    private static JWTClaimsSet.Builder common(DevUser user, Instant now, Instant exp, String eventId, String originJti) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user.sub())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .jwtID(UUID.randomUUID().toString())
                .claim("auth_time", now.getEpochSecond())
                .claim("event_id", eventId)
                .claim("origin_jti", originJti);
        if (!user.groups().isEmpty()) {
            b.claim("cognito:groups", user.groups());
        }
        return b;
    }

    private String sign(JWTClaimsSet claims) {
        // Cognito's header is exactly {"kid", "alg"}: no typ.
        Signing s = signing();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(s.key().getKeyID()).build(), claims);
        try {
            jwt.sign(s.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with an in-memory RSA key failed", e);
        }
        return jwt.serialize();
    }

    /** What {@code POST /dev/token} answers, in Cognito's token endpoint's names. */
    public record DevTokens(String idToken, String accessToken, long expiresInSeconds) {

        @Override
        public String toString() {
            return "DevTokens[redacted]";
        }
    }
}
