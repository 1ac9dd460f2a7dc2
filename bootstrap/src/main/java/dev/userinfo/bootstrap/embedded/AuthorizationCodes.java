package dev.userinfo.bootstrap.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The sign-in server's authorization codes (RFC 6749, 4.1.2): one per completed sign-in, bound to
 * the client, the exact {@code redirect_uri} and the PKCE {@code code_challenge} of its authorization
 * request, valid for {@value #LIFETIME_MINUTES} minutes (Cognito's), and good for one exchange.
 *
 * <p>A code is spent by its first exchange, whether that succeeds or not, so a wrong
 * {@code code_verifier} cannot be followed by another guess. A code presented again is refused, and
 * the refresh tokens its first exchange produced are revoked (RFC 6749, 4.1.2: "SHOULD revoke ...
 * all tokens previously issued based on that authorization code"). At most {@value #CAPACITY} codes
 * are held; older ones beyond that are dropped.
 */
final class AuthorizationCodes {

    static final int LIFETIME_MINUTES = 5;
    static final Duration LIFETIME = Duration.ofMinutes(LIFETIME_MINUTES);
    static final int CAPACITY = 10_000;

    /**
     * What a code stands for.
     *
     * @param clientId      the client the code was issued to
     * @param redirectUri   the {@code redirect_uri} of the authorization request, exactly as sent
     * @param codeChallenge the S256 {@code code_challenge} of the authorization request
     * @param nonce         the request's {@code nonce}, or null
     * @param sub           the user who signed in
     * @param signIn        the scopes, {@code auth_time} and {@code origin_jti} of the sign-in
     */
    record Grant(String clientId, String redirectUri, String codeChallenge, String nonce, String sub,
            EmbeddedTokenIssuer.SignIn signIn) {
        Grant {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(codeChallenge, "codeChallenge");
            Objects.requireNonNull(sub, "sub");
            Objects.requireNonNull(signIn, "signIn");
        }

        @Override
        public String toString() {
            return "Grant[sub=" + sub + ", client=" + clientId + "]";
        }
    }

    private record Issued(Grant grant, Instant issuedAt, boolean spent) {
    }

    private final Cache<String, Issued> codes;
    private final Clock clock;
    private final Consumer<String> onReplay;

    /**
     * @param onReplay given the {@code origin_jti} of a sign-in whose code came back a second time,
     *                 revokes what its first exchange produced
     */
    AuthorizationCodes(Clock clock, Consumer<String> onReplay) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onReplay = Objects.requireNonNull(onReplay, "onReplay");
        // Expired entries leave the map on their own (the clock's time, so a test's fake clock counts);
        // redeem() still checks the age itself, exactly at the boundary.
        this.codes = Caffeine.newBuilder()
                .maximumSize(CAPACITY)
                .expireAfterWrite(LIFETIME.multipliedBy(2))
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L)
                .build();
    }

    /** A new code for this grant: a random UUID, as Cognito's codes are. */
    String issue(Grant grant) {
        String code = UUID.randomUUID().toString();
        codes.put(code, new Issued(Objects.requireNonNull(grant, "grant"), clock.instant(), false));
        return code;
    }

    /**
     * Exchanges a code (RFC 6749, 4.1.3; RFC 7636, 4.6): it must be known and unspent, younger than
     * {@value #LIFETIME_MINUTES} minutes, issued to this client for this exact {@code redirect_uri},
     * and the verifier's S256 hash must be the request's challenge.
     *
     * @throws OAuthProblem {@code invalid_grant} when any of that fails
     */
    Grant redeem(String code, String clientId, String redirectUri, CodeVerifier verifier) throws OAuthProblem {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(verifier, "verifier");
        Issued[] before = new Issued[1];
        // Spend the code atomically: of two exchanges at once, exactly one sees it unspent.
        codes.asMap().computeIfPresent(code, (key, issued) -> {
            before[0] = issued;
            return new Issued(issued.grant(), issued.issuedAt(), true);
        });
        Issued issued = before[0];
        if (issued == null) {
            throw new OAuthProblem(OAuth2Error.INVALID_GRANT, "unknown or expired authorization code");
        }
        if (issued.spent()) {
            onReplay.accept(issued.grant().signIn().originJti());
            throw new OAuthProblem(OAuth2Error.INVALID_GRANT, "authorization code already used;"
                    + " the tokens it gave are revoked");
        }
        if (!clock.instant().isBefore(issued.issuedAt().plus(LIFETIME))) {
            throw new OAuthProblem(OAuth2Error.INVALID_GRANT, "authorization code expired (valid "
                    + LIFETIME_MINUTES + " minutes)");
        }
        Grant grant = issued.grant();
        if (!grant.clientId().equals(clientId)) {
            throw new OAuthProblem(OAuth2Error.INVALID_GRANT, "authorization code was issued to another client");
        }
        if (!grant.redirectUri().equals(redirectUri)) {
            throw new OAuthProblem(OAuth2Error.INVALID_GRANT, "redirect_uri differs from the authorization request's");
        }
        String computed = CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
        if (!MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                grant.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw new OAuthProblem(OAuth2Error.INVALID_GRANT, "code_verifier does not match the code_challenge");
        }
        return grant;
    }
}
