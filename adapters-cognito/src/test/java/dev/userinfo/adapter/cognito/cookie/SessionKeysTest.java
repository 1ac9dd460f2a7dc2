package dev.userinfo.adapter.cognito.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionKeysTest {

    private static String b64(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[bytes]);
    }

    @Test
    void firstKeySeals_allAreKnown_inOrder() {
        SessionKeys keys = SessionKeys.parse("k2:" + b64(32) + " , k1:" + b64(32));

        assertEquals("k2", keys.currentKid());
        assertEquals(List.of("k2", "k1"), keys.kids());
        assertEquals(32, keys.current().getEncoded().length);
        assertTrue(keys.get("k1") != null);
        assertEquals(null, keys.get("k3"));
        assertEquals(null, keys.get(null));
    }

    @Test
    void paddedBase64url_isAccepted() {
        assertEquals("k", SessionKeys.parse("k:" + Base64.getUrlEncoder().encodeToString(new byte[32])).currentKid());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "k1:31                 | key 1 (k1) is 31 bytes",
        "k1:33                 | key 1 (k1) is 33 bytes",
        "k1:32,k1:32           | key 2 (k1): the kid is given twice",
        "k1                    | key 1 is not kid:base64url(32 bytes)",
        ":32                   | key 1 has a kid that is not",
        "k 1:32                | key 1 has a kid that is not",
        "k1:32,                | key 2 is not kid:base64url(32 bytes)",
        "k1:+/+/               | key 1 (k1) is not base64url",
        "k1:                   | key 1 (k1) is not base64url",
    })
    void mistakes_areNamedByPositionAndKid_neverByKey(String spec, String message) {
        String text = spec.replace("31", b64(31)).replace("33", b64(33)).replace("32", b64(32));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionKeys.parse(text));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains(b64(31)) || e.getMessage().contains(b64(32)), e.getMessage());
    }

    @Test
    void generate_makesOneAes256KeyUnderTheKid_differentEachTime() {
        SessionKeys first = SessionKeys.generate("dev");
        SessionKeys second = SessionKeys.generate("dev");

        assertEquals("dev", first.currentKid());
        assertEquals(List.of("dev"), first.kids());
        assertEquals("AES", first.current().getAlgorithm());
        assertEquals(32, first.current().getEncoded().length);
        assertFalse(java.util.Arrays.equals(first.current().getEncoded(), second.current().getEncoded()));
        assertEquals("SessionKeys[kids=[dev], keys redacted]", first.toString());
    }

    @Test
    void generate_refusesAKidParseWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> SessionKeys.generate("a b"));
        assertThrows(IllegalArgumentException.class, () -> SessionKeys.generate(""));
        assertEquals("a".repeat(64), SessionKeys.generate("a".repeat(64)).currentKid());
        assertThrows(IllegalArgumentException.class, () -> SessionKeys.generate("a".repeat(65)));
    }

    @Test
    void toString_showsKidsOnly() {
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        String text = SessionKeys.parse("k1:" + key).toString();

        assertEquals("SessionKeys[kids=[k1], keys redacted]", text);
    }
}
