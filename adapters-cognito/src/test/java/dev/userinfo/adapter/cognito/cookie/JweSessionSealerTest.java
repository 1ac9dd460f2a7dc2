package dev.userinfo.adapter.cognito.cookie;

import static dev.userinfo.adapter.cognito.cookie.CookieFixtures.cognitoLikeRefreshToken;
import static dev.userinfo.adapter.cognito.cookie.CookieFixtures.groups;
import static dev.userinfo.adapter.cognito.cookie.CookieFixtures.key;
import static dev.userinfo.adapter.cognito.cookie.CookieFixtures.session;
import static dev.userinfo.adapter.cognito.cookie.CookieFixtures.signIns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.AESEncrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import dev.userinfo.domain.session.PendingSignIns;
import dev.userinfo.domain.session.Session;
import dev.userinfo.domain.session.Unsealed;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cookie encryption: round trips, rotation, and everything that must open as invalid. */
class JweSessionSealerTest {

    private static final String CURRENT = key("k2");
    private static final String OLD = key("k1");
    private static final String REFRESH_TOKEN = cognitoLikeRefreshToken(1900);

    private final SecureRandomValues random = new SecureRandomValues();
    private final JweSessionSealer sealer = new JweSessionSealer(SessionKeys.parse(CURRENT + "," + OLD), random);
    private final JweSessionSealer oldSealer = new JweSessionSealer(SessionKeys.parse(OLD), random);

    private static Session alice() {
        return session(REFRESH_TOKEN, List.of("admins", "beta"));
    }

    private static <T> T valid(Unsealed<T> unsealed, boolean underOldKey) {
        Unsealed.Valid<T> valid = assertInstanceOf(Unsealed.Valid.class, unsealed);
        assertEquals(underOldKey, valid.underOldKey());
        return valid.value();
    }

    private static Unsealed.Reason reason(Unsealed<?> unsealed) {
        return assertInstanceOf(Unsealed.Invalid.class, unsealed).reason();
    }

    @Test
    void session_roundTrips_underTheCurrentKey() {
        String sealed = sealer.sealSession(alice());

        assertEquals(alice(), valid(sealer.openSession(sealed), false));
        assertTrue(sealed.matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"),
                "compact JWE with an empty key part: cookie-octets only");
        assertFalse(sealed.contains(REFRESH_TOKEN.substring(0, 40)));
    }

    @Test
    void header_isDirA256gcm_withTheCurrentKidAndTheSessionTyp_andNothingElse() throws Exception {
        JWEHeader header = JWEObject.parse(sealer.sealSession(alice())).getHeader();

        assertEquals(JWEAlgorithm.DIR, header.getAlgorithm());
        assertEquals(EncryptionMethod.A256GCM, header.getEncryptionMethod());
        assertEquals("k2", header.getKeyID());
        assertEquals(new JOSEObjectType("userinfo-session"), header.getType());
        assertEquals(Set.of("alg", "enc", "kid", "typ"), header.getIncludedParams());
        assertEquals(new JOSEObjectType("userinfo-login"), JWEObject.parse(sealer.sealSignIns(signIns(1, "/"))).getHeader().getType());
    }

    @Test
    void signIns_roundTrip() {
        PendingSignIns three = signIns(3, "/app/a?b=c#d");

        assertEquals(three, valid(sealer.openSignIns(sealer.sealSignIns(three)), false));
        assertEquals(PendingSignIns.none(), valid(sealer.openSignIns(sealer.sealSignIns(PendingSignIns.none())), false));
    }

    @Test
    void everySealing_drawsAFreshIv() throws Exception {
        String a = sealer.sealSession(alice());
        String b = sealer.sealSession(alice());

        assertNotEquals(a, b);
        assertNotEquals(JWEObject.parse(a).getIV(), JWEObject.parse(b).getIV());
        assertEquals(12, JWEObject.parse(a).getIV().decode().length, "96-bit GCM IV");
    }

    @Test
    void cookieUnderAnOlderKey_opens_andAsksToBeSealedAgain() {
        String old = oldSealer.sealSession(alice());

        assertEquals(alice(), valid(sealer.openSession(old), true));
        assertEquals(alice(), valid(sealer.openSession(sealer.sealSession(valid(sealer.openSession(old), true))), false));
    }

    @Test
    void cookieUnderAKeyRotatedOut_orAnotherServicesKeyWithTheSameKid_isInvalid() {
        JweSessionSealer rotated = new JweSessionSealer(SessionKeys.parse(CURRENT), random);
        assertEquals(Unsealed.Reason.UNKNOWN_KEY, reason(rotated.openSession(oldSealer.sealSession(alice()))));

        JweSessionSealer impostor = new JweSessionSealer(SessionKeys.parse(key("k2")), random);
        assertEquals(Unsealed.Reason.BAD_TAG, reason(sealer.openSession(impostor.sealSession(alice()))));
    }

    @Test
    void loginCookie_neverOpensAsASession_norTheOtherWayRound() {
        assertEquals(Unsealed.Reason.DISALLOWED_HEADER, reason(sealer.openSession(sealer.sealSignIns(signIns(1, "/")))));
        assertEquals(Unsealed.Reason.DISALLOWED_HEADER, reason(sealer.openSignIns(sealer.sealSession(alice()))));
    }

