package dev.userinfo.adapter.cognito;

import dev.userinfo.domain.TokenUse;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link CognitoTokenParser} accepts and how it fetches the pool's key set. Plain values,
 * read from configuration by bootstrap; every value is checked here so a bad one stops start-up.
 *
 * @param issuers           every accepted {@code iss}, each compared exactly: a pool's two official
 *                          issuers ({@link UserPoolId#issuers()}), or the one an emulator signs with
 * @param jwksUrl           where the pool's public keys are published (http or https only)
 * @param clientIds         app clients a token may be issued to ({@code aud} / {@code client_id})
 * @param tokenUses         which kinds of token are accepted
 * @param clockSkew         tolerance for {@code exp}, {@code nbf} and {@code iat}, whole seconds
 * @param connectTimeout    key set fetch: TCP connect timeout
 * @param readTimeout       key set fetch: read timeout
 * @param sizeLimitBytes    key set fetch: the largest response accepted
 * @param cacheTimeToLive   how long a fetched key set is used before it is fetched again
 * @param refreshAheadTime  how long before expiry a request triggers a background refetch
 * @param rateLimitInterval at most two fetches per interval, whatever unknown {@code kid}s arrive
 * @param outageTolerance   how long a key set that can no longer be refetched is still used
 */
public record TokenVerificationSettings(
        Set<String> issuers,
        URI jwksUrl,
        Set<String> clientIds,
        Set<TokenUse> tokenUses,
        Duration clockSkew,
        Duration connectTimeout,
        Duration readTimeout,
        int sizeLimitBytes,
        Duration cacheTimeToLive,
        Duration refreshAheadTime,
        Duration rateLimitInterval,
        Duration outageTolerance) {

    /** Clock tolerance when the configuration names none. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(2);
    /** A Cognito key set is about 1 KiB; 50 KiB leaves room without letting a response eat memory. */
    public static final int DEFAULT_SIZE_LIMIT_BYTES = 50 * 1024;
    /** Cognito rotates keys rarely, and an unknown {@code kid} triggers a refetch anyway. */
    public static final Duration DEFAULT_CACHE_TIME_TO_LIVE = Duration.ofMinutes(15);
    public static final Duration DEFAULT_REFRESH_AHEAD_TIME = Duration.ofMinutes(1);
    public static final Duration DEFAULT_RATE_LIMIT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofHours(2);

    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration REFRESH_WAIT_MARGIN = Duration.ofMillis(500);

    public TokenVerificationSettings {
        Objects.requireNonNull(issuers, "issuers");
        if (issuers.isEmpty()) {
            throw new IllegalArgumentException("issuers must name at least one issuer");
        }
        issuers.forEach(issuer -> requireText(issuer, "an issuer"));
        issuers = Set.copyOf(issuers);
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        String scheme = jwksUrl.getScheme() == null ? "" : jwksUrl.getScheme().toLowerCase(Locale.ROOT);
        // DefaultResourceRetriever also reads file: URLs; keys must only ever come over HTTP(S).
        if (!(scheme.equals("https") || scheme.equals("http")) || jwksUrl.getHost() == null) {
            throw new IllegalArgumentException("jwksUrl must be an absolute http(s) URL: " + jwksUrl);
        }
        Objects.requireNonNull(clientIds, "clientIds");
        if (clientIds.isEmpty()) {
            throw new IllegalArgumentException("clientIds must name at least one app client");
        }
        clientIds.forEach(id -> requireText(id, "a client id"));
        clientIds = Set.copyOf(clientIds);
        Objects.requireNonNull(tokenUses, "tokenUses");
        if (tokenUses.isEmpty()) {
            throw new IllegalArgumentException("tokenUses must allow at least one token use");
        }
        tokenUses = Set.copyOf(tokenUses);

        requireNonNegative(clockSkew, "clockSkew");
        if (clockSkew.compareTo(MAX_CLOCK_SKEW) > 0 || clockSkew.getNano() != 0) {
            throw new IllegalArgumentException("clockSkew must be whole seconds, at most " + MAX_CLOCK_SKEW);
        }
        requirePositiveMillis(connectTimeout, "connectTimeout");
        requirePositiveMillis(readTimeout, "readTimeout");
        if (sizeLimitBytes <= 0) {
            throw new IllegalArgumentException("sizeLimitBytes must be positive");
        }
        requirePositiveMillis(cacheTimeToLive, "cacheTimeToLive");
        requirePositiveMillis(refreshAheadTime, "refreshAheadTime");
        requirePositiveMillis(rateLimitInterval, "rateLimitInterval");
        requirePositiveMillis(outageTolerance, "outageTolerance");
        // The library's own preconditions, stated here so they fail with the knob's name.
        if (rateLimitInterval.compareTo(cacheTimeToLive) >= 0) {
            throw new IllegalArgumentException("rateLimitInterval must be shorter than cacheTimeToLive");
        }
        if (refreshAheadTime.plus(connectTimeout).plus(readTimeout).plus(REFRESH_WAIT_MARGIN)
                .compareTo(cacheTimeToLive) > 0) {
            throw new IllegalArgumentException(
                    "refreshAheadTime + connectTimeout + readTimeout + 0.5 s must not exceed cacheTimeToLive");
        }
    }

    /** The production defaults for everything but what identifies the pool and its clients. */
    public static TokenVerificationSettings of(
            Set<String> issuers, URI jwksUrl, Set<String> clientIds, Set<TokenUse> tokenUses) {
        return new TokenVerificationSettings(
                issuers,
                jwksUrl,
                clientIds,
                tokenUses,
                DEFAULT_CLOCK_SKEW,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT,
                DEFAULT_SIZE_LIMIT_BYTES,
                DEFAULT_CACHE_TIME_TO_LIVE,
                DEFAULT_REFRESH_AHEAD_TIME,
                DEFAULT_RATE_LIMIT_INTERVAL,
                DEFAULT_OUTAGE_TOLERANCE);
    }

    /** As {@link #of(Set, URI, Set, Set)} with one accepted issuer (an emulator's, or the embedded mode's own). */
    public static TokenVerificationSettings of(
            String issuer, URI jwksUrl, Set<String> clientIds, Set<TokenUse> tokenUses) {
        return of(Set.of(Objects.requireNonNull(issuer, "issuer")), jwksUrl, clientIds, tokenUses);
    }

    public TokenVerificationSettings withClockSkew(Duration value) {
        return new TokenVerificationSettings(issuers, jwksUrl, clientIds, tokenUses, value, connectTimeout,
                readTimeout, sizeLimitBytes, cacheTimeToLive, refreshAheadTime, rateLimitInterval, outageTolerance);
    }

    public TokenVerificationSettings withTokenUses(Set<TokenUse> value) {
        return new TokenVerificationSettings(issuers, jwksUrl, clientIds, value, clockSkew, connectTimeout,
                readTimeout, sizeLimitBytes, cacheTimeToLive, refreshAheadTime, rateLimitInterval, outageTolerance);
    }

    public TokenVerificationSettings withClientIds(Set<String> value) {
        return new TokenVerificationSettings(issuers, jwksUrl, value, tokenUses, clockSkew, connectTimeout,
                readTimeout, sizeLimitBytes, cacheTimeToLive, refreshAheadTime, rateLimitInterval, outageTolerance);
    }

    public TokenVerificationSettings withHttpTimeouts(Duration connect, Duration read) {
        return new TokenVerificationSettings(issuers, jwksUrl, clientIds, tokenUses, clockSkew, connect,
                read, sizeLimitBytes, cacheTimeToLive, refreshAheadTime, rateLimitInterval, outageTolerance);
    }

    public TokenVerificationSettings withSizeLimitBytes(int value) {
        return new TokenVerificationSettings(issuers, jwksUrl, clientIds, tokenUses, clockSkew, connectTimeout,
                readTimeout, value, cacheTimeToLive, refreshAheadTime, rateLimitInterval, outageTolerance);
    }

    /** Cache lifetime, refresh-ahead window, refetch rate limit and outage tolerance together, since they constrain each other. */
    public TokenVerificationSettings withCaching(
            Duration timeToLive, Duration refreshAhead, Duration rateLimit, Duration outage) {
        return new TokenVerificationSettings(issuers, jwksUrl, clientIds, tokenUses, clockSkew, connectTimeout,
                readTimeout, sizeLimitBytes, timeToLive, refreshAhead, rateLimit, outage);
    }

    /** How long a request waits for a fetch that another request already started. */
    Duration refreshWaitTimeout() {
        return connectTimeout.plus(readTimeout).plus(REFRESH_WAIT_MARGIN);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (!value.strip().equals(value)) {
            throw new IllegalArgumentException(name + " must not start or end with whitespace");
        }
        return value;
    }

    private static void requireNonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    private static void requirePositiveMillis(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.toMillis() <= 0 || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms");
        }
    }
}
