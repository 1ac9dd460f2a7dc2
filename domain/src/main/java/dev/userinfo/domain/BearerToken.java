package dev.userinfo.domain;

import java.util.Objects;

/** A bearer token as presented by a client: untrusted until a {@link TokenParser} verified it. */
public record BearerToken(String value) {

    /**
     * The longest token this service accepts, in characters (a token is ASCII: one byte each).
     *
     * <p>Sized from the platform: API Gateway refuses a request whose request line and header values
     * together exceed 10,240 bytes (Amazon API Gateway quotas, "Total combined size of request line
     * and header values", the same for REST and HTTP APIs; it cannot be raised). No token API Gateway
     * delivers is longer, so the cap is that limit itself rather than the limit less a guess at the
     * other headers: every token that can arrive is verified, and the cap still stops anything larger
     * (the local server's, or a test's) before it is decoded. A Cognito ID token of a user in many
     * groups grows past 8 KiB (100 groups with long names: about 9,000 characters).
     */
    public static final int MAX_CHARS = 10_240;

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
