package dev.userinfo.adapter.cognito;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.UserNotFoundException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * A short-lived cache in front of another {@link UserAttributeLookup}, so that the pool's read quota
 * (about 120 AdminGetUser calls/s per account and region, shared by every container) stops being the
 * ceiling and a Cognito brownout does not turn every user away:
 *
 * <ul>
 *   <li><b>Time-to-live, jittered.</b> A record answers for its entry's time-to-live, counted from
 *       when its load finished: the configured TTL less up to {@link Policy#jitter()} of it, drawn
 *       per entry, so entries loaded together do not expire together. Past it, a request waits for a
 *       new load: the TTL stays the longest a disabled or deleted user is answered from the cache.</li>
 *   <li><b>Refresh-ahead.</b> A record requested after {@link Policy#refreshAfter()} of the TTL is
 *       reloaded in the background (Caffeine's {@code refresh}) while the request is answered from
 *       the cache, so a user who keeps calling never waits on the pool.</li>
 *   <li><b>Single flight.</b> However many requests ask for one key at once, the pool is asked once
 *       (a load, or Caffeine's one refresh in flight per key).</li>
 *   <li><b>The last known record on failure.</b> When a reload past the TTL fails with
 *       {@link DependencyUnavailableException} (throttled, timed out, 5xx, refused), the record
 *       loaded within {@link Policy#staleLimit()} is answered instead, marked
 *       {@link UserAttributes#stale()}. {@link UserNotFoundException} drops the record at once, and a
 *       disabled record is a record like any other: neither is ever overridden by an older one. A
 *       user never seen within the stale limit gets the failure.</li>
 * </ul>
 *
 * <p>Entries are keyed by username <em>and</em> the {@code sub} the caller expects, because a username
 * can be deleted and created again for someone else: the old holder's cached record never answers
 * the new holder's token (which would turn it away), and the new holder's never answers the old
 * holder's token (which would hand it someone else's profile). Each key loads on its own, and a stale
 * record only ever answers the key it was loaded for.
 *
 * <p>First loads run on the caller's thread. Background reloads run on a small pool of daemon
 * threads; in a Lambda, which is frozen between invocations, a reload may be frozen mid-call. That is
 * harmless: after the thaw it completes (its answer kept if the entry did not change meanwhile) or
 * fails on the SDK's call timeout, which keeps the old record with the failure noted; no request
 * depends on it finishing within the invocation that started it.
 */
public final class CachingUserAttributeLookup implements UserAttributeLookup {

    /** Threads for background reloads: each waits on the pool (at most the SDK's call timeout), never on the CPU. */
    static final int REFRESH_THREADS = 4;

    private final UserAttributeLookup delegate;
    private final Policy policy;
    private final Ticker ticker;
    private final Executor refreshExecutor;
    private final DoubleSupplier random;
    private final AsyncLoadingCache<Key, Entry> cache;
    private final long refreshAfterNanos;

    /**
     * How long records are kept and answered.
     *
     * @param ttl          how long a loaded record answers before a request waits for a new load
     *                     (positive; a TTL of 0 means: do not wrap the lookup at all)
     * @param staleLimit   a record younger than this (since its load) is answered when the pool cannot
     *                     answer; zero: never
     * @param maximumSize  records kept at most (positive)
     * @param refreshAfter the fraction of {@code ttl} after which a request reloads its record in the
     *                     background, in (0, 1]; 1 means no refresh ahead of the expiry
     * @param jitter       the largest fraction of {@code ttl} by which an entry's lifetime is shortened
     *                     at random, in [0, 1); below {@code 1 - refreshAfter} when that is below 1,
     *                     so that every entry can be refreshed ahead of its expiry
     */
    public record Policy(Duration ttl, Duration staleLimit, long maximumSize, double refreshAfter, double jitter) {

        /** Refresh-ahead starts at 80 % of the TTL. */
        public static final double REFRESH_AFTER = 0.8;
        /** Entries live between 90 % and 100 % of the TTL. */
        public static final double JITTER = 0.1;

        public Policy {
            Objects.requireNonNull(ttl, "ttl");
            Objects.requireNonNull(staleLimit, "staleLimit");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ttl must be positive (a TTL of 0 means: do not wrap the lookup)");
            }
            if (staleLimit.isNegative()) {
                throw new IllegalArgumentException("staleLimit must not be negative");
            }
            if (maximumSize <= 0) {
                throw new IllegalArgumentException("maximumSize must be positive");
            }
            if (!(refreshAfter > 0 && refreshAfter <= 1)) {
                throw new IllegalArgumentException("refreshAfter must be in (0, 1]");
            }
            if (!(jitter >= 0 && jitter < 1)) {
                throw new IllegalArgumentException("jitter must be in [0, 1)");
            }
            if (refreshAfter < 1 && jitter >= 1 - refreshAfter) {
                throw new IllegalArgumentException("jitter must be below 1 - refreshAfter, so every entry is refreshed before it expires");
            }
        }

        /** Refresh-ahead at {@link #REFRESH_AFTER}, lifetimes jittered by {@link #JITTER}. */
        public static Policy of(Duration ttl, Duration staleLimit, long maximumSize) {
            return new Policy(ttl, staleLimit, maximumSize, REFRESH_AFTER, JITTER);
        }
    }

    /** One holder of one username: what a caller asks about. */
    private record Key(String username, String sub) {
    }

    /**
     * What the last load of a key left: a record (with when it was loaded and how long it answers)
     * and, when the last attempt failed, that failure. No record means the failure is all there is;
     * such an entry expires at once.
     */
    private record Entry(UserAttributes user, long loadedAt, long timeToLive, long keepFor, Throwable failure) {

        static Entry failed(Throwable failure) {
            return new Entry(null, 0, 0, 0, failure);
        }

        /** The same record, after a reload of it failed. */
        Entry failedAgain(Throwable failure) {
            return new Entry(user, loadedAt, timeToLive, keepFor, failure);
        }

        long age(long now) {
            return now - loadedAt;
        }
    }

    /** A production cache: the system clock, background reloads on daemon threads. */
    public CachingUserAttributeLookup(UserAttributeLookup delegate, Policy policy) {
        this(delegate, policy, Ticker.systemTicker(), newRefreshExecutor(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * As above with the parts tests control.
     *
     * @param ticker          the clock TTLs and ages are measured on (tests advance a fake one)
     * @param refreshExecutor where background reloads run
     * @param random          uniform draws in [0, 1) for the jitter
     */
    public CachingUserAttributeLookup(UserAttributeLookup delegate, Policy policy, Ticker ticker,
            Executor refreshExecutor, DoubleSupplier random) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.refreshExecutor = Objects.requireNonNull(refreshExecutor, "refreshExecutor");
        this.random = Objects.requireNonNull(random, "random");
        // A cache of futures gives single flight without holding a map lock while Cognito answers (a
        // synchronous Caffeine load would block other usernames that share its hash bin). Futures
        // always complete normally, with an Entry, so Caffeine neither logs every "user not found" as
        // a failed load nor drops the old record when a refresh fails.
        this.cache = Caffeine.newBuilder()
                .maximumSize(policy.maximumSize())
                .ticker(ticker)
                .executor(Runnable::run) // Caffeine's upkeep on the calling thread; reloads use refreshExecutor
                .expireAfter(new KeepFor())
                .buildAsync(new Loader());
        this.refreshAfterNanos = (long) (policy.ttl().toNanos() * policy.refreshAfter());
    }

    @Override
    public UserAttributes lookup(String username, String sub) {
        Key key = new Key(Objects.requireNonNull(username, "username"), Objects.requireNonNull(sub, "sub"));
        Entry entry = current(key);
        if (entry.user() == null) {
            throw rethrow(entry.failure());
        }
        long age = entry.age(ticker.read());
        if (age < entry.timeToLive()) {
            if (age > refreshAfterNanos && entry.failure() == null) {
                // Refresh-ahead: Caffeine's refresh runs one reload per key in the background (a
                // reload already in flight is reused); this request does not wait for it. A record
                // whose reload just failed is not retried before its TTL.
                cache.synchronous().refresh(key);
            }
            return entry.user();
        }
        // Past its time-to-live: a reload may have finished since this read (take it), else wait for
        // one: the one in flight, if there is one.
        Entry latest = cache.synchronous().policy().getIfPresentQuietly(key);
        if (latest != null && latest.age(ticker.read()) < latest.timeToLive()) {
            return latest.user();
        }
        return afterReload(cache.synchronous().refresh(key).join());
    }

    /** The key's entry: the cached one, the load in flight, or a load of this caller's own. */
    private Entry current(Key key) {
        // One atomic step: whoever puts the first future for a key loads it, and every other caller
        // (a cache hit included) gets that future back and waits on it if it is still loading.
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> future = cache.asMap().putIfAbsent(key, mine);
        if (future != null) {
            return future.join();
        }
        // This thread won: it loads on its own thread (no pool to wait for, nothing running across a
        // SnapStart snapshot) while concurrent callers for this key wait on `mine`. A failure is not
        // kept: an entry without a record expires the moment it completes (KeepFor), so the next
        // caller asks the pool again.
        Entry loaded = load(key, null);
        mine.complete(loaded);
        return loaded;
    }

    private UserAttributes afterReload(Entry reloaded) {
        if (reloaded.failure() == null) {
            return reloaded.user();
        }
        if (reloaded.user() != null
                && reloaded.failure() instanceof DependencyUnavailableException
                && reloaded.age(ticker.read()) < policy.staleLimit().toNanos()) {
            return reloaded.user().asStale();
        }
        throw rethrow(reloaded.failure());
    }

    /** Asks the delegate; never throws: the outcome, good or bad, is the entry. */
    private Entry load(Key key, Entry previous) {
        UserAttributes user;
        try {
            // Whatever record comes back is kept under this key, even another holder's: the caller
            // turns that down, and the next request with this token is turned down from the cache.
            user = delegate.lookup(key.username(), key.sub());
        } catch (UserNotFoundException e) {
            // The pool says the user is gone: no older record of theirs may answer again.
            return Entry.failed(e);
        } catch (RuntimeException | Error e) {
            return previous == null ? Entry.failed(e) : previous.failedAgain(e);
        }
        long ttl = policy.ttl().toNanos();
        long timeToLive = ttl - (long) (ttl * policy.jitter() * random.getAsDouble());
        return new Entry(user, ticker.read(), timeToLive, Math.max(timeToLive, policy.staleLimit().toNanos()), null);
    }

    /**
     * Reloads run on the refresh executor: in the background for refresh-ahead, or for a request past
     * the TTL. Caffeine's {@code refreshAfterWrite} is not used to trigger them: it would start a
     * reload for reads past the TTL too, which must wait for theirs and see how it ended, and it allows
     * no per-entry choice; {@code refresh(key)} gives the same single-flight reload on either path.
     */
    private final class Loader implements AsyncCacheLoader<Key, Entry> {
        @Override
        public CompletableFuture<Entry> asyncLoad(Key key, Executor ignored) {
            return CompletableFuture.supplyAsync(() -> load(key, null), refreshExecutor);
        }

        @Override
        public CompletableFuture<Entry> asyncReload(Key key, Entry previous, Executor ignored) {
            return CompletableFuture.supplyAsync(() -> load(key, previous), refreshExecutor);
        }
    }

    /** An entry stays until its stale limit (or its TTL, if longer) has passed since its record was loaded. */
    private static final class KeepFor implements Expiry<Key, Entry> {
        @Override
        public long expireAfterCreate(Key key, Entry entry, long currentTime) {
            return entry.user() == null ? 0 : Math.max(0, entry.keepFor() - entry.age(currentTime));
        }

        @Override
        public long expireAfterUpdate(Key key, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** The delegate's own exception (UserNotFoundException, DependencyUnavailableException, ...) passes through unchanged. */
    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }

    /** The production pool for reloads: {@value #REFRESH_THREADS} daemon threads, none kept while idle. */
    static ThreadPoolExecutor newRefreshExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(REFRESH_THREADS, REFRESH_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "attribute-refresh-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        // Idle threads end, so an idle JVM (or a SnapStart snapshot) holds none.
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** The time-to-live drawn for a key's record, if one is cached (for tests). */
    Duration timeToLive(String username, String sub) {
        Entry entry = cache.synchronous().policy().getIfPresentQuietly(new Key(username, sub));
        return entry == null ? null : Duration.ofNanos(entry.timeToLive());
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
