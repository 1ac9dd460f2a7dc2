package dev.userinfo.domain.session;

import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: finish a sign-in on its callback (RFC 6749, section 4.1.2): the {@code state} must be one
 * of this browser's live pending sign-ins, which is then used up; the code is exchanged with that
 * sign-in's PKCE verifier; the ID token is verified, its {@code nonce} included (OpenID Connect Core,
 * section 3.1.3.7); a new session, with a fresh {@code sid}, begins.
 */
public final class CompleteSignIn {

    private final AuthorizationServer server;
    private final IdTokenVerifier verifier;
    private final RandomValues random;
    private final Clock clock;
    private final SessionPolicy policy;

    public CompleteSignIn(AuthorizationServer server, IdTokenVerifier verifier, RandomValues random, Clock clock,
            SessionPolicy policy) {
        this.server = Objects.requireNonNull(server, "server");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param pending the browser's pending sign-ins, from its login cookie (none when it has none)
     * @param state   the callback's {@code state}, or null
     * @param code    the callback's {@code code}, or null
     * @param error   the callback's {@code error}, or null
     * @throws MisconfigurationException when the token endpoint refuses this client (the caller's 500)
     */
    public SignInResult complete(PendingSignIns pending, String state, String code, String error) {
        Instant now = clock.instant();
        Optional<PendingSignIn> found = state == null ? Optional.empty() : pending.find(state);
        if (found.isEmpty()) {
            return new SignInResult.Failed(SignInFailure.UNKNOWN_STATE, null, pending.liveAt(now));
        }
        PendingSignIn signIn = found.get();
        // Used up whatever happens next, so a replayed callback finds no state.
        PendingSignIns remaining = pending.without(signIn).liveAt(now);
        if (!signIn.isLiveAt(now)) {
            return new SignInResult.Failed(SignInFailure.EXPIRED_STATE, null, remaining);
        }
        if (error != null) {
            return new SignInResult.Refused(error, signIn.returnTo(), remaining);
        }
        AuthorizationCode authorizationCode;
        try {
            authorizationCode = new AuthorizationCode(code);
        } catch (IllegalArgumentException e) {
            return new SignInResult.Failed(SignInFailure.MISSING_CODE, null, remaining);
        }
        TokenGrant grant;
        VerifiedIdentity identity;
        try {
            grant = server.exchange(authorizationCode, signIn.codeVerifier(), signIn.redirectUri());
            identity = verifier.verify(grant.idToken(), Optional.of(signIn.nonce()));
        } catch (InvalidGrantException e) {
            return new SignInResult.Failed(SignInFailure.CODE_REFUSED, e.errorCode(), remaining);
        } catch (InvalidTokenException e) {
            return new SignInResult.Failed(SignInFailure.ID_TOKEN_REJECTED, e.reason().name(), remaining);
        } catch (DependencyUnavailableException e) {
            return new SignInResult.Unavailable(e.dependency());
        }
        if (grant.refreshToken().isEmpty()) {
            return new SignInResult.Failed(SignInFailure.NO_REFRESH_TOKEN, null, remaining);
        }
        Session session = new Session(random.sessionId(), identity.sub(), identity.username(), identity.groups(),
                now, now, now.plus(policy.maxAge()), now.plus(grant.accessTokenLifetime()), grant.refreshToken().get());
        return new SignInResult.SignedIn(session, signIn.returnTo(), remaining);
    }
}