    @Test
    void everySingleCharacterChanged_isInvalid_andNeverThrows() {
        String sealed = sealer.sealSession(session("rt-short", List.of()));
        int checked = 0;
        for (int i = 0; i < sealed.length(); i++) {
            char c = sealed.charAt(i);
            if (c == '.') {
                continue;
            }
            String flipped = sealed.substring(0, i) + (c == 'A' ? 'B' : 'A') + sealed.substring(i + 1);
            Unsealed<Session> opened = sealer.openSession(flipped);
            // A flip in the last base64url character may only touch padding bits the decoder ignores.
            if (opened instanceof Unsealed.Valid) {
                assertTrue(i == sealed.length() - 1 || sealed.charAt(i + 1) == '.', "flip at " + i + " opened");
                continue;
            }
            checked++;
        }
        assertTrue(checked > sealed.length() - 10, "checked " + checked);
    }

    @Test
    void everyBitOfCiphertextIvAndTag_flipped_failsTheTag() throws Exception {
        String sealed = sealer.sealSession(session("rt-short", List.of("g")));
        String[] parts = sealed.split("\\.", -1);
        for (int part : new int[] {2, 3, 4}) {
            byte[] bytes = Base64URL.from(parts[part]).decode();
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                byte[] flipped = bytes.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                String[] copy = parts.clone();
                copy[part] = Base64URL.encode(flipped).toString();
                assertEquals(Unsealed.Reason.BAD_TAG, reason(sealer.openSession(String.join(".", copy))),
                        "part " + part + " bit " + bit);
            }
        }
    }

    @Test
    void truncatedOrExtended_isInvalid() {
        String sealed = sealer.sealSession(alice());

        assertFalse(sealer.openSession(sealed.substring(0, sealed.length() - 1)) instanceof Unsealed.Valid);
        assertFalse(sealer.openSession(sealed.substring(0, sealed.lastIndexOf('.'))) instanceof Unsealed.Valid);
        assertFalse(sealer.openSession(sealed + "A") instanceof Unsealed.Valid);
        assertFalse(sealer.openSession(sealed + ".x") instanceof Unsealed.Valid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "....", "a.b.c.d.e", "eyJhbGciOiJub25lIn0.e30.", "%%%%.%.%.%.%", " "})
    void garbage_isMalformed(String value) {
        assertEquals(Unsealed.Reason.MALFORMED, reason(sealer.openSession(value)));
        assertEquals(Unsealed.Reason.MALFORMED, reason(sealer.openSignIns(value)));
    }

    @Test
    void anEncryptedKeyPart_whichDirNeverHas_isRefused() {
        String sealed = sealer.sealSession(alice());
        String withKey = sealed.replaceFirst("\\.\\.", ".AAAA.");

        assertFalse(sealer.openSession(withKey) instanceof Unsealed.Valid, withKey.substring(0, 80));
    }

    @Test
    void aPartOutsideBase64url_isMalformed_beforeAnyDecryption() {
        String[] parts = sealer.sealSession(alice()).split("\\.", -1);
        for (int part : new int[] {0, 2, 3, 4}) {
            // Besides the standard alphabet's extras, the characters just outside each range the check
            // allows (before 0, after 9, before A, after Z, before a, after z) and one beyond ASCII.
            for (String bad : new String[] {"+", "/", "=", " ", ":", "@", "[", "`", "{", "~", "\u00e9"}) {
                String[] copy = parts.clone();
                copy[part] = bad + copy[part].substring(1);
                assertEquals(Unsealed.Reason.MALFORMED, reason(sealer.openSession(String.join(".", copy))), part + bad);
            }
        }
    }

    @Test
    void anEmptyIvCiphertextOrTag_isMalformed_beforeAnyDecryption() {
        String[] parts = sealer.sealSession(alice()).split("\\.", -1);
        for (int part : new int[] {0, 2, 3, 4}) {
            String[] copy = parts.clone();
            copy[part] = "";
            assertEquals(Unsealed.Reason.MALFORMED, reason(sealer.openSession(String.join(".", copy))), "part " + part);
        }
    }

    @Test
    void theIv_isDrawnFromTheRenewableGenerator_notAnotherOne() throws Exception {
        java.util.function.Supplier<java.security.SecureRandom> seeded = () -> {
            try {
                java.security.SecureRandom r = java.security.SecureRandom.getInstance("SHA1PRNG");
                r.setSeed(7L);
                return r;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
        JweSessionSealer one = new JweSessionSealer(SessionKeys.parse(CURRENT), new SecureRandomValues(seeded));
        JweSessionSealer two = new JweSessionSealer(SessionKeys.parse(CURRENT), new SecureRandomValues(seeded));

        assertEquals(JWEObject.parse(one.sealSession(alice())).getIV(), JWEObject.parse(two.sealSession(alice())).getIV(),
                "the same generator state gives the same IV, so the IV is that generator's");
    }

    @Test
    void toString_namesTheKidsOnly() {
        assertEquals("JweSessionSealer[SessionKeys[kids=[k2, k1], keys redacted]]", sealer.toString());
    }

    @Test
    void nullValue_isMalformed() {
        assertEquals(Unsealed.Reason.MALFORMED, reason(sealer.openSession(null)));
    }

    @Test
    void oversize_isRefusedBeforeParsing_atTwoCookiesForASession_andOneForTheLogin() {
        assertEquals(Unsealed.Reason.OVERSIZE, reason(sealer.openSession("a".repeat(JweSessionSealer.MAX_SESSION_CHARS + 1))));
        assertEquals(Unsealed.Reason.MALFORMED, reason(sealer.openSession("a".repeat(JweSessionSealer.MAX_SESSION_CHARS))));
        assertEquals(Unsealed.Reason.OVERSIZE, reason(sealer.openSignIns("a".repeat(JweSessionSealer.MAX_SIGN_IN_CHARS + 1))));
        assertEquals(Unsealed.Reason.MALFORMED, reason(sealer.openSignIns("a".repeat(JweSessionSealer.MAX_SIGN_IN_CHARS))));
    }

    /** A JWE under the current key as someone else might build it; only the header differs from ours. */
    private static String craft(JWEHeader header, String payload, byte[] key) throws JOSEException {
        JWEObject jwe = new JWEObject(header, new Payload(payload));
        if (header.getAlgorithm().equals(JWEAlgorithm.DIR)) {
            jwe.encrypt(new DirectEncrypter(new SecretKeySpec(key, "AES")));
        } else {
            jwe.encrypt(new AESEncrypter(new SecretKeySpec(key, "AES")));
        }
        return jwe.serialize();
    }

    private static byte[] currentKey() {
        return Base64.getUrlDecoder().decode(CURRENT.substring(CURRENT.indexOf(':') + 1));
    }

    private String sessionJson() throws Exception {
        JWEObject ours = JWEObject.parse(sealer.sealSession(alice()));
        ours.decrypt(new com.nimbusds.jose.crypto.DirectDecrypter(new SecretKeySpec(currentKey(), "AES")));
        return ours.getPayload().toString();
    }

    private JWEHeader.Builder ourHeader() {
        return new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID("k2").type(JweSessionSealer.SESSION_TYPE);
    }

    @Test
    void theSameContent_underOurExactHeader_opens_soTheRefusalsBelowAreTheHeaders() throws Exception {
        assertEquals(alice(), valid(sealer.openSession(craft(ourHeader().build(), sessionJson(), currentKey())), false));
    }

    @Test
    void anotherAlgEncZipTypOrHeaderParameter_isRefused() throws Exception {
        String json = sessionJson();
        List<String> crafted = new ArrayList<>();
        crafted.add(craft(new JWEHeader.Builder(JWEAlgorithm.A256KW, EncryptionMethod.A256GCM).keyID("k2")
                .type(JweSessionSealer.SESSION_TYPE).build(), json, currentKey()));
        crafted.add(craft(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A128GCM).keyID("k2")
                .type(JweSessionSealer.SESSION_TYPE).build(), json, java.util.Arrays.copyOf(currentKey(), 16)));
        crafted.add(craft(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A128CBC_HS256).keyID("k2")
                .type(JweSessionSealer.SESSION_TYPE).build(), json, currentKey()));
        crafted.add(craft(ourHeader().compressionAlgorithm(CompressionAlgorithm.DEF).build(), json, currentKey()));
        crafted.add(craft(ourHeader().type(new JOSEObjectType("JWT")).build(), json, currentKey()));
        crafted.add(craft(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID("k2").build(), json, currentKey()));
        crafted.add(craft(ourHeader().contentType("JWT").build(), json, currentKey()));
        crafted.add(craft(ourHeader().customParam("x", 1).build(), json, currentKey()));
        for (String value : crafted) {
            assertEquals(Unsealed.Reason.DISALLOWED_HEADER, reason(sealer.openSession(value)), value.substring(0, 60));
        }
    }

    @Test
    void unknownOrMissingKid_isRefused() throws Exception {
        String json = sessionJson();
        assertEquals(Unsealed.Reason.UNKNOWN_KEY, reason(sealer.openSession(craft(ourHeader().keyID("k9").build(), json, currentKey()))));
        assertEquals(Unsealed.Reason.UNKNOWN_KEY, reason(sealer.openSession(craft(
                new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).type(JweSessionSealer.SESSION_TYPE).build(),
                json, currentKey()))));
    }

    @Test
    void contentWeDidNotSeal_underOurKey_isBadContent() throws Exception {
        for (String json : List.of("{}", "[]", "null", "{\"sid\":\"x\"}", sessionJson().replace("\"iat\":", "\"iat\":\"x\",\"_\":"),
                sessionJson().replace("\"sub\":\"", "\"sub\":1,\"_\":\""))) {
            assertEquals(Unsealed.Reason.BAD_CONTENT, reason(sealer.openSession(craft(ourHeader().build(), json, currentKey()))), json);
        }
    }
}
