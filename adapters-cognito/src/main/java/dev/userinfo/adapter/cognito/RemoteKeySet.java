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
import com.nimbusds.jose.util.events.Event;
import java.io.Closeable;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's public keys, fetched from the configured JWKS URL only: cached with refresh-ahead,
 * refetched at most twice per rate-limit interval (so a flood of unknown {@code kid}s cannot turn
 * into a flood of fetches), concurrent refetches collapsed into one, and a key set that can no
 * longer be refetched kept in use for the outage tolerance. Built once per JVM.
 */
final class RemoteKeySet implements JWKSource<SecurityContext>, Closeable {

    private static final Logger log = LoggerFactory.getLogger(RemoteKeySet.class);

    private final JWKSource<SecurityContext> cached;
    private final long outageToleranceMillis;
    private volatile Fetched lastFetched;

    private record Fetched(JWKSet keys, long atMillis) {}

    RemoteKeySet(TokenVerificationSettings settings) {
        URL url;
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
                throw e;
            }
            return selector.select(last.keys());
        }
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
                lastFetched = new Fetched(keys, System.currentTimeMillis());
                log.info("key set fetched: keys={} latencyMs={}", keys.size(), (System.nanoTime() - started) / 1_000_000);
                return keys;
            } catch (KeySourceException e) {
                log.warn("key set fetch failed: {} latencyMs={}", e.toString(), (System.nanoTime() - started) / 1_000_000);
                throw e;
            }
        }
    }

    /** Keys come from the configured URL only: a redirect elsewhere is a failed fetch, not a new source. */
    private static final class NoRedirectRetriever extends DefaultResourceRetriever {

        NoRedirectRetriever(int connectTimeoutMillis, int readTimeoutMillis, int sizeLimitBytes) {
            super(connectTimeoutMillis, readTimeoutMillis, sizeLimitBytes);
        }

        @Override
        protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
            HttpURLConnection connection = super.openHTTPConnection(url);
            connection.setInstanceFollowRedirects(false);
            return connection;
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
