package dev.userinfo.domain;

import java.util.Objects;

/**
 * Thrown by a port when what it depends on (the key set endpoint, the user pool) cannot answer now:
 * unreachable, throttled, timed out. The client is told to retry.
 */
public final class DependencyUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Dependency dependency;

    /** What was unavailable. */
    public enum Dependency {
        KEY_SET,
        USER_POOL,
        /** The user pool's OAuth 2.0 endpoints ({@code /oauth2/token}, {@code /oauth2/revoke}). */
        AUTHORIZATION_SERVER
    }

    public DependencyUnavailableException(Dependency dependency, Throwable cause) {
        super(Objects.requireNonNull(dependency, "dependency").name(), cause);
        this.dependency = dependency;
    }

    public Dependency dependency() {
        return dependency;
    }
}
