package dev.userinfo.bootstrap.config;

import dev.userinfo.domain.session.SessionPolicy;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Cookie sessions in embedded mode, where they are on by default ({@code COOKIE_SESSIONS=false} turns
 * them off): against the embedded sign-in server, whose base URL plays {@code COGNITO_DOMAIN} and whose
 * dev app client they sign in with. The redirect URI follows the host the browser used and the cookie
 * key is made at start-up, so only these two are settings (BFF.md, "Configuration (added)").
 *
 * @param policy    the idle and absolute limits ({@code SESSION_IDLE_TIMEOUT}, {@code SESSION_MAX_AGE})
 * @param logoutUri {@code SESSION_LOGOUT_URI}: where the sign-in server's {@code /logout} sends the
 *                  browser; empty: back to the app that asked for the sign-out (its loopback
 *                  {@code Origin} + {@code /}), or the local server's {@code /dev} page when no app asked
 */
public record EmbeddedSessionSettings(SessionPolicy policy, Optional<URI> logoutUri) {

    public EmbeddedSessionSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(logoutUri, "logoutUri");
    }
}
