package dev.userinfo.domain.session;

/**
 * A refresh token (RFC 6749, section 1.5): Cognito's are JWE of about 1.7–1.9 KB. It lives only
 * inside the encrypted session cookie and is sent only to the token and revocation endpoints.
 * Redacts itself.
 *
 * @param value printable ASCII, at most {@value #MAX_CHARS} characters
 */
public record RefreshToken(String value) {

    /** Twice a Cognito refresh token; a cookie could not carry more anyway. */
    public static final int MAX_CHARS = 4096;

    public RefreshToken {
        Secrets.requirePrintable(value, "a refresh token", MAX_CHARS);
    }

    @Override
    public String toString() {
        return Secrets.redacted("RefreshToken", value);
    }
}
