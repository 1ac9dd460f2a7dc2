package dev.userinfo.adapter.cognito;

import static dev.userinfo.adapter.cognito.TestTokens.USERNAME;
import static dev.userinfo.adapter.cognito.TestTokens.b64;
import static dev.userinfo.adapter.cognito.TestTokens.idToken;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.MisconfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the parser gets its keys: only from the configured key set over real HTTP, refetched for a
 * new kid but never flooded, one fetch for many concurrent first requests, and an outage that
 * leaves a warm cache verifying and a cold one "unavailable" (never "invalid").
 */
class CognitoTokenParserKeySetTest {

    private static final RSAKey POOL_KEY = TestTokens.newRsaKey("pool-key-1");
    private static final RSAKey ROTATED_KEY = TestTokens.newRsaKey("pool-key-2");

    private JwksTestServer jwks;
    private final List<CognitoTokenParser> parsers = new ArrayList<>();

    @BeforeEach
    void start() {
        jwks = JwksTestServer.start().serve(new JWKSet(POOL_KEY.toPublicJWK()));
    }

    @AfterEach
    void stop() {
        parsers.forEach(CognitoTokenParser::close);
        jwks.close();
    }

    private CognitoTokenParser parser(TokenVerificationSettings settings) {
        CognitoTokenParser parser = new CognitoTokenParser(settings);
        parsers.add(parser);
        return parser;
    }

    private CognitoTokenParser parser() {
        return parser(TestTokens.settings(jwks.url()));
    }

    /** Settings whose cache expires within a test: 1.2 s life, 100 ms between fetches allowed. */
    private TokenVerificationSettings shortLivedCache() {
        return TestTokens.settings(jwks.url())
                .withHttpTimeouts(Duration.ofMillis(250), Duration.ofMillis(250))
                .withCaching(Duration.ofMillis(1200), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofHours(1));
    }

    private static String verifiedUsername(CognitoTokenParser parser, String token) {
        return parser.parse(new BearerToken(token)).username();
    }

    private static InvalidTokenReason rejection(CognitoTokenParser parser, String token) {
        return assertThrows(InvalidTokenException.class, () -> parser.parse(new BearerToken(token))).reason();
    }

