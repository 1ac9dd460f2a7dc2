package dev.userinfo.bootstrap.config;

import dev.userinfo.adapter.cognito.oauth.ClientSecret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded sign-in server's settings (embedded mode only): where it listens and the one app
 * client it knows, registered as a Cognito app client would be.
 *
 * @param port         {@code SIGN_IN_PORT}: its own port, so it is another origin than the local
 *                     server's, as Cognito's domain is in production; {@code 0} picks a free one
 * @param clientId     {@code SIGN_IN_CLIENT_ID}: the dev app client's id, also the {@code aud} of
 *                     ID tokens and the {@code client_id} of access tokens that embedded mode mints
 * @param clientSecret {@code SIGN_IN_CLIENT_SECRET}: the client's secret; empty for a public client
 *                     (PKCE alone), as a browser app is
 * @param redirectUris {@code SIGN_IN_REDIRECT_URIS}: the client's callback URLs, each an exact URL or
 *                     a loopback pattern ({@code http://localhost:*}: any port, any path)
 * @param logoutUris   {@code SIGN_IN_LOGOUT_URIS}: the client's allowed sign-out URLs, same forms
 * @param cookieSessions the local server's cookie sessions against this sign-in server
 *                     ({@code COOKIE_SESSIONS}, on by default in embedded mode); empty when off
 */
public record SignInSettings(int port, String clientId, Optional<ClientSecret> clientSecret,
        List<String> redirectUris, List<String> logoutUris, Optional<EmbeddedSessionSettings> cookieSessions) {

    /** The dev app client's id when none is configured. */
    public static final String DEFAULT_CLIENT_ID = "userinfo-embedded-client";

    /** The development-only default registration: any path on a loopback origin, any port. */
    public static final List<String> LOOPBACK_PATTERNS = List.of("http://localhost:*", "http://127.0.0.1:*");

    public SignInSettings {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        redirectUris = List.copyOf(redirectUris);
        logoutUris = List.copyOf(logoutUris);
        Objects.requireNonNull(cookieSessions, "cookieSessions");
    }
}
