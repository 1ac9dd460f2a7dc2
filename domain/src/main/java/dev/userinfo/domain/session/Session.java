package dev.userinfo.domain.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A signed-in browser's session, as the encrypted session cookie holds it: who it is (from the latest
 * verified ID token), its clock, and the refresh token. Never an ID or access token (BFF.md, Cookies).
 *
 * @param sid                 the session's random id, new at every completed sign-in
 * @param sub                 the user's immutable id: the identity
 * @param username            the pool's username ({@code cognito:username}), for the attribute lookup
 * @param groups              {@code cognito:groups} of the latest ID token, never null
 * @param issuedAt            when the sign-in completed ({@code iat})
 * @param lastSeen            when the session was last used, rewritten at most every
 *                            {@link SessionPolicy#LAST_SEEN_INTERVAL}
 * @param absoluteExpiry      when the session ends whatever happens ({@code absExp})
 * @param accessTokenExpiry   when the access token of the latest grant expires ({@code atExp}); a
 *                            refresh is due {@link SessionPolicy#REFRESH_MARGIN} before it
 * @param refreshToken        the refresh token of the latest grant
 */
public record Session(
        SessionId sid,
        String sub,
        String username,
        List<String> groups,
        Instant issuedAt,
        Instant lastSeen,
        Instant absoluteExpiry,
        Instant accessTokenExpiry,
        RefreshToken refreshToken) {

    public Session {
        Objects.requireNonNull(sid, "sid");
        requireText(sub, "sub");
        requireText(username, "username");
        groups = groups == null ? List.of() : List.copyOf(groups);
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(absoluteExpiry, "absoluteExpiry");
        Objects.requireNonNull(accessTokenExpiry, "accessTokenExpiry");
        Objects.requireNonNull(refreshToken, "refreshToken");
        if (absoluteExpiry.isBefore(issuedAt)) {
            throw new IllegalArgumentException("absoluteExpiry before issuedAt");
        }
    }

    /** The same session, last seen at {@code when}. */
    public Session seenAt(Instant when) {
        return new Session(sid, sub, username, groups, issuedAt, when, absoluteExpiry, accessTokenExpiry, refreshToken);
    }

    /** The same session after a refresh: who it is may have new groups, and the grant is new. */
    Session refreshed(String newUsername, List<String> newGroups, Instant newAccessTokenExpiry, RefreshToken newRefreshToken) {
        return new Session(sid, sub, newUsername, newGroups, issuedAt, lastSeen, absoluteExpiry, newAccessTokenExpiry,
                newRefreshToken);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** The {@code sub} and the clock only: the refresh token and the session id stay out of any log line. */
    @Override
    public String toString() {
        return "Session[sub=" + sub + ", issuedAt=" + issuedAt + ", lastSeen=" + lastSeen + ", absoluteExpiry="
                + absoluteExpiry + ", accessTokenExpiry=" + accessTokenExpiry + ", " + groups.size() + " groups]";
    }
}
