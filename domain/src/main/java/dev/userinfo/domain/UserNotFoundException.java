package dev.userinfo.domain;

/** Thrown by a {@link UserAttributeLookup} when the pool has no such user (deleted since the token was issued). */
public final class UserNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserNotFoundException() {
        super("user not found", null, false, false);
    }
}
