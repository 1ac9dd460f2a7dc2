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

    @Test
    void everyAcceptedCombination_buildsAParser() {
        TokenVerificationSettings tight = valid()
                .withHttpTimeouts(Duration.ofMillis(100), Duration.ofMillis(100))
                .withCaching(Duration.ofMillis(701), Duration.ofMillis(1), Duration.ofMillis(700), Duration.ofMillis(1));
        // The boundary values the settings accept are ones the library accepts too.
        assertDoesNotThrow(() -> new CognitoTokenParser(tight).close());
    }
}
