package dev.userinfo.application;

/**
 * Every error code the contract sends in {@code {"error":"…"}}, each with its status: the one place
 * where a code becomes a status (DESIGN.md, "The HTTP contract"; BFF.md, "Endpoints").
 */
enum ErrorCode {
    /** No token and no session cookie (RFC 6750, section 3.1: no error attribute in the challenge). */
    MISSING_TOKEN("missing_token", 401),
    /** The bearer token failed verification (RFC 6750, section 3.1). */
    INVALID_TOKEN("invalid_token", 401),
    /** The user is disabled in the pool. */
    USER_DISABLED("user_disabled", 403),
    /** A dependency cannot answer now; sent with {@code Retry-After}. */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503),
    /** A bug or an operator's mistake; the body carries the request id. */
    INTERNAL_ERROR("internal_error", 500),
    NOT_FOUND("not_found", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    /** A preflight from an origin not on the allowlist. */
    ORIGIN_NOT_ALLOWED("origin_not_allowed", 403),
    /** A session cookie this service cannot open (tampered, truncated, another key, oversized). */
    INVALID_SESSION("invalid_session", 401),
    /** A session past its idle or absolute limit, refused at refresh, or whose user is gone. */
    SESSION_EXPIRED("session_expired", 401),
    /** A cookie request without {@code X-CSRF: 1}, from an origin not allowed, or cross-site. */
    CSRF_REJECTED("csrf_rejected", 403),
    /** A callback that signs nobody in: unknown or expired state, a refused code, an ID token refused. */
    SIGNIN_FAILED("signin_failed", 400),
    /** A session that would not fit into two cookies (BFF.md, Cookies). */
    SESSION_TOO_LARGE("session_too_large", 400);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The value of {@code error} in the body. */
    String code() {
        return code;
    }

    /** The HTTP status it is sent with. */
    int status() {
        return status;
    }
}
