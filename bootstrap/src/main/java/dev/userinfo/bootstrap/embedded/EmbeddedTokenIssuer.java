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
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The embedded mode's stand-in for Cognito's token minting: an RSA key made at start-up, and ID and
 * access tokens shaped like Cognito's (same claims, RS256, {@code kid}), so {@code GET /userinfo}
 * verifies them with the production {@code CognitoTokenParser}. The issuer is laid out as a pool's,
 * {@code http://localhost:<sign-in port>/<pool id>}, served by the embedded sign-in server. The
 * private key never leaves memory.
 */
public final class EmbeddedTokenIssuer {

    /** The embedded pool's id, shaped like a local emulator's ({@code local_…}): it names no AWS region. */
    public static final String POOL_ID = "local_Embedded";

    /** The scope of tokens minted outside the OAuth flow, as Cognito's own API (InitiateAuth) grants. */
    static final String ADMIN_SCOPE = "aws.cognito.signin.user.admin";

    private final CompletableFuture<Signing> signing;
    private final Clock clock;
    private final String issuer;
    private final String clientId;
    private final Supplier<Duration> lifetime;

    /** The key and what is made from it once: its signer and its public set. */
    private record Signing(RSAKey key, RSASSASigner signer, ImmutableJWKSet<SecurityContext> publicSet) {
    }

    private EmbeddedTokenIssuer(CompletableFuture<Signing> signing, String issuer, String clientId,
            Supplier<Duration> lifetime, Clock clock) {
        this.signing = signing;
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes a new 2048-bit RSA key with a random {@code kid}. The key is generated on another thread:
     * it takes a good part of a second, and the server can start meanwhile; the first use waits for it.
     *
     * @param issuer   the {@code iss} of every token, {@link #issuerFor(int)}
     * @param clientId the app client: {@code aud} of ID tokens, {@code client_id} of access tokens
     * @param lifetime how long the next minted tokens live (a dev switch may change it)
     */
    public static EmbeddedTokenIssuer generate(String issuer, String clientId, Supplier<Duration> lifetime, Clock clock) {
        return new EmbeddedTokenIssuer(CompletableFuture.supplyAsync(EmbeddedTokenIssuer::newSigning), issuer, clientId,
                lifetime, clock);
    }

    /** The issuer a pool served by the sign-in server on this port has: {@code http://localhost:<port>/local_Embedded}. */
    public static String issuerFor(int signInPort) {
        return "http://localhost:" + signInPort + "/" + POOL_ID;
    }

    /** The {@code iss} of the tokens minted here. */
    public String issuer() {
        return issuer;
    }

    /** Where the key set is published: {@code <issuer>/.well-known/jwks.json}, as a pool's. */
    public URI jwksUrl() {
        return URI.create(issuer + "/.well-known/jwks.json");
    }

    /** The app client the tokens are issued to. */
    public String clientId() {
        return clientId;
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

    /**
     * Mints the ID and access token Cognito's own API (InitiateAuth) would hand this user now, with
     * the access token's scope {@value #ADMIN_SCOPE}: what {@code POST /dev/token} answers.
     */
    public DevTokens mint(DevUser user) {
        Instant now = clock.instant();
        Minted minted = mint(user, new SignIn(List.of(ADMIN_SCOPE), now, UUID.randomUUID().toString()), null, true);
        return new DevTokens(minted.idToken(), minted.accessToken(), minted.expiresInSeconds());
    }

    /**
     * Mints the tokens of one sign-in through the OAuth flow, or of a refresh of one: an ID token only
     * when the sign-in asked for {@code openid} (as Cognito), carrying {@code nonce} when given and
     * {@code at_hash} (OpenID Connect Core, 3.3.2.11); the access token's {@code scope} is the
     * sign-in's. Both carry the sign-in's {@code auth_time} and {@code origin_jti}, which a refresh
     * keeps, and a new {@code jti} each.
     *
     * @param nonce the authorization request's {@code nonce}, or null (never on a refresh)
     */
    public Minted mint(DevUser user, SignIn signIn, String nonce) {
        return mint(user, signIn, nonce, signIn.scopes().contains("openid"));
    }

    private Minted mint(DevUser user, SignIn signIn, String nonce, boolean withIdToken) {
        Instant now = clock.instant();
        Duration life = lifetime.get();
        Instant exp = now.plus(life);
        // One minting: both tokens share the event id, and every token of one sign-in its origin id, as Cognito's do.
        String eventId = UUID.randomUUID().toString();

        JWTClaimsSet.Builder access = common(user, signIn, now, exp, eventId)
                .claim("client_id", clientId)
                .claim("token_use", "access")
                .claim("scope", String.join(" ", signIn.scopes()))
                .claim("username", user.username());
        String accessToken = sign(access.build());
        if (!withIdToken) {
            return new Minted(null, accessToken, life.toSeconds());
        }

        JWTClaimsSet.Builder id = common(user, signIn, now, exp, eventId)
                .audience(clientId)
                .claim("token_use", "id")
                .claim("cognito:username", user.username());
        if (signIn.scopes().contains("openid")) {
            id.claim("at_hash", AccessTokenHash.compute(new BearerAccessToken(accessToken), JWSAlgorithm.RS256, null).getValue());
        }
        if (nonce != null) {
            id.claim("nonce", nonce);
        }
        // An ID token carries the user's readable attributes; booleans are JSON booleans there.
        for (Map.Entry<String, String> attribute : user.attributes().entrySet()) {
            String name = attribute.getKey();
            if (name.equals("sub")) {
                continue;
            }
            Object value = name.endsWith("_verified") ? (Object) Boolean.parseBoolean(attribute.getValue()) : attribute.getValue();
            id.claim(name, value);
        }
        return new Minted(sign(id.build()), accessToken, life.toSeconds());
    }

    private JWTClaimsSet.Builder common(DevUser user, SignIn signIn, Instant now, Instant exp, String eventId) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.sub())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .jwtID(UUID.randomUUID().toString())
                .claim("auth_time", signIn.authTime().getEpochSecond())
                .claim("event_id", eventId)
                .claim("origin_jti", signIn.originJti());
        if (!user.groups().isEmpty()) {
            b.claim("cognito:groups", user.groups());
        }
        return b;
    }

    /**
     * What a sign-in granted, and what every token minted from it (also after a refresh) carries.
     *
     * @param scopes    the granted scopes, in the order asked
     * @param authTime  when the user signed in ({@code auth_time})
     * @param originJti the id of the sign-in ({@code origin_jti}), kept by refreshes
     */
    public record SignIn(List<String> scopes, Instant authTime, String originJti) {
        public SignIn {
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(authTime, "authTime");
            Objects.requireNonNull(originJti, "originJti");
        }
    }

    /** Tokens of one minting; {@code idToken} is null when {@code openid} was not granted. */
    public record Minted(String idToken, String accessToken, long expiresInSeconds) {
        @Override
        public String toString() {
            return "Minted[redacted]";
        }
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