    private static void assertUnavailable(CognitoTokenParser parser, String token) {
        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> parser.parse(new BearerToken(token)));
        assertEquals(DependencyUnavailableException.Dependency.KEY_SET, e.dependency());
    }

    // --- rotation and unknown kids ---

    @Test
    void newKidInTheKeySet_isAcceptedAfterExactlyOneRefetch() {
        CognitoTokenParser parser = parser();
        assertEquals(USERNAME, verifiedUsername(parser, idToken(POOL_KEY).compact()));
        assertEquals(1, jwks.requests());

        jwks.serve(new JWKSet(List.of(POOL_KEY.toPublicJWK(), ROTATED_KEY.toPublicJWK())));

        assertEquals(USERNAME, verifiedUsername(parser, idToken(ROTATED_KEY).compact()));
        assertEquals(2, jwks.requests());
        assertEquals(USERNAME, verifiedUsername(parser, idToken(ROTATED_KEY).compact()));
        assertEquals(USERNAME, verifiedUsername(parser, idToken(POOL_KEY).compact()));
        assertEquals(2, jwks.requests(), "a known kid must be served from the cache");
    }

    @Test
    void thousandRandomUnknownKids_causeAtMostTwoFetchesPerWindow_whileValidTokensKeepVerifying() {
        // A 60 s window is far longer than this test takes, so every fetch falls inside one window.
        CognitoTokenParser parser = parser(TestTokens.settings(jwks.url())
                .withCaching(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofSeconds(60), Duration.ofHours(1)));
        String valid = idToken(POOL_KEY).compact();
        assertEquals(USERNAME, verifiedUsername(parser, valid));
        // The signature is never looked at for an unknown kid, so one signed body serves every header.
        String[] signed = valid.split("\\.");

        for (int i = 0; i < 1000; i++) {
            String header = b64("{\"kid\":\"" + UUID.randomUUID() + "\",\"alg\":\"RS256\"}");
            assertEquals(InvalidTokenReason.UNKNOWN_KEY, rejection(parser, header + "." + signed[1] + "." + signed[2]));
            if (i % 10 == 0) {
                assertEquals(USERNAME, verifiedUsername(parser, valid));
            }
        }

        assertTrue(jwks.requests() <= 2, "fetches: " + jwks.requests());
    }

    /**
     * The rate-limited refetch path answers from the last key set fetched only within the outage
     * tolerance: with a 60 s rate limit and 200 ms tolerance, an unknown kid right after the fetches
     * is UNKNOWN_KEY, and once 200 ms have passed with no fetch allowed it is KEY_SET unavailable
     * (the keys can no longer be vouched for), while a kid already in the cache keeps verifying.
     */
    @Test
    void unknownKidPastTheOutageTolerance_onTheRateLimitedPath_isUnavailable() throws InterruptedException {
        CognitoTokenParser parser = parser(TestTokens.settings(jwks.url())
                .withCaching(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofSeconds(60), Duration.ofMillis(200)));
        String valid = idToken(POOL_KEY).compact();
        assertEquals(USERNAME, verifiedUsername(parser, valid));
        String[] signed = valid.split("\\.");

        // The second fetch of the window, then one the rate limit refuses: both within the tolerance.
        assertEquals(InvalidTokenReason.UNKNOWN_KEY, rejection(parser, withKid("unknown-1", signed)));
        assertEquals(InvalidTokenReason.UNKNOWN_KEY, rejection(parser, withKid("unknown-2", signed)));
        assertEquals(2, jwks.requests());

        Thread.sleep(300);

        assertUnavailable(parser, withKid("unknown-3", signed));
        assertEquals(USERNAME, verifiedUsername(parser, valid));
        assertEquals(2, jwks.requests(), "the rate limit allows no third fetch in the window");
    }

    /**
     * An RSA key the library parses but the JDK will not build (a 256-bit modulus, under the 512-bit
     * floor), under the token's kid: no key to verify with, so UNKNOWN_KEY, never a check against
     * a missing key. (With ACCP installed the key builds and the check answers BAD_SIGNATURE instead;
     * this test runs with the JDK's providers, which CryptoProvidersTest restores after itself.)
     */
    @Test
    void unusableRsaKeyUnderTheTokensKid_isUnknownKey() {
        String n = com.nimbusds.jose.util.Base64URL.encode(new java.math.BigInteger(1, new byte[32]).setBit(255).setBit(0)
                .toByteArray()).toString();
        jwks.answer(200, "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"pool-key-1\",\"alg\":\"RS256\",\"use\":\"sig\","
                + "\"n\":\"" + n + "\",\"e\":\"AQAB\"}]}");
        CognitoTokenParser parser = parser();

        assertEquals(InvalidTokenReason.UNKNOWN_KEY, rejection(parser, idToken(POOL_KEY).compact()));
    }

    private static String withKid(String kid, String[] signed) {
        return b64("{\"kid\":\"" + kid + "\",\"alg\":\"RS256\"}") + "." + signed[1] + "." + signed[2];
    }

    @Test
    void fiftyConcurrentFirstRequests_causeExactlyOneFetch() throws Exception {
        jwks.delay(Duration.ofMillis(300)); // keep the first fetch in flight while the others arrive
        CognitoTokenParser parser = parser();
        String token = idToken(POOL_KEY).compact();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return verifiedUsername(parser, token);
                }));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertEquals(USERNAME, result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, jwks.requests());
    }

    // --- outages ---

    /** Ways a key set endpoint can fail; each body (where it could be read) names only the rotated key. */
    enum Failure {
        HTTP_500 {
            @Override
            void apply(JwksTestServer server, JWKSet body) {
                server.answer(500, body.toString());
            }
        },
        GARBAGE {
            @Override
            void apply(JwksTestServer server, JWKSet body) {
                server.answer(200, "<html>502 Bad Gateway</html>");
            }
        },
        OVERSIZED_200_KIB {
            @Override
            void apply(JwksTestServer server, JWKSet body) {
                // A well-formed key set, blown up with whitespace: only the size cap refuses it.
                String json = body.toString();
                server.answer(200, json.substring(0, json.length() - 1) + " ".repeat(200 * 1024) + "}");
            }
        };

        abstract void apply(JwksTestServer server, JWKSet body);
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void failingKeySetWithAWarmCache_keepsVerifyingWithTheCachedKeys(Failure failure) throws InterruptedException {
        CognitoTokenParser parser = parser(shortLivedCache());
        String token = idToken(POOL_KEY).compact();
        assertEquals(USERNAME, verifiedUsername(parser, token));
        assertEquals(1, jwks.requests());

        // Were a failed answer ever taken as the new key set, POOL_KEY would be gone from it.
        failure.apply(jwks, new JWKSet(ROTATED_KEY.toPublicJWK()));
        Thread.sleep(1400); // past the cache's time to live

        try (LoggedLines logged = LoggedLines.capture()) {
            assertEquals(USERNAME, verifiedUsername(parser, token));
            assertTrue(jwks.requests() >= 2, "the expired cache should have tried a refetch");
            // The operator is told the cached set stands in, and for how long at most (1 h tolerance).
            Matcher warning = Pattern.compile("WARN dev\\.userinfo\\.adapter\\.cognito\\.RemoteKeySet - key set endpoint "
                    + "unavailable, using the cached key set for up to (\\d+) s more").matcher(logged.text());
            assertTrue(warning.find(), logged.text());
            long seconds = Long.parseLong(warning.group(1));
            assertTrue(seconds > 3590 && seconds <= 3600, "remaining tolerance " + seconds + " s");
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void failingKeySetWithAColdCache_isUnavailableNotInvalid(Failure failure) {
        // The body (where readable) holds the right key: only the failure itself may stop it.
        failure.apply(jwks, new JWKSet(POOL_KEY.toPublicJWK()));
        CognitoTokenParser parser = parser(shortLivedCache());
        String token = idToken(POOL_KEY).compact();

        // Again and again: past the rate limit too, a cold cache is unavailable, not an unknown key.
        for (int i = 0; i < 4; i++) {
            assertUnavailable(parser, token);
        }
    }

    // --- a key set URL that names no pool: the settings are wrong, not the network ---

    @ParameterizedTest
    @ValueSource(ints = {404, 403})
    void keySetAnsweringNotFoundOrForbidden_isAMisconfiguration_neverUnavailable(int status) {
        jwks.answer(status, "{\"message\":\"User pool eu-west-1_TestPool1 does not exist.\"}");
        CognitoTokenParser parser = parser(shortLivedCache());
        String token = idToken(POOL_KEY).compact();

        // Again and again, past the rate limit too: a retry would not help, so no 503 ever says it might.
        for (int i = 0; i < 4; i++) {
            MisconfigurationException e = assertThrows(MisconfigurationException.class,
                    () -> parser.parse(new BearerToken(token)));
            assertTrue(e.getMessage().contains(jwks.url().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
            assertTrue(e.getMessage().contains("COGNITO_USER_POOL_ID"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 403})
    void prefetchKeys_whenTheKeySetAnswersNotFoundOrForbidden_throwsMisconfiguration(int status) {
        jwks.answer(status, "");
        CognitoTokenParser parser = parser();

        MisconfigurationException e = assertThrows(MisconfigurationException.class, parser::prefetchKeys);
        assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 429, 500, 502, 503, 504})
    void keySetAnsweringAnyOtherError_staysUnavailable(int status) {
        jwks.answer(status, "");
        CognitoTokenParser parser = parser(shortLivedCache());

        for (int i = 0; i < 3; i++) {
            assertUnavailable(parser, idToken(POOL_KEY).compact());
        }
    }

    @Test
    void keySetThatAnswered404_andThenTheKeys_verifiesOnceItAnswers() throws InterruptedException {
        jwks.answer(404, "");
        CognitoTokenParser parser = parser(shortLivedCache());
        String token = idToken(POOL_KEY).compact();
        assertThrows(MisconfigurationException.class, () -> parser.parse(new BearerToken(token)));

        jwks.serve(new JWKSet(POOL_KEY.toPublicJWK()));
        Thread.sleep(150); // past the 100 ms rate-limit interval

        assertEquals(USERNAME, verifiedUsername(parser, token));
    }

    @Test
    void keySetThatAnswered404_thenIsUnreachable_isUnavailableAgain() throws InterruptedException {
        jwks.answer(404, "");
        CognitoTokenParser parser = parser(shortLivedCache());
        String token = idToken(POOL_KEY).compact();
        assertThrows(MisconfigurationException.class, () -> parser.parse(new BearerToken(token)));

        jwks.answer(503, "");
        Thread.sleep(150);

        assertUnavailable(parser, token);
    }

    @Test
    void keySetAnswering404_withAWarmCache_keepsVerifyingWithTheCachedKeys() throws InterruptedException {
        CognitoTokenParser parser = parser(shortLivedCache());
        String token = idToken(POOL_KEY).compact();
        assertEquals(USERNAME, verifiedUsername(parser, token));

        jwks.answer(404, "");
        Thread.sleep(1400); // past the cache's time to live

        assertEquals(USERNAME, verifiedUsername(parser, token));
        assertTrue(jwks.requests() >= 2, "the expired cache should have tried a refetch");
    }

    @Test
    void keySetRecoveringAfterAColdOutage_verifiesOnceItAnswers() throws InterruptedException {
        jwks.answer(503, "");
        CognitoTokenParser parser = parser(shortLivedCache());
        String token = idToken(POOL_KEY).compact();
        assertUnavailable(parser, token);

        jwks.serve(new JWKSet(POOL_KEY.toPublicJWK()));
        Thread.sleep(150); // past the 100 ms rate-limit interval

        assertEquals(USERNAME, verifiedUsername(parser, token));
    }

    @Test
    void keySetSlowerThanTheReadTimeout_isUnavailable() {
        jwks.delay(Duration.ofSeconds(3));
        CognitoTokenParser parser = parser(shortLivedCache());

        // Without the read timeout the answer would come after 3 s, holding the right key, and verify.
        assertUnavailable(parser, idToken(POOL_KEY).compact());
    }

    @Test
    void keySetRedirectingElsewhere_isNotFollowed() {
        try (JwksTestServer attacker = JwksTestServer.start().serve(new JWKSet(POOL_KEY.toPublicJWK()))) {
            jwks.redirectTo(attacker.url());
            CognitoTokenParser parser = parser(shortLivedCache());

            assertUnavailable(parser, idToken(POOL_KEY).compact());
            assertEquals(0, attacker.requests(), "the redirect target was fetched");
        }
    }

    // --- close ---

    /** The key set's refresh thread, one per parser, made when a refresh-ahead first runs. */
    private static Set<Thread> refreshThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("userinfo-jwks-refresh"))
                .collect(Collectors.toSet());
    }

    private static Thread awaitNewRefreshThread(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Set<Thread> now = refreshThreads();
            now.removeAll(before);
            if (!now.isEmpty()) {
                return now.iterator().next();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no refresh-ahead thread was started");
    }

    /**
     * A refresh-ahead window of 2.3 s of a 3 s life: a key lookup 0.8 s after the first fetch starts a
     * background refetch on the key set's own thread.
     */
    private TokenVerificationSettings refreshAheadSoon() {
        return TestTokens.settings(jwks.url())
                .withHttpTimeouts(Duration.ofMillis(100), Duration.ofMillis(100))
                .withCaching(Duration.ofSeconds(3), Duration.ofMillis(2300), Duration.ofMillis(100), Duration.ofHours(1));
    }

    /** Another token each time, so the verified-token cache never answers it without a key lookup. */
    private static String freshToken() {
        return idToken(POOL_KEY).claim("jti", UUID.randomUUID().toString()).compact();
    }

    @Test
    void close_stopsTheKeySetsRefreshThread_whichIsADaemon() throws Exception {
        Set<Thread> before = refreshThreads();
        CognitoTokenParser parser = new CognitoTokenParser(refreshAheadSoon());
        assertEquals(USERNAME, verifiedUsername(parser, freshToken()));
        Thread.sleep(800);
        assertEquals(USERNAME, verifiedUsername(parser, freshToken()));
        Thread refresher = awaitNewRefreshThread(before);
        assertTrue(refresher.isDaemon(), "a background refresh must never keep a JVM from exiting");

        parser.close();

        refresher.join(5_000);
        assertFalse(refresher.isAlive(), "close() stops the key set's refresh thread");
    }

    @Test
    void close_ofAParserOnKeysThatCannotBeClosed_doesNothing() {
        JWKSource<SecurityContext> inMemory = (selector, context) -> selector.select(new JWKSet(POOL_KEY.toPublicJWK()));
        CognitoTokenParser parser = new CognitoTokenParser(TestTokens.settings(jwks.url()), inMemory);
        assertEquals(USERNAME, verifiedUsername(parser, freshToken()));

        assertDoesNotThrow(parser::close);
    }

    @Test
    void aParserNarrowedToIdTokens_verifiesInFull_andClosingItLeavesTheSharedKeySetRunning() throws Exception {
        Set<Thread> before = refreshThreads();
        CognitoTokenParser owner = parser(refreshAheadSoon());
        CognitoTokenParser idTokens = owner.forIdTokensOf(TestTokens.CLIENT_ID);
        String token = freshToken();
        assertEquals(USERNAME, idTokens.parse(new BearerToken(token)).username());
        assertEquals(USERNAME, idTokens.parse(new BearerToken(token)).username());
        assertEquals(1, jwks.requests(), "the narrowed parser uses the owner's key set");
        Thread.sleep(800);
        assertEquals(USERNAME, verifiedUsername(owner, freshToken()));
        Thread refresher = awaitNewRefreshThread(before);

        idTokens.close();

        refresher.join(300);
        assertTrue(refresher.isAlive(), "closing the narrowed parser must leave the owner's key set alone");
        assertEquals(USERNAME, verifiedUsername(owner, freshToken()));
    }

    // --- prefetch ---

    @Test
    void prefetchKeys_loadsTheKeySetBeforeTheFirstRequest() {
        CognitoTokenParser parser = parser();
        try (LoggedLines logged = LoggedLines.capture()) {
            parser.prefetchKeys();
            assertEquals(1, jwks.requests());
            assertFalse(logged.text().contains("holds no keys"), logged.text());
        }

        assertEquals(USERNAME, verifiedUsername(parser, idToken(POOL_KEY).compact()));
        assertEquals(1, jwks.requests());
    }

    /** A pool always has keys: an empty set at start-up means every token will fail, and the log says so. */
    @Test
    void prefetchKeys_ofAnEmptyKeySet_warnsThatEveryTokenWillBeRejected() {
        jwks.answer(200, "{\"keys\":[]}");
        CognitoTokenParser parser = parser();

        try (LoggedLines logged = LoggedLines.capture()) {
            parser.prefetchKeys();
            assertTrue(logged.text().contains("WARN dev.userinfo.adapter.cognito.CognitoTokenParser - key set prefetched "
                    + "but it holds no keys: every token will be rejected"), logged.text());
        }
    }

    @Test
    void prefetchKeys_whenTheKeySetCannotBeFetched_throwsUnavailable() {
        jwks.answer(500, "");
        CognitoTokenParser parser = parser();

        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class, parser::prefetchKeys);
        assertEquals(DependencyUnavailableException.Dependency.KEY_SET, e.dependency());
    }

    // --- checks that need no keys never fetch any ---

    @Test
    void tokensRejectedByThePreChecks_neverCauseAFetch() {
        CognitoTokenParser parser = parser();
        String valid = idToken(POOL_KEY).compact();
        String[] parts = valid.split("\\.");

        assertEquals(InvalidTokenReason.TOO_LARGE, rejection(parser, valid + "A".repeat(CognitoTokenParser.MAX_TOKEN_CHARS)));
        assertEquals(InvalidTokenReason.MALFORMED, rejection(parser, parts[0] + "." + parts[1]));
        assertEquals(InvalidTokenReason.DISALLOWED_ALGORITHM, rejection(parser, idToken(POOL_KEY).header("alg", "none").compact()));
        assertEquals(InvalidTokenReason.DISALLOWED_HEADER,
                rejection(parser, idToken(POOL_KEY).header("jku", "http://127.0.0.1:9/keys").compact()));
        assertEquals(InvalidTokenReason.MISSING_KEY_ID, rejection(parser, idToken(POOL_KEY).withoutHeader("kid").compact()));
        assertEquals(InvalidTokenReason.WRONG_TOKEN_USE, rejection(parser, idToken(POOL_KEY).claim("token_use", "refresh").compact()));

        assertEquals(0, jwks.requests());
    }
}
