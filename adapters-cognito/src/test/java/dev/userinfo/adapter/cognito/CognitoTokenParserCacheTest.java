package dev.userinfo.adapter.cognito;

import static dev.userinfo.adapter.cognito.TestTokens.SUB;
import static dev.userinfo.adapter.cognito.TestTokens.USERNAME;
import static dev.userinfo.adapter.cognito.TestTokens.idToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parser with its verified-token cache warm: a repeated token is not verified again, and still
 * an expired token, a token whose key left the key set (or whose kid now names other key material),
 * and a tampered token are rejected; a rejection is never remembered.
 */
class CognitoTokenParserCacheTest {

    private static final RSAKey POOL_KEY = TestTokens.newRsaKey("pool-key-1");
    private static final RSAKey ROTATED_KEY = TestTokens.newRsaKey("pool-key-2");
    /** Another key published under the first key's kid. */
    private static final RSAKey REPLACED_KEY = TestTokens.newRsaKey("pool-key-1");

    private JwksTestServer jwks;
    private CognitoTokenParser parser;

    @BeforeEach
    void start() {
        jwks = JwksTestServer.start().serve(new JWKSet(POOL_KEY.toPublicJWK()));
        // No clock leeway, so exp and nbf take effect within a test's seconds.
        parser = new CognitoTokenParser(TestTokens.settings(jwks.url()).withClockSkew(Duration.ZERO));
    }

    @AfterEach
    void stop() {
        parser.close();
        jwks.close();
    }

    private VerifiedIdentity parse(String token) {
        return parser.parse(new BearerToken(token));
    }

    private InvalidTokenReason rejection(String token) {
        return assertThrows(InvalidTokenException.class, () -> parse(token)).reason();
    }

    @Test
    void aRepeatedToken_isAnsweredWithoutVerifyingItAgain() {
        AtomicInteger keyLookups = new AtomicInteger();
        JWKSource<SecurityContext> keys = (JWKSelector selector, SecurityContext context) -> {
            keyLookups.incrementAndGet();
            return selector.select(new JWKSet(POOL_KEY.toPublicJWK()));
        };
        CognitoTokenParser inMemory = new CognitoTokenParser(TestTokens.settings(jwks.url()), keys);
        String token = idToken(POOL_KEY).compact();

        VerifiedIdentity first = inMemory.parse(new BearerToken(token));
        VerifiedIdentity second = inMemory.parse(new BearerToken(token));

        assertSame(first, second);
        assertEquals(SUB, second.sub());
        assertEquals(1, keyLookups.get(), "the second parse was a cache hit: no key looked up, no signature checked");
    }

    @Test
    void anExpiredToken_isRejected_althoughItWasCachedWhileValid() throws InterruptedException {
        long exp = Instant.now().getEpochSecond() + 2;
        String token = idToken(POOL_KEY).claim("exp", exp).compact();
        assertEquals(USERNAME, parse(token).username());
        assertEquals(USERNAME, parse(token).username());

        sleepUntil(Instant.ofEpochSecond(exp).plusMillis(200));

        assertEquals(InvalidTokenReason.EXPIRED, rejection(token));
    }

    @Test
    void aTokenWhoseKeyLeftTheKeySet_isRejected_asSoonAsAFetchSeesItGone() {
        String oldToken = idToken(POOL_KEY).compact();
        assertEquals(USERNAME, parse(oldToken).username());
        assertEquals(USERNAME, parse(oldToken).username());

        // The pool rotates: the old key is withdrawn. A token under the new kid makes the parser refetch.
        jwks.serve(new JWKSet(ROTATED_KEY.toPublicJWK()));
        assertEquals(USERNAME, parse(idToken(ROTATED_KEY).compact()).username());
        assertEquals(2, jwks.requests());

        assertEquals(InvalidTokenReason.UNKNOWN_KEY, rejection(oldToken));
    }

    @Test
    void aTokenWhoseKidNowNamesOtherKeyMaterial_isVerifiedAgainstTheNewKey() {
        String oldToken = idToken(POOL_KEY).compact();
        assertEquals(USERNAME, parse(oldToken).username());

        jwks.serve(new JWKSet(List.<JWK>of(REPLACED_KEY.toPublicJWK(), ROTATED_KEY.toPublicJWK())));
        assertEquals(USERNAME, parse(idToken(ROTATED_KEY).compact()).username());

        assertEquals(InvalidTokenReason.BAD_SIGNATURE, rejection(oldToken));
    }

    @Test
    void aTamperedToken_isRejected_whileTheOriginalIsCached() {
        String token = idToken(POOL_KEY).compact();
        assertEquals(USERNAME, parse(token).username());

        int inSignature = token.lastIndexOf('.') + 20;
        char swapped = token.charAt(inSignature) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, inSignature) + swapped + token.substring(inSignature + 1);

        assertEquals(InvalidTokenReason.BAD_SIGNATURE, rejection(tampered));
        assertEquals(InvalidTokenReason.BAD_SIGNATURE, rejection(tampered));
        assertEquals(USERNAME, parse(token).username());
    }

    @Test
    void aRejection_isNeverCached_theSameTokenVerifiesOnceItIsValid() throws InterruptedException {
        long nbf = Instant.now().getEpochSecond() + 2;
        String token = idToken(POOL_KEY).claim("nbf", nbf).compact();
        assertEquals(InvalidTokenReason.NOT_YET_VALID, rejection(token));

        sleepUntil(Instant.ofEpochSecond(nbf).plusMillis(200));

        assertEquals(USERNAME, parse(token).username());
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = instant.toEpochMilli() - System.currentTimeMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
