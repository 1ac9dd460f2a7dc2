package dev.userinfo.bootstrap.embedded;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded mode's dev switches that are not about one user: how long new tokens live, and
 * whether the sign-in server's token endpoint fails (to try an app's handling of Cognito's 5xx).
 * Thread-safe; a change applies to the next request.
 */
public final class DevSettings {

    /** Cognito's default lifetime of ID and access tokens. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    /** Shorter than Cognito allows (5 minutes), so expiry and refresh can be watched within a minute. */
    public static final Duration MIN_TOKEN_LIFETIME = Duration.ofSeconds(5);
    /** Cognito's longest ID and access token lifetime. */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(1);

    /** A snapshot of the switches. */
    public record Values(Duration tokenLifetime, OptionalInt tokenEndpointFailure) {
    }

    private final AtomicReference<Values> values =
            new AtomicReference<>(new Values(DEFAULT_TOKEN_LIFETIME, OptionalInt.empty()));

    public Values values() {
        return values.get();
    }

    /** The lifetime of the ID and access tokens minted from now on. */
    public Duration tokenLifetime() {
        return values.get().tokenLifetime();
    }

    /** The status the token endpoint answers every request with, when it is set to fail. */
    public OptionalInt tokenEndpointFailure() {
        return values.get().tokenEndpointFailure();
    }

    /**
     * Changes the switches given, leaves the others.
     *
     * @param tokenLifetime        from {@link #MIN_TOKEN_LIFETIME} to {@link #MAX_TOKEN_LIFETIME}, whole seconds
     * @param tokenEndpointFailure an HTTP status from 500 to 599, or {@code 0} to answer normally again
     * @throws IllegalArgumentException naming the switch and its allowed values; nothing is changed then
     */
    public Values update(Optional<Duration> tokenLifetime, OptionalInt tokenEndpointFailure) {
        tokenLifetime.ifPresent(lifetime -> {
            if (lifetime.compareTo(MIN_TOKEN_LIFETIME) < 0 || lifetime.compareTo(MAX_TOKEN_LIFETIME) > 0) {
                throw new IllegalArgumentException("tokenLifetimeSeconds must be from " + MIN_TOKEN_LIFETIME.toSeconds()
                        + " to " + MAX_TOKEN_LIFETIME.toSeconds());
            }
        });
        tokenEndpointFailure.ifPresent(status -> {
            if (status != 0 && (status < 500 || status > 599)) {
                throw new IllegalArgumentException("tokenEndpointFailure must be an HTTP status from 500 to 599, or 0 for none");
            }
        });
        return values.updateAndGet(current -> new Values(
                tokenLifetime.orElse(current.tokenLifetime()),
                tokenEndpointFailure.isPresent()
                        ? (tokenEndpointFailure.getAsInt() == 0 ? OptionalInt.empty() : tokenEndpointFailure)
                        : current.tokenEndpointFailure()));
    }
}
