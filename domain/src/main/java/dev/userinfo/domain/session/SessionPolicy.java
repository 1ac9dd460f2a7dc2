package dev.userinfo.domain.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How long sessions live (BFF.md, Refresh and revocation; Configuration).
 *
 * @param idleTimeout a session unused this long ends ({@code SESSION_IDLE_TIMEOUT}, default {@code PT8H})
 * @param maxAge      a session ends this long after sign-in, used or not ({@code SESSION_MAX_AGE}, default {@code P7D})
 */
public record SessionPolicy(Duration idleTimeout, Duration maxAge) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(8);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
    /** A refresh is due this long before the access token expires, so no request holds an expired one. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    /** {@code lastSeen} is rewritten at most this often, so most requests set no cookie. */
    public static final Duration LAST_SEEN_INTERVAL = Duration.ofMinutes(5);
    /** A started sign-in must come back within this (the login cookie's {@code Max-Age}). */
    public static final Duration SIGN_IN_LIFETIME = Duration.ofMinutes(10);

    public SessionPolicy {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxAge, "maxAge");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("idleTimeout and maxAge must be positive");
        }
        if (idleTimeout.compareTo(maxAge) > 0) {
            throw new IllegalArgumentException("idleTimeout must not exceed maxAge");
        }
    }

    public static SessionPolicy defaults() {
        return new SessionPolicy(DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_AGE);
    }
}
