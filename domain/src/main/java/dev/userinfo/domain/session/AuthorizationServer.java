package dev.userinfo.domain.session;

import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.MisconfigurationException;
import java.net.URI;

/**
 * Port: the user pool's OAuth 2.0 authorization server (Cognito's managed login domain), as the one
 * confidential or public client this service is.
 */
public interface AuthorizationServer {

    /**
     * The URL of {@code /oauth2/authorize} to send the browser to: {@code response_type=code},
     * {@code client_id}, {@code redirect_uri}, {@code scope}, {@code state}, {@code nonce},
     * {@code code_challenge} (S256 of the verifier) and {@code code_challenge_method=S256}
     * (RFC 6749, section 4.1.1; RFC 7636, section 4.3).
     */
    URI authorizationUri(AuthorizationRequest request);

    /**
     * Exchanges an authorization code at {@code /oauth2/token} (RFC 6749, section 4.1.3, with the
     * {@code code_verifier} of RFC 7636, section 4.5).
     *
     * @throws InvalidGrantException          when the server refuses the code (unknown, used, expired,
     *                                        wrong verifier or redirect URI) or the request
     * @throws DependencyUnavailableException with {@code AUTHORIZATION_SERVER} when it cannot answer now
     *                                        (unreachable, timed out, 5xx, throttled)
     * @throws MisconfigurationException      when it refuses the client itself ({@code invalid_client},
     *                                        {@code unauthorized_client}, ...), or answers without an ID token
     */
    TokenGrant exchange(AuthorizationCode code, CodeVerifier verifier, URI redirectUri);

    /**
     * The {@code refresh_token} grant at {@code /oauth2/token} (RFC 6749, section 6).
     *
     * @throws InvalidGrantException          when the refresh token is no longer good (revoked, expired,
     *                                        the user signed out globally or deleted)
     * @throws DependencyUnavailableException as for {@link #exchange}
     * @throws MisconfigurationException      as for {@link #exchange}
     */
    TokenGrant refresh(RefreshToken refreshToken);

    /**
     * Revokes a refresh token at {@code /oauth2/revoke} (RFC 7009), which also ends the access tokens
     * issued with it.
     *
     * @throws RuntimeException of any kind when it did not happen; callers treat it as best effort
     */
    void revoke(RefreshToken refreshToken);

    /**
     * Where the browser ends the authorization server's own session: Cognito's {@code /logout} with
     * {@code client_id} and {@code logout_uri}.
     *
     * @param logoutRedirect where the server sends the browser afterwards; it must be among the app
     *                       client's sign-out URLs
     */
    URI logoutUri(URI logoutRedirect);
}
