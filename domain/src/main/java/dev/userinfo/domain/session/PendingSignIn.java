package dev.userinfo.domain.session;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One sign-in started by {@code /auth/login} and not yet finished: what its callback must match
 * ({@code state}, the ID token's {@code nonce}), the PKCE verifier it must send, and where to go after.
 *
 * @param state        binds the callback to this sign-in
 * @param nonce        the ID token must carry it
 * @param codeVerifier sent with the code (RFC 7636)
 * @param returnTo     where the browser goes once signed in: a local path, or an allowed origin's URL
 * @param redirectUri  the {@code redirect_uri} the authorization request named; the token request repeats it
 *                     (RFC 6749, section 4.1.3)
 * @param expiresAt    after this the callback is refused ({@link SessionPolicy#SIGN_IN_LIFETIME} after the start)
 */
public record PendingSignIn(State state, Nonce nonce, CodeVerifier codeVerifier, String returnTo, URI redirectUri,
        Instant expiresAt) {

    public PendingSignIn {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(returnTo, "returnTo");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the callback may still finish it: strictly before {@code expiresAt}. */
    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
