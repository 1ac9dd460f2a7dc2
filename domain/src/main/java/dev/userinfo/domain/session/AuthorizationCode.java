package dev.userinfo.domain.session;

/**
 * The one-time authorization code Cognito hands back on {@code /auth/callback} (RFC 6749, section
 * 4.1.2): untrusted input from the query until the token endpoint accepted it. Redacts itself.
 *
 * @param value the code as received; printable ASCII, at most {@value #MAX_CHARS} characters
 */
public record AuthorizationCode(String value) {

    /** Far above a Cognito code (a UUID); anything longer is not one. */
    public static final int MAX_CHARS = 512;

    public AuthorizationCode {
        Secrets.requirePrintable(value, "an authorization code", MAX_CHARS);
    }

    @Override
    public String toString() {
        return Secrets.redacted("AuthorizationCode", value);
    }
}
