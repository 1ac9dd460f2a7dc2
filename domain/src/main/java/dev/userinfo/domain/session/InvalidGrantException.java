package dev.userinfo.domain.session;

/**
 * Thrown by an {@link AuthorizationServer} when it refuses a grant: the OAuth 2.0 error
 * {@code invalid_grant} (RFC 6749, section 5.2), or a request it found malformed. Carries the error
 * code the server sent, never the grant.
 */
public final class InvalidGrantException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    public InvalidGrantException(String errorCode) {
        super(errorCode, null, false, false);
        this.errorCode = errorCode;
    }

    /** The server's {@code error} value, e.g. {@code invalid_grant}. */
    public String errorCode() {
        return errorCode;
    }
}
