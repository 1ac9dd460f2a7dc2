package dev.userinfo.application;

/**
 * One finished request as it may be logged: no token, no email, no header values.
 *
 * @param route   the matched route ({@code /userinfo}) or {@code other}
 * @param path    for {@code other}, what was asked for, bounded and sanitized (at most 64 characters
 *                of {@code A-Z a-z 0-9 / . _ ~ -}, anything else as {@code _}, a JWT-looking segment as
 *                {@code _jwt_}); null for the route. Never a query string: no entry point passes one.
 * @param profile where an answered profile came from ({@code pool}, {@code stale}, {@code id_token});
 *                null for anything but a profile, see {@link RequestOutcome#profile()}
 */
public record AccessLogEntry(
        String requestId, String method, String route, String path, int status, String outcome, String reason,
        String sub, double latencyMillis, String profile) {

    /** An entry without a profile. */
    public AccessLogEntry(String requestId, String method, String route, String path, int status, String outcome,
            String reason, String sub, double latencyMillis) {
        this(requestId, method, route, path, status, outcome, reason, sub, latencyMillis, null);
    }
}
