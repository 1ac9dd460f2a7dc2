package dev.userinfo.domain;

import java.util.Optional;

/** The two kinds of Cognito token a client may present: the ID token and the access token. */
public enum TokenUse {
    ID("id"),
    ACCESS("access");

    private final String claimValue;

    TokenUse(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The value of the {@code token_use} claim that names this kind. */
    public String claimValue() {
        return claimValue;
    }

    /** The kind named by a {@code token_use} claim value; empty for anything else (including {@code refresh}). */
    public static Optional<TokenUse> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (TokenUse use : values()) {
            if (use.claimValue.equals(value)) {
                return Optional.of(use);
            }
        }
        return Optional.empty();
    }
}
