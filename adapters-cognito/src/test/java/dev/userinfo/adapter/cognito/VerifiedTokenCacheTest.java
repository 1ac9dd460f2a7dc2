package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache on clocks the test moves: each bound on an entry's life (the token's
 * {@code exp} on the wall clock, {@code exp} and the TTL on the cache's ticker), the key set sweep,
 * the generation check, the size bound, and the digest as key.
 */
class VerifiedTokenCacheTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final RSAKey KEY_1 = TestTokens.newRsaKey("kid-1");
    private static final RSAKey KEY_2 = TestTokens.newRsaKey("kid-2");
    private static final RSAKey KEY_1_REPLACED = TestTokens.newRsaKey("kid-1");

    private final FakeTicker ticker = new FakeTicker();
    private final MutableClock clock = new MutableClock();
    private final VerifiedTokenCache cache = VerifiedTokenCache.of(TTL, 100, ticker, clock);

    private VerifiedIdentity identityExpiringIn(Duration life) {
        return new VerifiedIdentity("alice", "sub-1", TokenUse.ID, "client", null, List.of(), clock.instant().plus(life));
    }

    private VerifiedTokenCache.TokenDigest cached(String token, Duration life, String kid) {
        VerifiedTokenCache.TokenDigest digest = VerifiedTokenCache.digest(token);
        cache.put(digest, identityExpiringIn(life), kid, cache.generation());
        return digest;
    }

    @Test
    void aVerifiedToken_isAnsweredFromTheCache_asTheSameIdentity() {
        VerifiedIdentity identity = identityExpiringIn(Duration.ofHours(1));
        VerifiedTokenCache.TokenDigest digest = VerifiedTokenCache.digest("token-a");
        cache.put(digest, identity, "kid-1", cache.generation());

        assertSame(identity, cache.get(VerifiedTokenCache.digest("token-a")));
    }

    @Test
    void anUnknownToken_isAMiss() {
        cached("token-a", Duration.ofHours(1), "kid-1");

        assertNull(cache.get(VerifiedTokenCache.digest("token-b")));
    }

    @Test
    void theDigest_isTheSha256OfTheExactBytes_soOneChangedCharacterIsAnotherKey() {
        assertEquals(VerifiedTokenCache.digest("eyJhbGciOi.x.y"), VerifiedTokenCache.digest("eyJhbGciOi.x.y"));
        assertNotEquals(VerifiedTokenCache.digest("eyJhbGciOi.x.y"), VerifiedTokenCache.digest("eyJhbGciOi.x.z"));
        // SHA-256("abc"), FIPS 180-2 appendix B.1: ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
        assertEquals(new VerifiedTokenCache.TokenDigest(0xba7816bf8f01cfeaL, 0x414140de5dae2223L, 0xb00361a396177a9cL,
                0xb410ff61f20015adL), VerifiedTokenCache.digest("abc"));
    }

    // --- lifetime ---

    @Test
    void anEntry_isAHitUntilTheTokensExpOnTheWallClock_andAMissFromThatInstant() {
        VerifiedTokenCache.TokenDigest digest = cached("token-a", Duration.ofSeconds(30), "kid-1");

        clock.advance(Duration.ofSeconds(30).minusNanos(1));
        assertTrue(cache.get(digest) != null, "a nanosecond before exp");
        clock.advance(Duration.ofNanos(1));
        assertNull(cache.get(digest), "at exp, although the cache's own ticker has not moved");
    }

    @Test
    void anEntry_livesNoLongerThanItsTokensExp_onTheCachesTicker() {
        VerifiedTokenCache.TokenDigest digest = cached("token-a", Duration.ofSeconds(30), "kid-1");

        ticker.advance(Duration.ofSeconds(29));
        assertTrue(cache.get(digest) != null);
        ticker.advance(Duration.ofSeconds(1));
        assertNull(cache.get(digest), "the entry's life is exp - now, shorter than the TTL");
    }

    @Test
    void anEntry_livesNoLongerThanTheTtl_whenTheTokenLivesLonger() {
        VerifiedTokenCache.TokenDigest digest = cached("token-a", Duration.ofHours(1), "kid-1");

        ticker.advance(TTL.minusSeconds(1));
        assertTrue(cache.get(digest) != null);
        ticker.advance(Duration.ofSeconds(1));
        assertNull(cache.get(digest));
    }

    @Test
    void aTokenAtOrPastItsExp_isNotCached() {
        VerifiedTokenCache.TokenDigest atExp = cached("token-a", Duration.ZERO, "kid-1");
        VerifiedTokenCache.TokenDigest pastExp = cached("token-b", Duration.ofSeconds(-5), "kid-1");

        assertEquals(0, cache.estimatedSize());
        assertNull(cache.get(atExp));
        assertNull(cache.get(pastExp));
    }

    // --- the key set ---

    @Test
    void aKeySetFetch_dropsTheEntriesOfAKidItNoLongerHolds_andKeepsTheOthers() {
        cache.keySetFetched(new JWKSet(List.of(KEY_1.toPublicJWK(), KEY_2.toPublicJWK())));
        VerifiedTokenCache.TokenDigest one = cached("token-1", Duration.ofHours(1), "kid-1");
        VerifiedTokenCache.TokenDigest two = cached("token-2", Duration.ofHours(1), "kid-2");

        cache.keySetFetched(new JWKSet(KEY_2.toPublicJWK()));

        assertNull(cache.get(one), "kid-1 left the key set");
        assertTrue(cache.get(two) != null, "kid-2 is still there, unchanged");
    }

    @Test
    void aKeyWithoutKid_inAFetchedSet_isPassedOver_andTheOthersStillCount() throws Exception {
        com.nimbusds.jose.jwk.RSAKey noKid = new com.nimbusds.jose.jwk.RSAKey.Builder(KEY_2.toRSAPublicKey()).build();
        cache.keySetFetched(new JWKSet(KEY_1.toPublicJWK()));
        VerifiedTokenCache.TokenDigest one = cached("token-1", Duration.ofHours(1), "kid-1");

        cache.keySetFetched(new JWKSet(List.of(noKid, KEY_1.toPublicJWK())));

        assertTrue(cache.get(one) != null, "kid-1 is still in the set; a kid-less key beside it changes nothing");
    }

    @Test
    void aKeySetFetch_dropsTheEntriesOfAKidWhoseKeyMaterialChanged() {
        cache.keySetFetched(new JWKSet(KEY_1.toPublicJWK()));
        VerifiedTokenCache.TokenDigest one = cached("token-1", Duration.ofHours(1), "kid-1");

        cache.keySetFetched(new JWKSet(KEY_1_REPLACED.toPublicJWK()));

        assertNull(cache.get(one), "same kid, other key: what it verified was not verified by the key now published");
    }

    @Test
    void theFirstKeySetFetch_keepsTheEntriesOfTheKidsItHolds() {
        VerifiedTokenCache.TokenDigest one = cached("token-1", Duration.ofHours(1), "kid-1");
        VerifiedTokenCache.TokenDigest two = cached("token-2", Duration.ofHours(1), "kid-2");

        cache.keySetFetched(new JWKSet(KEY_1.toPublicJWK()));

        assertTrue(cache.get(one) != null);
        assertNull(cache.get(two));
    }

    @Test
    void aVerificationDuringWhichAKeySetWasFetched_isNotCached() {
        long startedAt = cache.generation();
        cache.keySetFetched(new JWKSet(KEY_1.toPublicJWK()));
        VerifiedTokenCache.TokenDigest digest = VerifiedTokenCache.digest("token-1");

        cache.put(digest, identityExpiringIn(Duration.ofHours(1)), "kid-1", startedAt);

        assertNull(cache.get(digest));
        assertEquals(startedAt + 1, cache.generation(), "each fetch moves the generation on");
    }

    // --- bounds and settings ---

    @Test
    void theCache_holdsAtMostItsMaximumSize() {
        VerifiedTokenCache small = VerifiedTokenCache.of(TTL, 2, ticker, clock);
        for (int i = 0; i < 50; i++) {
            small.put(VerifiedTokenCache.digest("token-" + i), identityExpiringIn(Duration.ofHours(1)), "kid-1", small.generation());
        }
        small.cleanUp();

        assertEquals(2, small.estimatedSize());
    }

    @Test
    void invalidateAll_emptiesTheCache() {
        VerifiedTokenCache.TokenDigest digest = cached("token-a", Duration.ofHours(1), "kid-1");

        cache.invalidateAll();

        assertNull(cache.get(digest));
    }

    @Test
    void settingsOutOfRange_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> VerifiedTokenCache.of(Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> VerifiedTokenCache.of(Duration.ofSeconds(-1), 10));
        assertThrows(IllegalArgumentException.class, () -> VerifiedTokenCache.of(Duration.ofSeconds(1), 0));
        assertEquals(0, VerifiedTokenCache.of(Duration.ofNanos(1), 1).estimatedSize());
    }
}
