package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.domain.TokenUse;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerificationSettingsTest {

    private static final String ISSUER = TestTokens.ISSUER;
    private static final URI JWKS = URI.create(ISSUER + "/.well-known/jwks.json");

    private static TokenVerificationSettings valid() {
        return TokenVerificationSettings.of(ISSUER, JWKS, Set.of("client"), Set.of(TokenUse.ID, TokenUse.ACCESS));
    }

    @Test
    void of_fillsTheProductionDefaults() {
        TokenVerificationSettings settings = valid();

        assertEquals(Duration.ofSeconds(60), settings.clockSkew());
        assertEquals(Duration.ofSeconds(2), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(2), settings.readTimeout());
        assertEquals(50 * 1024, settings.sizeLimitBytes());
        assertTrue(settings.rateLimitInterval().compareTo(settings.cacheTimeToLive()) < 0);
        assertTrue(settings.outageTolerance().compareTo(settings.cacheTimeToLive()) > 0);
    }

    @Test
    void clientIdsAndTokenUses_areCopiedSoLaterChangesDoNotLeakIn() {
        Set<String> clients = new HashSet<>(Set.of("client"));
        TokenVerificationSettings settings =
                TokenVerificationSettings.of(ISSUER, JWKS, clients, Set.of(TokenUse.ID));
        clients.add("intruder");

        assertEquals(Set.of("client"), settings.clientIds());
        assertThrows(UnsupportedOperationException.class, () -> settings.clientIds().add("x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " https://cognito-idp.eu-west-1.amazonaws.com/pool"})
    void blankOrPaddedIssuer_isRefused(String issuer) {
        assertThrows(IllegalArgumentException.class,
                () -> TokenVerificationSettings.of(issuer, JWKS, Set.of("client"), Set.of(TokenUse.ID)));
    }

    @Test
    void noIssuerOrABlankOneAmongSeveral_isRefused_andTheSetIsCopied() {
        assertThrows(IllegalArgumentException.class,
                () -> TokenVerificationSettings.of(Set.of(), JWKS, Set.of("client"), Set.of(TokenUse.ID)));
        assertThrows(IllegalArgumentException.class,
                () -> TokenVerificationSettings.of(Set.of(ISSUER, " "), JWKS, Set.of("client"), Set.of(TokenUse.ID)));
        Set<String> issuers = new HashSet<>(Set.of(ISSUER));
        TokenVerificationSettings settings = TokenVerificationSettings.of(issuers, JWKS, Set.of("client"), Set.of(TokenUse.ID));
        issuers.add("https://intruder.example");

        assertEquals(Set.of(ISSUER), settings.issuers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/jwks.json", "ftp://example.com/jwks.json", "/relative/jwks.json", "jar:file:/x.jar!/jwks.json"})
    void jwksUrlThatIsNotHttp_isRefused(String url) {
        assertThrows(IllegalArgumentException.class,
                () -> TokenVerificationSettings.of(ISSUER, URI.create(url), Set.of("client"), Set.of(TokenUse.ID)));
    }

    @Test
    void nullIssuerOrClientId_isRefusedAsBlank_notANullPointer() {
        Set<String> withNull = new HashSet<>(java.util.Arrays.asList(ISSUER, null));
        assertRefusedNaming("an issuer", () -> TokenVerificationSettings.of(withNull, JWKS, Set.of("client"), Set.of(TokenUse.ID)));
        Set<String> clientsWithNull = new HashSet<>(java.util.Arrays.asList("client", null));
        assertRefusedNaming("a client id", () -> TokenVerificationSettings.of(ISSUER, JWKS, clientsWithNull, Set.of(TokenUse.ID)));
    }

    @Test
    void noClientsOrNoTokenUses_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> TokenVerificationSettings.of(ISSUER, JWKS, Set.of(), Set.of(TokenUse.ID)));
        assertThrows(IllegalArgumentException.class,
                () -> TokenVerificationSettings.of(ISSUER, JWKS, Set.of(" "), Set.of(TokenUse.ID)));
        assertThrows(IllegalArgumentException.class,
                () -> TokenVerificationSettings.of(ISSUER, JWKS, Set.of("client"), Set.of()));
    }

    @Test
    void clockSkewThatIsNegativeTooLargeOrFractional_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> valid().withClockSkew(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> valid().withClockSkew(Duration.ofMinutes(6)));
        assertThrows(IllegalArgumentException.class, () -> valid().withClockSkew(Duration.ofMillis(1500)));
        assertEquals(Duration.ZERO, valid().withClockSkew(Duration.ZERO).clockSkew());
    }

    @Test
    void fetchKnobsThatTheCacheCannotHonour_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> valid().withHttpTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> valid().withSizeLimitBytes(0));
        // The rate-limit interval must be shorter than the cache life, or the library refuses to build.
        assertThrows(IllegalArgumentException.class, () -> valid().withCaching(
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1)));
        // Refresh-ahead plus the time to wait for a fetch must fit inside the cache life.
        assertThrows(IllegalArgumentException.class, () -> valid().withCaching(
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    /**
     * Each knob that would switch a protection off, alone, against otherwise valid settings: refused
     * at start-up with the knob's name, rather than taken as "no timeout", "no rate limit", "no
     * refresh-ahead" or "no outage tolerance".
     */
    @Test
    void zeroReadTimeout_isRefusedNamingIt() {
        assertRefusedNaming("readTimeout", () -> valid().withHttpTimeouts(Duration.ofSeconds(1), Duration.ZERO));
        assertRefusedNaming("readTimeout", () -> valid().withHttpTimeouts(Duration.ofSeconds(1), Duration.ofMillis(-1)));
    }

    @Test
    void zeroConnectTimeout_isRefusedNamingIt() {
        assertRefusedNaming("connectTimeout", () -> valid().withHttpTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
    }

    @Test
    void zeroRateLimitInterval_isRefusedNamingIt() {
        assertRefusedNaming("rateLimitInterval", () -> valid().withCaching(
                Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(2)));
    }

    @Test
    void zeroRefreshAheadTime_isRefusedNamingIt() {
        assertRefusedNaming("refreshAheadTime", () -> valid().withCaching(
                Duration.ofMinutes(15), Duration.ZERO, Duration.ofSeconds(30), Duration.ofHours(2)));
    }

    @Test
    void zeroOutageTolerance_isRefusedNamingIt() {
        assertRefusedNaming("outageTolerance", () -> valid().withCaching(
                Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ZERO));
    }

    @Test
    void zeroCacheTimeToLive_isRefusedNamingIt() {
        assertRefusedNaming("cacheTimeToLive", () -> valid().withCaching(
                Duration.ZERO, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofHours(2)));
    }

    /** The library takes milliseconds as an int: one more than Integer.MAX_VALUE would wrap to a negative. */
    @Test
    void durationBeyondIntegerMaxValueMillis_isRefused_andExactlyTheMaximumIsAccepted() {
        Duration max = Duration.ofMillis(Integer.MAX_VALUE);
        Duration overMax = max.plusMillis(1);

        assertRefusedNaming("outageTolerance", () -> valid().withCaching(
                Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofSeconds(30), overMax));
        assertRefusedNaming("cacheTimeToLive", () -> valid().withCaching(
                overMax, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofHours(2)));
        assertEquals(max, valid().withCaching(
                Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofSeconds(30), max).outageTolerance());
        assertEquals(Duration.ofMillis(1), valid().withCaching(
                Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMillis(1)).outageTolerance());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:///jwks.json", "http:/jwks.json", "https:jwks.json"})
    void jwksUrlWithoutAHost_isRefused(String url) {
        assertRefusedNaming("jwksUrl", () -> TokenVerificationSettings.of(
                ISSUER, URI.create(url), Set.of("client"), Set.of(TokenUse.ID)));
    }

    @Test
    void jwksUrlSchemeInUpperCase_isAccepted() {
        URI upper = URI.create("HTTPS://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json");
        assertEquals(upper, TokenVerificationSettings.of(ISSUER, upper, Set.of("client"), Set.of(TokenUse.ID)).jwksUrl());
        URI plain = URI.create("http://127.0.0.1:9229/pool/.well-known/jwks.json");
        assertEquals(plain, TokenVerificationSettings.of(ISSUER, plain, Set.of("client"), Set.of(TokenUse.ID)).jwksUrl());
    }

    @Test
    void clockSkewOfExactlyTheMaximum_isAccepted() {
        assertEquals(Duration.ofMinutes(5), valid().withClockSkew(Duration.ofMinutes(5)).clockSkew());
        assertRefusedNaming("clockSkew", () -> valid().withClockSkew(Duration.ofMinutes(5).plusSeconds(1)));
    }

    @Test
    void sizeLimitOfOneByte_isAccepted_andZeroOrLessRefused() {
        assertEquals(1, valid().withSizeLimitBytes(1).sizeLimitBytes());
        assertRefusedNaming("sizeLimitBytes", () -> valid().withSizeLimitBytes(0));
        assertRefusedNaming("sizeLimitBytes", () -> valid().withSizeLimitBytes(-1));
    }

    /** The library's two preconditions, each exactly at its edge. */
    @Test
    void cachingPreconditions_atTheirEdges() {
        // rateLimitInterval must be strictly shorter than cacheTimeToLive.
        assertRefusedNaming("rateLimitInterval", () -> valid().withCaching(
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1)));
        assertEquals(Duration.ofMillis(29_999), valid().withCaching(
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(29_999), Duration.ofHours(1)).rateLimitInterval());
        // refreshAheadTime + connectTimeout + readTimeout + 0.5 s may equal cacheTimeToLive, not exceed it.
        TokenVerificationSettings timeouts = valid().withHttpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertEquals(Duration.ofMillis(4500), timeouts.withCaching(
                Duration.ofMillis(4500), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(1)).cacheTimeToLive());
        assertRefusedNaming("refreshAheadTime", () -> timeouts.withCaching(
                Duration.ofMillis(4499), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    @Test
    void refreshWaitTimeout_isBothTimeoutsPlusHalfASecond() {
        assertEquals(Duration.ofMillis(1800), valid()
                .withHttpTimeouts(Duration.ofMillis(300), Duration.ofMillis(1000)).refreshWaitTimeout());
    }

    private static void assertRefusedNaming(String knob, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().startsWith(knob), e.getMessage());
    }

    @Test
    void everyAcceptedCombination_buildsAParser() {
        TokenVerificationSettings tight = valid()
                .withHttpTimeouts(Duration.ofMillis(100), Duration.ofMillis(100))
                .withCaching(Duration.ofMillis(701), Duration.ofMillis(1), Duration.ofMillis(700), Duration.ofMillis(1));
        // The boundary values the settings accept are ones the library accepts too.
        assertDoesNotThrow(() -> new CognitoTokenParser(tight).close());
    }
}
