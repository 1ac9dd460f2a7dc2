package dev.userinfo.domain.session;

import java.net.URI;
import java.util.Objects;

/**
 * The values one authorization request carries besides the client's own settings (RFC 6749,
 * section 4.1.1; RFC 7636, section 4.3; OpenID Connect Core, section 3.1.2.1). The code challenge
 * is derived from {@code codeVerifier} with S256 by the {@link AuthorizationServer}.
 */
public record AuthorizationRequest(URI redirectUri, State state, Nonce nonce, CodeVerifier codeVerifier) {

    public AuthorizationRequest {
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
    }
}
