package dev.userinfo.domain.session;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Use case: start a sign-in with the authorization-code flow (RFC 6749, section 4.1) and PKCE
 * (RFC 7636), as a backend for frontend does (draft-ietf-oauth-browser-based-apps, section 6.1):
 * fresh {@code state}, {@code nonce} and code verifier, remembered as a pending sign-in for
 * {@link SessionPolicy#SIGN_IN_LIFETIME}.
 */
public final class StartSignIn {

    private final AuthorizationServer server;
    private final RandomValues random;
    private final Clock clock;

    public StartSignIn(AuthorizationServer server, RandomValues random, Clock clock) {
        this.server = Objects.requireNonNull(server, "server");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param existing    the browser's pending sign-ins (none when it has no valid login cookie)
     * @param returnTo    where to go once signed in, already checked to be safe
     * @param redirectUri this service's {@code /auth/callback} URL as the browser reaches it
     * @return the authorization URL and the pending sign-ins, the expired ones dropped and the oldest
     *         evicted beyond {@link PendingSignIns#MAX}
     */
    public SignInStart start(PendingSignIns existing, String returnTo, URI redirectUri) {
        Instant now = clock.instant();
        PendingSignIn started = new PendingSignIn(random.state(), random.nonce(), random.codeVerifier(), returnTo,
                redirectUri, now.plus(SessionPolicy.SIGN_IN_LIFETIME));
        URI uri = server.authorizationUri(
                new AuthorizationRequest(redirectUri, started.state(), started.nonce(), started.codeVerifier()));
        return new SignInStart(uri, existing.liveAt(now).with(started));
    }
}
