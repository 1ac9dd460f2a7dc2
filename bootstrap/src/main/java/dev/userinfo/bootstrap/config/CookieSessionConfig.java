package dev.userinfo.bootstrap.config;

import dev.userinfo.adapter.cognito.cookie.SessionKeys;
import dev.userinfo.adapter.cognito.oauth.ClientSecret;
import dev.userinfo.domain.session.SessionPolicy;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The cookie-session settings (BFF.md, "Configuration (added)"), read once and checked.
 *
 * @param cognitoDomain the managed login base URL ({@code COGNITO_DOMAIN}), without a trailing slash
 * @param clientId      the app client sessions sign in with ({@code SESSION_CLIENT_ID}), one of
 *                      {@code COGNITO_CLIENT_IDS}
 * @param clientSecret  that client's secret, when it has one
 * @param redirectUri   the public URL of {@code /auth/callback} ({@code SESSION_REDIRECT_URI})
 * @param logoutUri     where Cognito's {@code /logout} sends the browser ({@code SESSION_LOGOUT_URI})
 * @param keys          the cookie keys; the first seals
 * @param policy        the idle and absolute limits ({@code SESSION_IDLE_TIMEOUT}, {@code SESSION_MAX_AGE})
 */
public record CookieSessionConfig(URI cognitoDomain, String clientId, Optional<ClientSecret> clientSecret,
        URI redirectUri, URI logoutUri, SessionKeys keys, SessionPolicy policy) {

    public CookieSessionConfig {
        Objects.requireNonNull(cognitoDomain, "cognitoDomain");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(logoutUri, "logoutUri");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(policy, "policy");
    }
}
