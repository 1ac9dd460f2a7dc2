package dev.userinfo.domain.session;

/**
 * The OpenID Connect {@code nonce} of one pending sign-in (OpenID Connect Core 1.0, section 3.1.2.1):
 * the ID token the callback receives must carry it, so a token minted for another sign-in cannot be
 * replayed into this one. Redacts itself.
 *
 * @param value printable ASCII, at most {@value #MAX_CHARS} characters
 */
public record Nonce(String value) {

    public static final int MAX_CHARS = 256;

    public Nonce {
        Secrets.requirePrintable(value, "a nonce", MAX_CHARS);
    }

    /** Whether {@code candidate} is this nonce, compared in constant time; false for null. */
    public boolean matches(String candidate) {
        return Secrets.equal(value, candidate);
    }

    @Override
    public String toString() {
        return Secrets.redacted("Nonce", value);
    }
}
