package dev.userinfo.application;

/**
 * One finished request as it may be logged: no token, no email, no header values.
 *
 * @param route the matched route ({@code /userinfo}) or {@code other}; raw paths are not logged
 *              because a client can put anything in them
 */
public record AccessLogEntry(
        String requestId, String method, String route, int status, String outcome, String reason, String sub,
        double latencyMillis) {
}
