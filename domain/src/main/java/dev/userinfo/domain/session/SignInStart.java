package dev.userinfo.domain.session;

import java.net.URI;
import java.util.Objects;

/**
 * A started sign-in: where to send the browser, and the pending sign-ins the login cookie now holds.
 *
 * @param authorizationUri the authorization server's {@code /oauth2/authorize} URL for this sign-in
 * @param pending          the browser's pending sign-ins, this one newest
 */
public record SignInStart(URI authorizationUri, PendingSignIns pending) {

    public SignInStart {
        Objects.requireNonNull(authorizationUri, "authorizationUri");
        Objects.requireNonNull(pending, "pending");
    }
}
