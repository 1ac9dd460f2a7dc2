package dev.userinfo.adapter.cognito;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.userinfo.domain.VerifiedIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens this JVM verified recently, so a token sent again is answered without a second RS256
 * check: API Gateway's Cognito authorizer caches its verification results per token the same way
 * (for up to an hour, 300 s by default).
 *
 * <ul>
 *   <li>Key: the SHA-256 of the token's exact bytes (UTF-8), never the token itself, so a heap dump
 *       holds no usable token and any changed byte is a different key.</li>
 *   <li>Value: the identity the full verification produced, with the {@code kid} of the key that
 *       verified it.</li>
 *   <li>Lifetime: until the earliest of the token's {@code exp} and {@code timeToLive} after it was
 *       verified; a hit also checks {@code exp} against the wall clock. A token whose {@code exp}
 *       has passed is not cached at all (the verifier's clock skew may still accept it, once).</li>
 *   <li>Keys: whenever the key set is fetched ({@link #keySetFetched}), every entry verified with a
 *       {@code kid} the new set no longer holds, or holds with other key material, is dropped, so a
 *       removed key is honoured no longer than the key set cache honours it. A verification that
 *       was running while a key set was fetched is not cached.</li>
 *   <li>Failures are never cached: only {@link #put} adds, and only a verified identity.</li>
 *   <li>Bounded: at most {@code maximumSize} entries (Caffeine's size-based eviction).</li>
 * </ul>
 *
 * Thread-safe; one per {@link CognitoTokenParser}.
 */
public final class VerifiedTokenCache {

    /** The longest an entry lives, whatever the token's {@code exp}; API Gateway's authorizer default. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);
    /** Entries kept; about 1 KiB each, so 10 MiB of heap at most. */
    public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(VerifiedTokenCache::sha256);

    private final Cache<TokenDigest, Entry> entries;
    private final Duration timeToLive;
    private final Clock clock;
    /** Moves on every key set fetch: a verification that began before one is not cached. */
    private final AtomicLong generation = new AtomicLong();
    /** The key set last fetched, kid to key; null until the first fetch (or forever, with keys that are not fetched). */
    private volatile Map<String, JWK> currentKeys;

    /** The SHA-256 of a token's bytes, as four longs: cheap to hash and compare. */
    record TokenDigest(long a, long b, long c, long d) {
    }

    private record Entry(VerifiedIdentity identity, String kid, Duration lifetime) {
    }

    private VerifiedTokenCache(Duration timeToLive, long maximumSize, Ticker ticker, Clock clock, Executor maintenance) {
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("timeToLive must be positive");
        }
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be at least 1");
        }
        this.timeToLive = timeToLive;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.creating((TokenDigest key, Entry entry) -> entry.lifetime()))
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                // Evictions run in the background, batched, rather than on the request that inserted:
                // done on the caller, they cost a miss about a tenth of its time.
                .executor(Objects.requireNonNull(maintenance, "maintenance"))
                .build();
    }

    /** {@link #DEFAULT_TIME_TO_LIVE}, {@link #DEFAULT_MAXIMUM_SIZE}. */
    public static VerifiedTokenCache withDefaults() {
        return of(DEFAULT_TIME_TO_LIVE, DEFAULT_MAXIMUM_SIZE);
    }

    /**
     * @param timeToLive  the longest an entry lives (positive)
     * @param maximumSize the most entries kept (at least 1)
     * @throws IllegalArgumentException when either is out of range
     */
    public static VerifiedTokenCache of(Duration timeToLive, long maximumSize) {
        return new VerifiedTokenCache(timeToLive, maximumSize, Ticker.systemTicker(), Clock.systemUTC(), ForkJoinPool.commonPool());
    }

    /**
     * As {@link #of(Duration, long)} on a test's clocks: {@code ticker} ages entries, {@code clock} is
     * checked against {@code exp}; maintenance (evictions) runs on the calling thread, so a test sees it done.
     */
    static VerifiedTokenCache of(Duration timeToLive, long maximumSize, Ticker ticker, Clock clock) {
        return new VerifiedTokenCache(timeToLive, maximumSize, ticker, clock, Runnable::run);
    }

    /** The key of a token: SHA-256 of its UTF-8 bytes. */
    static TokenDigest digest(String token) {
        MessageDigest sha = SHA_256.get();
        ByteBuffer hash = ByteBuffer.wrap(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        return new TokenDigest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    /** The identity verified for this digest, or null: never seen, expired, or dropped with its key. */
    VerifiedIdentity get(TokenDigest digest) {
        Entry entry = entries.getIfPresent(digest);
        if (entry == null || !clock.instant().isBefore(entry.identity().expiresAt())) {
            return null;
        }
        return entry.identity();
    }

    /** The generation to hand to {@link #put} for a verification that starts now. */
    long generation() {
        return generation.get();
    }

    /**
     * Caches a verified identity, unless a key set was fetched since {@code startedAt} (its sweep may
     * already have passed) or the token expires before any later request could use it.
     *
     * @param kid       the {@code kid} of the key that verified the token
     * @param startedAt {@link #generation()} before the verification began
     */
    void put(TokenDigest digest, VerifiedIdentity identity, String kid, long startedAt) {
        Duration untilExpiry = Duration.between(clock.instant(), identity.expiresAt());
        if (untilExpiry.isNegative() || untilExpiry.isZero()) {
            return;
        }
        entries.put(digest, new Entry(identity, kid, untilExpiry.compareTo(timeToLive) < 0 ? untilExpiry : timeToLive));
        if (generation.get() != startedAt) {
            // A key set was fetched while the token was being verified: its sweep may have run
            // before this entry existed, so the entry may hold a key the new set dropped.
            entries.invalidate(digest);
        }
    }

    /**
     * A key set was fetched: drops every entry whose {@code kid} the set no longer holds, or holds
     * with other key material than the set before it.
     */
    void keySetFetched(JWKSet keys) {
        Map<String, JWK> fetched = new HashMap<>();
        for (JWK key : keys.getKeys()) {
            if (key.getKeyID() != null) {
                fetched.put(key.getKeyID(), key);
            }
        }
        generation.incrementAndGet();
        Map<String, JWK> previous = currentKeys;
        currentKeys = Map.copyOf(fetched);
        Set<String> kept = new HashSet<>();
        fetched.forEach((kid, key) -> {
            if (previous == null || key.equals(previous.get(kid))) {
                kept.add(kid);
            }
        });
        entries.asMap().values().removeIf(entry -> !kept.contains(entry.kid()));
    }

    /** Runs Caffeine's pending maintenance (evictions) now; for tests. */
    void cleanUp() {
        entries.cleanUp();
    }

    /** Drops every entry (a benchmark measuring misses does, before each call). */
    public void invalidateAll() {
        entries.invalidateAll();
    }

    /** Entries held now, roughly (expired ones may still count until Caffeine cleans up). */
    public long estimatedSize() {
        return entries.estimatedSize();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
