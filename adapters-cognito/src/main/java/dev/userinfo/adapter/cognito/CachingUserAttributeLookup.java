package dev.userinfo.adapter.cognito;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.UserAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A short-lived cache in front of another {@link UserAttributeLookup}: each username is looked up at
 * most once per TTL however many requests ask for it at once, so the pool's read quota (about 120
 * AdminGetUser calls/s per account and region) stops being the ceiling. Failures are not cached.
 */
public final class CachingUserAttributeLookup implements UserAttributeLookup {

    private final UserAttributeLookup delegate;
    private final AsyncCache<String, Outcome> cache;

    /** What one load ended in; a failure is handed to the callers that waited for it, never kept. */
    private record Outcome(UserAttributes user, Throwable failure) {
    }

    public CachingUserAttributeLookup(UserAttributeLookup delegate, Duration ttl, long maximumSize) {
        this(delegate, ttl, maximumSize, Ticker.systemTicker());
    }

    /** As above, with the clock the TTL is measured on (tests advance a fake one). */
    public CachingUserAttributeLookup(UserAttributeLookup delegate, Duration ttl, long maximumSize, Ticker ticker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(ticker, "ticker");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive (a TTL of 0 means: do not wrap the lookup)");
        }
        if (maximumSize <= 0) {
            throw new IllegalArgumentException("maximumSize must be positive");
        }
        // A cache of futures gives single flight without holding a map lock while Cognito answers (a
        // synchronous Caffeine load would block other usernames that share its hash bin), and expiry
        // starts when a future completes, not when its load began. Futures always complete normally
        // (with an Outcome) so that Caffeine does not log every "user not found" as a failed load.
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .ticker(ticker)
                .executor(Runnable::run)
                .buildAsync();
    }

    @Override
    public UserAttributes lookup(String username) {
        Objects.requireNonNull(username, "username");
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> current = cache.asMap().putIfAbsent(username, mine);
        if (current == null) {
            // This thread won the race: it loads on its own thread (no pool to size, nothing running
            // across a SnapStart snapshot) while concurrent callers for this username wait on `mine`.
            load(username, mine);
            current = mine;
        }
        Outcome outcome = current.join();
        if (outcome.failure() == null) {
            return outcome.user();
        }
        throw rethrow(outcome.failure());
    }

    private void load(String username, CompletableFuture<Outcome> future) {
        Outcome outcome;
        try {
            outcome = new Outcome(delegate.lookup(username), null);
        } catch (RuntimeException | Error e) {
            outcome = new Outcome(null, e);
        }
        if (outcome.failure() != null) {
            // Out of the cache before anyone can see it completed: the next caller asks the pool again.
            cache.asMap().remove(username, future);
        }
        future.complete(outcome);
    }

    /** The delegate's own exception (UserNotFoundException, DependencyUnavailableException, ...) passes through unchanged. */
    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }

    /** Number of usernames cached now (approximate, for tests and metrics). */
    long estimatedSize() {
        return cache.synchronous().estimatedSize();
    }

    /** Applies pending evictions now; tests call it so size bounds are observable without waiting. */
    void cleanUp() {
        cache.synchronous().cleanUp();
    }

    @Override
    public String toString() {
        return "CachingUserAttributeLookup[" + delegate + "]";
    }
}
