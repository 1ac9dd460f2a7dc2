package dev.userinfo.bootstrap.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.util.Base64URL;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The sign-in server's own sessions, as Cognito's managed login keeps one in a cookie on its domain:
 * after a sign-in, {@code /oauth2/authorize} answers with a code at once for {@value #LIFETIME_MINUTES}
 * minutes (unless {@code prompt=login}); {@code /logout} ends it, and so does a global sign-out of
 * the user. Also holds the sign-ins waiting on the login page, so the page's form carries one random
 * id instead of the authorization request (and a page from another site cannot post one).
 */
final class LoginSessions {

    static final int LIFETIME_MINUTES = 60;
    static final Duration LIFETIME = Duration.ofMinutes(LIFETIME_MINUTES);
    /** How long a login page stays usable. */
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    static final int CAPACITY = 10_000;

    /** A signed-in browser: who, and since when ({@code auth_time}). */
    record Session(String sub, Instant authTime) {
    }

    private record Timed<T>(T value, Instant createdAt) {
    }

    private final Cache<String, Timed<Session>> sessions;
    private final Cache<String, Timed<SignInRequest>> pending;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    LoginSessions(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessions = cache(clock, LIFETIME);
        this.pending = cache(clock, PENDING_LIFETIME);
    }

    private static <T> Cache<String, T> cache(Clock clock, Duration lifetime) {
        return Caffeine.newBuilder()
                .maximumSize(CAPACITY)
                .expireAfterWrite(lifetime.multipliedBy(2))
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L)
                .build();
    }

    /** Starts a session for this user; returns its id, the cookie's value. */
    String start(String sub) {
        String id = newId();
        sessions.put(id, new Timed<>(new Session(sub, clock.instant()), clock.instant()));
        return id;
    }

    /** The session of this cookie value, while younger than {@value #LIFETIME_MINUTES} minutes. */
    Optional<Session> find(String id) {
        return id == null ? Optional.empty() : live(sessions, id, LIFETIME);
    }

    void end(String id) {
        if (id != null) {
            sessions.invalidate(id);
        }
    }

    /** Ends every session of this user (global sign-out, or the user deleted). */
    void endAllOf(String sub) {
        sessions.asMap().values().removeIf(timed -> timed.value().sub().equals(sub));
    }

    /** Holds a validated authorization request while its login page is open; returns the page's id for it. */
    String await(SignInRequest request) {
        String id = newId();
        pending.put(id, new Timed<>(Objects.requireNonNull(request, "request"), clock.instant()));
        return id;
    }

    /** The request a login page was for, while it is younger than 10 minutes and not yet completed. */
    Optional<SignInRequest> awaiting(String id) {
        return id == null ? Optional.empty() : live(pending, id, PENDING_LIFETIME);
    }

    /** A completed login page: its id works no more. */
    void complete(String id) {
        pending.invalidate(id);
    }

    private <T> Optional<T> live(Cache<String, Timed<T>> cache, String id, Duration lifetime) {
        Timed<T> timed = cache.getIfPresent(id);
        if (timed == null || !clock.instant().isBefore(timed.createdAt().plus(lifetime))) {
            return Optional.empty();
        }
        return Optional.of(timed.value());
    }

    private String newId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64URL.encode(bytes).toString();
    }
}
