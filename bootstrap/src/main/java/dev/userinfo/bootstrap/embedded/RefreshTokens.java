package dev.userinfo.bootstrap.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The sign-in server's refresh tokens. Opaque to clients and of a realistic size: Cognito's are
 * compact JWE of about 1.7 to 1.9 KB, and these are too (A256GCM under a key made at start-up, with
 * a random filler), so an app or a cookie meets the sizes it will meet in production. Valid for
 * {@value #LIFETIME_DAYS} days (Cognito's default), until revoked: by {@code /oauth2/revoke}, by a
 * global sign-out of their user, or by a replayed authorization code. Not rotated on use (Cognito's
 * default). At most {@value #CAPACITY} are held; the oldest beyond that are dropped.
 */
final class RefreshTokens {

    static final int LIFETIME_DAYS = 30;
    static final Duration LIFETIME = Duration.ofDays(LIFETIME_DAYS);
    static final int CAPACITY = 10_000;
    /** Random bytes in each token besides its id: what brings it to Cognito's size. */
    private static final int FILLER_BYTES = 930;

    /**
     * What a refresh token stands for.
     *
     * @param clientId the client it was issued to
     * @param sub      the user
     * @param signIn   the sign-in it continues: scopes, {@code auth_time}, {@code origin_jti}
     */
    record Grant(String clientId, String sub, EmbeddedTokenIssuer.SignIn signIn) {
        Grant {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(sub, "sub");
            Objects.requireNonNull(signIn, "signIn");
        }
    }

    private record Held(Grant grant, Instant issuedAt) {
    }

    private final Cache<String, Held> tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final DirectEncrypter encrypter;

    RefreshTokens(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Caffeine.newBuilder()
                .maximumSize(CAPACITY)
                .expireAfterWrite(LIFETIME.plusDays(1))
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L)
                .build();
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            SecretKey key = generator.generateKey();
            this.encrypter = new DirectEncrypter(key);
        } catch (java.security.NoSuchAlgorithmException | com.nimbusds.jose.KeyLengthException e) {
            throw new IllegalStateException("the JDK has no AES-256", e);
        }
    }

    /** A new refresh token for this grant. */
    String issue(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        byte[] filler = new byte[FILLER_BYTES];
        random.nextBytes(filler);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("jti", UUID.randomUUID().toString());
        content.put("iat", clock.instant().getEpochSecond());
        content.put("filler", Base64URL.encode(filler).toString());
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .contentType("JWT").build(), new Payload(content));
        try {
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("AES-GCM with an in-memory key failed", e);
        }
        String token = jwe.serialize();
        tokens.put(token, new Held(grant, clock.instant()));
        return token;
    }

    /**
     * The grant of a live token issued to this client: known, not revoked, younger than
     * {@value #LIFETIME_DAYS} days. Empty otherwise; the caller answers {@code invalid_grant}.
     */
    Optional<Grant> find(String token, String clientId) {
        Held held = tokens.getIfPresent(token);
        if (held == null || !held.grant().clientId().equals(clientId)) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(held.issuedAt().plus(LIFETIME))) {
            tokens.invalidate(token);
            return Optional.empty();
        }
        return Optional.of(held.grant());
    }

    /**
     * Revokes a token and every token of the same sign-in (Cognito's revocation endpoint revokes
     * what was issued with it). An unknown token, or one of another client, changes nothing
     * (RFC 7009, 2.2: the answer is the same).
     *
     * @return whether a token of this client was revoked
     */
    boolean revoke(String token, String clientId) {
        Held held = tokens.getIfPresent(token);
        if (held == null || !held.grant().clientId().equals(clientId)) {
            return false;
        }
        revokeSignIn(held.grant().signIn().originJti());
        return true;
    }

    /** Revokes every token of one sign-in (its {@code origin_jti}). */
    void revokeSignIn(String originJti) {
        tokens.asMap().values().removeIf(held -> held.grant().signIn().originJti().equals(originJti));
    }

    /** Global sign-out: revokes every token of this user. */
    int revokeAllOf(String sub) {
        int before = tokens.asMap().size();
        tokens.asMap().values().removeIf(held -> held.grant().sub().equals(sub));
        return before - tokens.asMap().size();
    }

    /** How many tokens of this user are live, for the dev page. */
    long countOf(String sub) {
        return tokens.asMap().values().stream().filter(held -> held.grant().sub().equals(sub)).count();
    }
}
