package dev.userinfo.domain;

import java.util.Objects;

/** Thrown by a {@link TokenParser} when a token fails a check; carries the reason, never the token. */
public final class InvalidTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final InvalidTokenReason reason;

    public InvalidTokenException(InvalidTokenReason reason) {
        this(reason, null);
    }

    public InvalidTokenException(InvalidTokenReason reason, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason").name(), cause, false, false);
        this.reason = reason;
    }

    public InvalidTokenReason reason() {
        return reason;
    }
}
