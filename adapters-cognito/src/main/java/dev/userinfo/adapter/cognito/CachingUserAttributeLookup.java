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
 * A short-lived cache in front of another {@link UserAttributeLookup}: each user is looked up at most
 * once per TTL however many requests ask for it at once, so the pool's read quota (about 120
 * AdminGetUser calls/s per account and region) stops being the ceiling. Failures are not cached.
 *
 * <p>Entries are keyed by username <em>and</em> the {@code sub} the caller expects, because a username
 * can be deleted and created again for someone else: the old holder's cached record never answers
 * the new holder's token (which would turn it away), and the new holder's never answers the old
 * holder's token (which would hand it someone else's profile). Each key loads on its own.
 */
public final class CachingUserAttributeLookup implements UserAttributeLookup {

    private final UserAttributeLookup delegate;
    private final AsyncCache<Key, Outcome> cache;

    /** One holder of one username: what a caller asks about. */
    private record Key(String username, String sub) {
    }

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
    public UserAttributes lookup(String username, String sub) {
        Key key = new Key(Objects.requireNonNull(username, "username"), Objects.requireNonNull(sub, "sub"));
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> current = cache.asMap().putIfAbsent(key, mine);
        if (current == null) {
            // This thread won the race: it loads on its own thread (no pool to size, nothing running
            // across a SnapStart snapshot) while concurrent callers for this key wait on `mine`.
            load(key, mine);
            current = mine;
        }
        Outcome outcome = current.join();
        if (outcome.failure() == null) {
            return outcome.user();
        }
        throw rethrow(outcome.failure());
    }

    private void load(Key key, CompletableFuture<Outcome> future) {
        Outcome outcome;
        try {
            // Whatever record comes back is kept under this key, even another holder's: the caller
            // turns that down, and the next request with this token is turned down from the cache.
            outcome = new Outcome(delegate.lookup(key.username(), key.sub()), null);
        } catch (RuntimeException | Error e) {
            outcome = new Outcome(null, e);
        }
        if (outcome.failure() != null) {
            // Out of the cache before anyone can see it completed: the next caller asks the pool again.
            cache.asMap().remove(key, future);
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

    /** Number of (username, sub) entries cached now (approximate, for tests and metrics). */
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
