package dev.userinfo.bootstrap.embedded;

import java.util.List;
import java.util.Objects;

/**
 * An authorization request the sign-in server accepted (RFC 6749, 4.1.1; RFC 7636, 4.3): every value
 * as the client sent it, checked, waiting for the user to sign in.
 *
 * @param clientId      the registered client
 * @param redirectUri   the registered {@code redirect_uri}, exactly as sent
 * @param state         the client's {@code state}, echoed back; null when it sent none
 * @param nonce         the {@code nonce} for the ID token; null when none
 * @param codeChallenge the S256 PKCE challenge
 * @param scopes        the scopes granted: those asked, or all of the client's when none were
 * @param loginHint     a username to put into the form; null when none
 * @param forceLogin    {@code prompt=login}: show the login page even with a session
 * @param noPrompt      {@code prompt=none}: never show it; without a session, {@code login_required}
 */
record SignInRequest(String clientId, String redirectUri, String state, String nonce, String codeChallenge,
        List<String> scopes, String loginHint, boolean forceLogin, boolean noPrompt) {

    SignInRequest {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        // state and nonce bind a sign-in to its browser: they stay out of logs.
        return "SignInRequest[client=" + clientId + ", scopes=" + scopes + "]";
    }
}
