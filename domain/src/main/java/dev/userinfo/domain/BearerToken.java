package dev.userinfo.domain;

import java.util.Objects;

/** A bearer token as presented by a client: untrusted until a {@link TokenParser} verified it. */
public record BearerToken(String value) {

    public BearerToken {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be blank");
        }
    }

    /** Never shows the token itself, so a token that reaches a log line by accident stays secret. */
    @Override
    public String toString() {
        return "BearerToken[redacted, " + value.length() + " chars]";
    }
}
