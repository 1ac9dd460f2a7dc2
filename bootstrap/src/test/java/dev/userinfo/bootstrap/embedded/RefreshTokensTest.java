package dev.userinfo.bootstrap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEObject;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Opaque, Cognito-sized refresh tokens: lifetime, client binding, and the three ways they are revoked. */
class RefreshTokensTest {

    private final MutableClock clock = new MutableClock();
    private final RefreshTokens tokens = new RefreshTokens(clock);

    private RefreshTokens.Grant grant(String sub, String originJti) {
        return new RefreshTokens.Grant("app", sub, new EmbeddedTokenIssuer.SignIn(List.of("openid"), clock.instant(), originJti));
    }

    @Test
    void aToken_isACompactJweOfCognitosSize_andDifferentEachTime() {
        String token = tokens.issue(grant("sub-1", "o1"));

        assertEquals(5, token.split("\\.", -1).length, "compact JWE: five parts");
        assertTrue(token.length() >= 1700 && token.length() <= 1900, "length " + token.length());
        assertNotEquals(token, tokens.issue(grant("sub-1", "o1")));
    }

    /**
     * AES-256 whatever the JCA provider's default: the JDK's own AES key generator makes 128-bit keys
     * unless told otherwise (ACCP, which the local server installs first, makes 256-bit ones), and a
     * 128-bit key cannot seal an {@code A256GCM} token.
     */
    @Test
    void theKeyIsAes256_underTheJdksOwnProviderToo() throws Exception {
        Provider[] providers = Security.getProviders();
        int accp = Arrays.asList(providers).indexOf(Security.getProvider("AmazonCorrettoCryptoProvider"));
        if (accp >= 0) {
            Security.removeProvider(providers[accp].getName());
        }
        try {
            String token = new RefreshTokens(clock).issue(grant("sub-1", "o1"));

            assertEquals(EncryptionMethod.A256GCM, JWEObject.parse(token).getHeader().getEncryptionMethod());
        } finally {
            if (accp >= 0) {
                Security.insertProviderAt(providers[accp], accp + 1);
            }
        }
    }

    @Test
    void aToken_isFoundForItsClientOnly() {
        String token = tokens.issue(grant("sub-1", "o1"));

        assertEquals(Optional.of(grant("sub-1", "o1")).map(RefreshTokens.Grant::sub), tokens.find(token, "app").map(RefreshTokens.Grant::sub));
        assertEquals(Optional.empty(), tokens.find(token, "other"));
        assertEquals(Optional.empty(), tokens.find("unknown", "app"));
    }

    @Test
    void justBeforeThirtyDays_works_atThirtyDays_isExpired() {
        String token = tokens.issue(grant("sub-1", "o1"));

        clock.advance(Duration.ofDays(30).minusMillis(1));
        assertTrue(tokens.find(token, "app").isPresent());
        clock.advance(Duration.ofMillis(1));
        assertFalse(tokens.find(token, "app").isPresent());
    }

    @Test
    void revoke_endsTheTokenAndEveryTokenOfItsSignIn_notOthers_andOnlyForItsClient() {
        String first = tokens.issue(grant("sub-1", "o1"));
        String sameSignIn = tokens.issue(grant("sub-1", "o1"));
        String otherSignIn = tokens.issue(grant("sub-1", "o2"));

        assertFalse(tokens.revoke(first, "other"));
        assertTrue(tokens.find(first, "app").isPresent());
        assertTrue(tokens.revoke(first, "app"));

        assertFalse(tokens.find(first, "app").isPresent());
        assertFalse(tokens.find(sameSignIn, "app").isPresent());
        assertTrue(tokens.find(otherSignIn, "app").isPresent());
        assertFalse(tokens.revoke("unknown", "app"));
    }

    @Test
    void globalSignOut_endsEveryTokenOfTheUser_andNoOneElses() {
        tokens.issue(grant("sub-1", "o1"));
        tokens.issue(grant("sub-1", "o2"));
        String someoneElse = tokens.issue(grant("sub-2", "o3"));

        assertEquals(2, tokens.countOf("sub-1"));
        assertEquals(2, tokens.revokeAllOf("sub-1"));

        assertEquals(0, tokens.countOf("sub-1"));
        assertTrue(tokens.find(someoneElse, "app").isPresent());
    }
}
