package dev.userinfo.bootstrap.config;

import java.util.Objects;

/**
 * An OAuth client secret (RFC 6749, 2.3.1): it grants whoever holds it the client's identity at the
 * token endpoint, so it never shows itself in {@link #toString()}.
 *
 * @param value the secret as configured; not blank, at most {@value #MAX_LENGTH} characters, no
 *              whitespace or control characters
 */
public record ClientSecret(String value) {

    /** Longer than any secret Cognito generates (its API takes up to 64). */
    public static final int MAX_LENGTH = 128;

    public ClientSecret {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a client secret has 1 to " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("a client secret has no whitespace or control characters");
        }
    }

    @Override
    public String toString() {
        return "ClientSecret[redacted]";
    }
}
