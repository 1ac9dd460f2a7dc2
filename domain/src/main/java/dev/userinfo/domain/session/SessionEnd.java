package dev.userinfo.domain.session;

/** Why a session ended; logged, while the browser learns {@code session_expired}. */
public enum SessionEnd {
    /** Older than {@link SessionPolicy#maxAge()}. */
    ABSOLUTE_LIMIT,
    /** Unused for {@link SessionPolicy#idleTimeout()}. */
    IDLE_LIMIT,
    /** The refresh token was refused: revoked, a global sign-out, expired, or the user deleted. */
    REFRESH_REFUSED,
    /** The refresh gave an ID token that does not verify. */
    REFRESHED_TOKEN_REJECTED,
    /** The refresh gave an ID token of another {@code sub}. */
    OTHER_USER,
    /** The pool has no such user any more (deleted, or the username now names someone else). */
    USER_GONE
}
