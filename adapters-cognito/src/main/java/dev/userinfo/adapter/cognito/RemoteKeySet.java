package dev.userinfo.adapter.cognito;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.events.Event;
import java.io.Closeable;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's public keys, fetched from the configured JWKS URL only: cached with refresh-ahead,
 * refetched at most twice per rate-limit interval (so a flood of unknown {@code kid}s cannot turn
 * into a flood of fetches), concurrent refetches collapsed into one, and a key set that can no
 * longer be refetched kept in use for the outage tolerance. Built once per JVM.
 *
 * <p>A URL that answers 404 or 403 names no pool's keys (a wrong pool id or region): while that is
 * what the last fetch got and no key set is at hand, {@link #get} throws {@link KeySetRefusedException},
 * which no retry would change, rather than the "unavailable" of a network or server failure.
 */
final class RemoteKeySet implements JWKSource<SecurityContext>, Closeable {

    private static final Logger log = LoggerFactory.getLogger(RemoteKeySet.class);

    /** HTTP statuses by which a key set URL says there is nothing there for us: not found, forbidden. */
    private static final Set<Integer> REFUSALS = Set.of(HttpURLConnection.HTTP_NOT_FOUND, HttpURLConnection.HTTP_FORBIDDEN);

    private final URL url;
    private final JWKSource<SecurityContext> cached;
    private final long outageToleranceMillis;
    private volatile Fetched lastFetched;
    /** The status of the last fetch when it was a refusal; null after any other outcome. */
    private volatile Integer lastRefusal;

    private record Fetched(JWKSet keys, long atMillis) {}

    /** Sees every key set fetched (the verified-token cache drops what was verified with a key now gone). */
    private final Consumer<JWKSet> onFetched;

    RemoteKeySet(TokenVerificationSettings settings) {
        this(settings, keys -> { });
    }

    /** @param onFetched called with every key set fetched from the URL, on the fetching thread, before it is used */
    RemoteKeySet(TokenVerificationSettings settings, Consumer<JWKSet> onFetched) {
        this.onFetched = Objects.requireNonNull(onFetched, "onFetched");
        try {
            url = settings.jwksUrl().toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("jwksUrl is not a usable URL: " + settings.jwksUrl(), e);
        }
        outageToleranceMillis = settings.outageTolerance().toMillis();
        DefaultResourceRetriever retriever = new NoRedirectRetriever(
                (int) settings.connectTimeout().toMillis(),
                (int) settings.readTimeout().toMillis(),
                settings.sizeLimitBytes());
        JWKSetSource<SecurityContext> fetching = new RecordingSource(new URLBasedJWKSetSource<>(url, retriever));
        // A daemon thread of our own, so a background refresh never keeps a JVM alive.
        ExecutorService refresher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "userinfo-jwks-refresh");
            thread.setDaemon(true);
            return thread;
        });
        cached = JWKSourceBuilder.create(fetching)
                .cache(settings.cacheTimeToLive().toMillis(), settings.refreshWaitTimeout().toMillis(), RemoteKeySet::onCacheEvent)
                // Request-triggered rather than scheduled: a Lambda is frozen between requests anyway.
                .refreshAheadCache(settings.refreshAheadTime().toMillis(), RemoteKeySet::onCacheEvent, refresher, true, null, false)
                .rateLimited(settings.rateLimitInterval().toMillis(), RemoteKeySet::onRateLimited)
                .outageTolerant(outageToleranceMillis, RemoteKeySet::onOutage)
                .build();
    }

    /**
     * @throws KeySetRefusedException when no keys are at hand and the last fetch was answered 404 or 403
     * @throws KeySourceException      when no keys are at hand for any other reason (unreachable, 5xx, timeout)
     */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            return cached.get(selector, context);
        } catch (RateLimitReachedException e) {
            // Refused by the rate limit: either this kid was just looked for in a fresh key set
            // (a flood of unknown kids), or nothing could be fetched for a while. Answer from the
            // last key set fetched, within the same bound the outage tolerance uses, so an unknown
            // kid stays "unknown" and a known one keeps verifying; with none, the keys are unavailable.
            Fetched last = lastFetched;
            if (last == null || System.currentTimeMillis() - last.atMillis() > outageToleranceMillis) {
                throw refusedOr(e);
            }
            return selector.select(last.keys());
        } catch (KeySourceException e) {
            throw refusedOr(e);
        }
    }

    /** The refusal, if the last fetch was one: it stays the answer until a fetch gets something else. */
    private KeySourceException refusedOr(KeySourceException failure) {
        Integer status = lastRefusal;
        return status == null ? failure : new KeySetRefusedException(url, status, failure);
    }

    @Override
    public void close() throws IOException {
        if (cached instanceof Closeable closeable) {
            closeable.close();
        }
    }

    /** Sees every fetch that reaches the network: remembers the last good one and logs each. */
    private final class RecordingSource extends JWKSetSourceWrapper<SecurityContext> {

        RecordingSource(JWKSetSource<SecurityContext> source) {
            super(source);
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
                throws KeySourceException {
            long started = System.nanoTime();
            try {
                JWKSet keys = getSource().getJWKSet(evaluator, currentTime, context);
                onFetched.accept(keys);
                lastFetched = new Fetched(keys, System.currentTimeMillis());
                lastRefusal = null;
                log.info("key set fetched: keys={} latencyMs={}", keys.size(), (System.nanoTime() - started) / 1_000_000);
                return keys;
            } catch (KeySourceException e) {
                RefusedFetchException refused = refusal(e);
                lastRefusal = refused == null ? null : refused.status;
                if (refused != null) {
                    log.error(KeySetRefusedException.operatorMessage(url, refused.status));
                } else {
                    log.warn("key set fetch failed: {} latencyMs={}", e.toString(), (System.nanoTime() - started) / 1_000_000);
                }
                throw e;
            }
        }
    }

    /** The refused fetch behind a failure, if that is what it was. */
    private static RefusedFetchException refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RefusedFetchException refused) {
                return refused;
            }
        }
        return null;
    }

    /**
     * Keys come from the configured URL only: a redirect elsewhere is a failed fetch, not a new source.
     * A 404 or 403 comes out as a {@link RefusedFetchException}: the library reports every status
     * outside 2xx as a plain {@link IOException} whose text is all that says which, so the status is
     * read from the connection itself rather than parsed from a message.
     */
    private static final class NoRedirectRetriever extends DefaultResourceRetriever {

        /** The connection the current thread's fetch opened; a fetch runs on one thread from open to read. */
        private final ThreadLocal<HttpURLConnection> opened = new ThreadLocal<>();

        NoRedirectRetriever(int connectTimeoutMillis, int readTimeoutMillis, int sizeLimitBytes) {
            super(connectTimeoutMillis, readTimeoutMillis, sizeLimitBytes);
        }

        @Override
        protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
            HttpURLConnection connection = super.openHTTPConnection(url);
            connection.setInstanceFollowRedirects(false);
            opened.set(connection);
            return connection;
        }

        @Override
        public Resource retrieveResource(URL url) throws IOException {
            try {
                return super.retrieveResource(url);
            } catch (IOException e) {
                int status = answeredStatus(opened.get());
                if (REFUSALS.contains(status)) {
                    throw new RefusedFetchException(status, e);
                }
                throw e;
            } finally {
                opened.remove();
            }
        }

        /**
         * The status the server answered, or -1 when none was (refused, reset, timed out). After a
         * failed read the connection keeps what it got: asking again sends nothing and, where no
         * answer came, repeats the original failure at once.
         */
        private static int answeredStatus(HttpURLConnection connection) {
            if (connection == null) {
                return -1;
            }
            try {
                return connection.getResponseCode();
            } catch (IOException e) {
                return -1;
            }
        }
    }

    /** The key set URL answered 404 or 403. */
    private static final class RefusedFetchException extends IOException {

        private static final long serialVersionUID = 1L;

        private final int status;

        RefusedFetchException(int status, IOException cause) {
            super("HTTP " + status, cause);
            this.status = status;
        }
    }

    /**
     * No keys are at hand, and the key set URL answered the last fetch with 404 or 403: the URL names
     * no pool's keys, so the settings are wrong (the pool id, its region, or a key set URL override),
     * and no retry by a client will change that.
     */
    static final class KeySetRefusedException extends KeySourceException {

        private static final long serialVersionUID = 1L;

        KeySetRefusedException(URL url, int status, Throwable cause) {
            super(operatorMessage(url, status), cause);
        }

        /** What an operator reads: the URL (configuration, not a secret), the status, and which settings make it. */
        static String operatorMessage(URL url, int status) {
            return "the key set at " + url + " answered HTTP " + status + ", so no user pool's keys are there:"
                    + " check COGNITO_USER_POOL_ID (an AWS pool id starts with the pool's region, like"
                    + " eu-west-1_AbC123), and COGNITO_JWKS_URL if it is set";
        }
    }

    private static void onCacheEvent(Event<CachingJWKSetSource<SecurityContext>, SecurityContext> event) {
        if (log.isDebugEnabled()) {
            log.debug("key set cache: {}", event.getClass().getSimpleName());
        }
    }

    private static void onRateLimited(Event<RateLimitedJWKSetSource<SecurityContext>, SecurityContext> event) {
        log.debug("key set refetch refused by the rate limit");
    }

    private static void onOutage(Event<OutageTolerantJWKSetSource<SecurityContext>, SecurityContext> event) {
        if (event instanceof OutageTolerantJWKSetSource.OutageEvent<?> outage) {
            log.warn("key set endpoint unavailable, using the cached key set for up to {} s more",
                    outage.getRemainingTime() / 1000);
        }
    }
}
