package dev.userinfo.application;

/**
 * A request path as it may be logged: a client can put anything into a path (an email address, a
 * token, control characters), so only a bounded, sanitized form of it is written.
 */
final class LoggablePath {

    /** The most characters logged of a path; a longer one ends in {@code ...}. */
    static final int MAX_CHARS = 64;

    private static final String JWT_START = "eyJ"; // base64url of '{"', how every JWT begins
    private static final String JWT_MARK = "_jwt_";
    private static final String CUT_MARK = "...";

    private LoggablePath() {
    }

    /**
     * The path with every character outside {@code A-Z a-z 0-9 / . _ ~ -} replaced by {@code _} (so
     * no {@code @}, no percent-escapes, nothing that ends a line), the rest of any segment from a
     * JWT's {@code eyJ} on replaced by {@code _jwt_}, and cut to {@value #MAX_CHARS} characters.
     */
    static String of(String path) {
        StringBuilder safe = new StringBuilder(Math.min(path.length(), 4 * MAX_CHARS));
        for (int i = 0; i < path.length() && safe.length() <= 4 * MAX_CHARS; i++) {
            char c = path.charAt(i);
            safe.append(isSafe(c) ? c : '_');
        }
        String text = withoutJwts(safe.toString());
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - CUT_MARK.length()) + CUT_MARK;
    }

    private static boolean isSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '/' || c == '.' || c == '_' || c == '~' || c == '-';
    }

    private static String withoutJwts(String path) {
        StringBuilder out = new StringBuilder(path.length());
        int at = 0;
        while (at < path.length()) {
            int jwt = path.indexOf(JWT_START, at);
            if (jwt < 0) {
                out.append(path, at, path.length());
                break;
            }
            int segmentEnd = path.indexOf('/', jwt);
            out.append(path, at, jwt).append(JWT_MARK);
            at = segmentEnd < 0 ? path.length() : segmentEnd;
        }
        return out.toString();
    }
}
