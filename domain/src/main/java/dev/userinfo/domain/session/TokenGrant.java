package dev.userinfo.domain.session;

import dev.userinfo.domain.BearerToken;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a successful token request gave (RFC 6749, section 5.1; OpenID Connect Core, section 3.1.3.3):
 * the ID token, still to be verified, how long the access token lives ({@code expires_in}), and the
 * refresh token when there is one (a refresh grant returns one only when Cognito rotates it). The
 * access token itself is never kept.
 */
public record TokenGrant(BearerToken idToken, Duration accessTokenLifetime, Optional<RefreshToken> refreshToken) {

    public TokenGrant {
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        if (accessTokenLifetime.isNegative()) {
            throw new IllegalArgumentException("accessTokenLifetime must not be negative");
        }
        Objects.requireNonNull(refreshToken, "refreshToken");
    }
}
