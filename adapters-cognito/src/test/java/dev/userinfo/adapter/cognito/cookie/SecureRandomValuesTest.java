package dev.userinfo.adapter.cognito.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureRandomValuesTest {

    /** A generator whose output is fixed by its seed, standing in for one restored from a snapshot. */
    static SecureRandom snapshotted() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(42L);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void values_are256BitBase64url_andAllDifferent() {
        SecureRandomValues random = new SecureRandomValues();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(random.state().value());
            seen.add(random.nonce().value());
            seen.add(random.codeVerifier().value());
            seen.add(random.sessionId().value());
        }
        assertEquals(4000, seen.size());
        assertEquals(43, random.codeVerifier().value().length());
        assertEquals(43, random.sessionId().value().length());
    }

    @Test
    void twoContainersRestoredFromOneSnapshot_repeatEachOther_untilRenewed() {
        SecureRandomValues first = new SecureRandomValues(snapshotted(), SecureRandomValues.defaultGenerator());
        SecureRandomValues second = new SecureRandomValues(snapshotted(), SecureRandomValues.defaultGenerator());
        assertEquals(first.state().value(), second.state().value(), "the hazard: the same state in both");

        first.renew();
        second.renew();

        assertNotEquals(first.state().value(), second.state().value());
        assertNotEquals(first.sessionId().value(), second.sessionId().value());
    }

    @Test
    void renew_replacesTheGeneratorTheIvsComeFrom() {
        SecureRandomValues random = new SecureRandomValues();
        SecureRandom before = random.current();
        assertSame(before, random.current());

        random.renew();

        assertNotSame(before, random.current());
        assertEquals("DRBG", random.current().getAlgorithm());
    }
}
