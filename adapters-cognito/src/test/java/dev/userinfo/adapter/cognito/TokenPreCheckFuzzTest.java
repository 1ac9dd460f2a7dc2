package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.VerifiedIdentity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Throws arbitrary strings at {@link CognitoTokenParser}: raw text, real tokens with bytes spliced in,
 * base64url segments of arbitrary JSON (past the shape check, into the header allowlist and claim
 * parsing), and real signatures over tampered claims. Whatever arrives:
 * <ul>
 *   <li>a verified identity comes back only for a real token (the same signed bytes), else
 *       {@link InvalidTokenException}, never any other exception;</li>
 *   <li>against a key set that is down, the answer is {@link InvalidTokenException} or
 *       {@link DependencyUnavailableException}, and a token that fails a pre-check fails it the same
 *       way: garbage is a 401, never a 503, because pre-checks run before any key is asked for.</li>
 * </ul>
 * Without JAZZER_FUZZ it replays the committed seed corpus
 * (src/test/resources/.../TokenPreCheckFuzzTestInputs); the build's short fuzzing run sets it.
 */
class TokenPreCheckFuzzTest {

    /** Reasons decided before the key set is consulted; a key set outage must not change them. */
    private static final Set<InvalidTokenReason> PRE_CHECK_REASONS = EnumSet.of(
            InvalidTokenReason.TOO_LARGE,
            InvalidTokenReason.MALFORMED,
            InvalidTokenReason.DISALLOWED_ALGORITHM,
            InvalidTokenReason.DISALLOWED_HEADER,
            InvalidTokenReason.MISSING_KEY_ID,
            InvalidTokenReason.WRONG_TOKEN_USE);

    /** Fixed times, so the same fuzz input means the same token on every run and every machine. */
    private static final long ISSUED_AT = 1_704_067_200L; // 2024-01-01T00:00:00Z
    private static final long EXPIRES_AT = 4_070_908_800L; // 2099-01-01T00:00:00Z

    private static final RSAKey KEY = deterministicKey("fuzz-key-1");
    private static final List<String> REAL_TOKENS = List.of(
            fixedTimes(TestTokens.idToken(KEY)).compact(),
            fixedTimes(TestTokens.accessToken(KEY)).compact());

    private static final TokenVerificationSettings SETTINGS = TestTokens.settings(URI.create("https://jwks.invalid/keys"));
    private static final CognitoTokenParser WITH_KEYS =
            new CognitoTokenParser(SETTINGS, new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())));
    private static final JWKSource<SecurityContext> DOWN = (selector, context) -> {
        throw new KeySourceException("key set endpoint down");
    };
    private static final CognitoTokenParser KEY_SET_DOWN = new CognitoTokenParser(SETTINGS, DOWN);

    @FuzzTest(maxDuration = "20s")
    void anyString_verifiesOnlyIfReal_elseInvalidToken_neverAnythingElse(FuzzedDataProvider data) {
        String token = switch (data.consumeInt(0, 3)) {
            case 0 -> data.consumeRemainingAsString();
            case 1 -> splice(data);
            case 2 -> b64(data.consumeString(200)) + "." + b64(data.consumeString(600)) + "."
                    + b64(data.consumeRemainingAsString());
            default -> {
                // A real signature over claims of the fuzzer's choosing.
                String[] real = REAL_TOKENS.get(data.consumeInt(0, REAL_TOKENS.size() - 1)).split("\\.");
                yield real[0] + "." + b64(data.consumeRemainingAsString()) + "." + real[2];
            }
        };
        if (token.isBlank()) {
            return; // BearerToken refuses it; bearer extraction already treats it as no token
        }
        BearerToken bearer = new BearerToken(token);

        InvalidTokenReason reason = null;
        try {
            VerifiedIdentity identity = WITH_KEYS.parse(bearer);
            assertIsARealToken(token, identity);
        } catch (InvalidTokenException e) {
            reason = e.reason();
            assertNotNull(reason);
        }

        try {
            KEY_SET_DOWN.parse(bearer);
            fail("verified without any key");
        } catch (InvalidTokenException e) {
            if (reason != null && PRE_CHECK_REASONS.contains(reason)) {
                assertEquals(reason, e.reason(), "a pre-check decided differently when the key set was down");
            }
        } catch (DependencyUnavailableException e) {
            if (reason != null && PRE_CHECK_REASONS.contains(reason)) {
                fail("a token failing the pre-check " + reason + " waited for the key set and got a 503");
            }
        }
    }

    /** A real token with a slice of it replaced by the fuzzer's text. */
    private static String splice(FuzzedDataProvider data) {
        String real = REAL_TOKENS.get(data.consumeInt(0, REAL_TOKENS.size() - 1));
        int at = data.consumeInt(0, real.length());
        int cut = data.consumeInt(0, 16);
        return real.substring(0, at) + data.consumeRemainingAsString() + real.substring(Math.min(real.length(), at + cut));
    }

    /**
     * Verified means: the same signed bytes as a real token. Base64url spellings may differ (unused
     * low bits of a last character), so the segments are compared decoded.
     */
    private static void assertIsARealToken(String token, VerifiedIdentity identity) {
        String[] parts = token.split("\\.", -1);
        for (String real : REAL_TOKENS) {
            String[] realParts = real.split("\\.");
            if (sameSignedBytes(parts, realParts)) {
                assertEquals(TestTokens.USERNAME, identity.username());
                assertEquals(TestTokens.SUB, identity.sub());
                return;
            }
        }
        fail("a token that is not one of the real ones verified as " + identity.username());
    }

    private static boolean sameSignedBytes(String[] parts, String[] realParts) {
        if (parts.length != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            byte[] decoded = decode(parts[i]);
            if (decoded == null || !Arrays.equals(decoded, decode(realParts[i]))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] decode(String segment) {
        try {
            return Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static TestTokens.Draft fixedTimes(TestTokens.Draft draft) {
        return draft.claim("iat", ISSUED_AT).claim("auth_time", ISSUED_AT).claim("exp", EXPIRES_AT);
    }

    /** The same RSA key on every run (a seeded SHA1PRNG), so a crash input replays against the same tokens. */
    private static RSAKey deterministicKey(String kid) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(kid.getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(kid)
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
