package dev.userinfo.adapter.cognito;

import static dev.userinfo.adapter.cognito.TestTokens.CLIENT_ID;
import static dev.userinfo.adapter.cognito.TestTokens.EMAIL;
import static dev.userinfo.adapter.cognito.TestTokens.FOREIGN_CLIENT_ID;
import static dev.userinfo.adapter.cognito.TestTokens.ISSUER;
import static dev.userinfo.adapter.cognito.TestTokens.UPDATED_ISSUER;
import static dev.userinfo.adapter.cognito.TestTokens.SECOND_CLIENT_ID;
import static dev.userinfo.adapter.cognito.TestTokens.SUB;
import static dev.userinfo.adapter.cognito.TestTokens.USERNAME;
import static dev.userinfo.adapter.cognito.TestTokens.accessToken;
import static dev.userinfo.adapter.cognito.TestTokens.b64;
import static dev.userinfo.adapter.cognito.TestTokens.idToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The resource-server checklist, one case per way a token can be wrong, against a key set served
 * over real HTTP on 127.0.0.1. Each test names the reason it expects, so removing the check that
 * produces that reason fails it even where a later check would still reject the token.
 *
 * <p>The key set servers (and the keys) are made once; the parser is built for each test, so the
 * checks its constructor wires up (the clock skew, the claim rules per token use) run inside the
 * test that depends on them, where mutation testing can see which test that is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CognitoTokenParserTest {

    // Static: made once per JVM. Mutation testing runs each test on its own, and three 2048-bit key
    // pairs per test instance cost more than the tests themselves.
    private static final RSAKey poolKey = TestTokens.newRsaKey("pool-key-1");
    private static final RSAKey otherPoolKey = TestTokens.newRsaKey("pool-key-2");
    private static final RSAKey attackerKey = TestTokens.newRsaKey("pool-key-1");
    private JwksTestServer jwks;
    private JwksTestServer attacker;
    private CognitoTokenParser parser;

    @BeforeAll
    void startKeySet() {
        jwks = JwksTestServer.start().serve(new JWKSet(List.of(poolKey.toPublicJWK(), otherPoolKey.toPublicJWK())));
        attacker = JwksTestServer.start().serve(new JWKSet(attackerKey.toPublicJWK()));
    }

    @BeforeEach
    void buildParser() {
        parser = new CognitoTokenParser(TestTokens.settings(jwks.url()));
    }

    @AfterEach
    void closeParser() {
        parser.close();
    }

    @AfterAll
    void stop() {
        jwks.close();
        attacker.close();
    }

    private VerifiedIdentity parse(String token) {
        return parser.parse(new BearerToken(token));
    }

    private void assertRejected(InvalidTokenReason expected, String token) {
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> parse(token));
        assertEquals(expected, e.reason());
    }

    // --- what a valid token verifies to ---

    @Test
    void validIdToken_verifiesToTheUserItNames() {
        VerifiedIdentity identity = parse(idToken(poolKey).compact());

        assertEquals(USERNAME, identity.username());
        assertEquals(SUB, identity.sub());
        assertEquals(TokenUse.ID, identity.tokenUse());
        assertEquals(CLIENT_ID, identity.clientId());
        assertEquals(EMAIL, identity.emailClaim());
        assertEquals(List.of("admins"), identity.groups());
        assertTrue(identity.expiresAt().isAfter(Instant.now()));
        assertEquals(java.util.Map.of("email", EMAIL, "email_verified", "true"), identity.attributeClaims());
    }

    @Test
    void idToken_carriesEveryAttributeClaimAsText_andNoClaimAboutTheToken() {
        VerifiedIdentity identity = parse(idToken(poolKey)
                .claim("nickname", "Ally")
                .claim("custom:team", "blue")
                .claim("phone_number_verified", false)
                .claim("updated_at", 1_773_342_000L)
                .claim("address", java.util.Map.of("formatted", "1 Main St"))
                .claim("custom:tags", List.of("a", "b"))
                .compact());

        assertEquals(java.util.Map.of("email", EMAIL, "email_verified", "true", "nickname", "Ally",
                "custom:team", "blue", "phone_number_verified", "false", "updated_at", "1773342000"),
                identity.attributeClaims());
    }

    @Test
    void accessToken_carriesNoAttributeClaims_evenIfItHadSome() {
        VerifiedIdentity identity = parse(accessToken(poolKey).claim("nickname", "Ally").compact());

        assertEquals(java.util.Map.of(), identity.attributeClaims());
    }

    @Test
    void validAccessToken_verifiesToTheUserItNames() {
        VerifiedIdentity identity = parse(accessToken(poolKey).compact());

        assertEquals(USERNAME, identity.username());
        assertEquals(SUB, identity.sub());
        assertEquals(TokenUse.ACCESS, identity.tokenUse());
        assertEquals(CLIENT_ID, identity.clientId());
        assertNull(identity.emailClaim());
        assertEquals(List.of("admins"), identity.groups());
    }

    /** Cognito puts no email in an access token; one that carries it anyway must not supply the profile's email. */
    @Test
    void accessTokenCarryingAnEmailClaim_neverFeedsTheEmailClaim() {
        VerifiedIdentity identity = parse(accessToken(poolKey).claim("email", "mallory@evil.example").compact());

        assertEquals(TokenUse.ACCESS, identity.tokenUse());
        assertNull(identity.emailClaim());
    }

    @Test
    void tokenWithoutIat_verifies() {
        // iat is optional (RFC 7519, 4.1.6); the future-iat check must skip it, not fail on it.
        assertEquals(USERNAME, parse(idToken(poolKey).without("iat").compact()).username());
        assertEquals(USERNAME, parse(accessToken(poolKey).without("iat").compact()).username());
    }

    @Test
    void tokenSignedWithTheSecondPoolKey_verifies() {
        assertEquals(USERNAME, parse(accessToken(otherPoolKey).compact()).username());
    }

    @Test
    void tokenIssuedToTheSecondAllowedClient_verifies() {
        assertEquals(SECOND_CLIENT_ID, parse(idToken(poolKey).claim("aud", SECOND_CLIENT_ID).compact()).clientId());
        assertEquals(SECOND_CLIENT_ID, parse(accessToken(poolKey).claim("client_id", SECOND_CLIENT_ID).compact()).clientId());
    }

    @Test
    void tokenWithoutGroupsOrEmail_verifiesWithNone() {
        VerifiedIdentity identity = parse(idToken(poolKey).without("cognito:groups").without("email").compact());

        assertEquals(List.of(), identity.groups());
        assertNull(identity.emailClaim());
    }

    @Test
    void typHeaderJwt_isAccepted() {
        assertEquals(USERNAME, parse(idToken(poolKey).header("typ", "JWT").compact()).username());
    }

    // --- algorithm ---

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", ""})
    void unsignedAlgorithm_isRejectedAsDisallowedAlgorithm(String alg) {
        // An attacker can append any signature; the alg alone must sink the token.
        assertRejected(InvalidTokenReason.DISALLOWED_ALGORITHM, idToken(poolKey).header("alg", alg).compact());
    }

    @Test
    void algNoneWithEmptySignature_isRejectedAsMalformed() {
        String unsigned = b64("{\"alg\":\"none\",\"kid\":\"pool-key-1\"}") + "."
                + b64("{\"sub\":\"" + SUB + "\",\"token_use\":\"id\"}") + ".";
        assertRejected(InvalidTokenReason.MALFORMED, unsigned);
    }

    @Test
    void hs256SignedWithThePublicKeyBytes_isRejectedAsDisallowedAlgorithm() throws JOSEException {
        // Key confusion: a verifier that took alg from the token would HMAC with the public key as secret.
        byte[] publicKeyBytes = poolKey.toRSAPublicKey().getEncoded();
        String token = idToken(poolKey).header("alg", "HS256")
                .signedWith(new MACSigner(publicKeyBytes), JWSAlgorithm.HS256).compact();
        assertRejected(InvalidTokenReason.DISALLOWED_ALGORITHM, token);
    }

    @Test
    void hs256SignedWithTheJwksText_isRejectedAsDisallowedAlgorithm() throws JOSEException {
        byte[] jwkText = poolKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        String token = idToken(poolKey).header("alg", "HS256").signedWith(new MACSigner(jwkText), JWSAlgorithm.HS256).compact();
        assertRejected(InvalidTokenReason.DISALLOWED_ALGORITHM, token);
    }

    @Test
    void rs256ByAnAttackerKeyUnderTheRealKid_isRejectedAsBadSignature() throws JOSEException {
        String token = idToken(poolKey).signedWith(new RSASSASigner(attackerKey), JWSAlgorithm.RS256).compact();
        assertRejected(InvalidTokenReason.BAD_SIGNATURE, token);
    }

    static Stream<Arguments> otherAlgorithms() throws JOSEException {
        RSAKey rsa = TestTokens.newRsaKey("attacker");
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("attacker").generate();
        return Stream.of(
                Arguments.of("RS384", new RSASSASigner(rsa), JWSAlgorithm.RS384),
                Arguments.of("PS256", new RSASSASigner(rsa), JWSAlgorithm.PS256),
                Arguments.of("ES256", new ECDSASigner(ec), JWSAlgorithm.ES256));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherAlgorithms")
    void otherAlgorithmByAnAttackerKey_isRejectedAsDisallowedAlgorithm(String alg, com.nimbusds.jose.JWSSigner signer,
            JWSAlgorithm algorithm) {
        String token = idToken(poolKey).header("alg", alg).signedWith(signer, algorithm).compact();
        assertRejected(InvalidTokenReason.DISALLOWED_ALGORITHM, token);
    }

    @Test
    void missingAlg_isRejectedAsDisallowedAlgorithm() {
        assertRejected(InvalidTokenReason.DISALLOWED_ALGORITHM, idToken(poolKey).withoutHeader("alg").compact());
    }

    // --- kid ---

    @Test
    void missingKid_isRejectedAsMissingKeyId() {
        assertRejected(InvalidTokenReason.MISSING_KEY_ID, idToken(poolKey).withoutHeader("kid").compact());
    }

    @Test
    void emptyKid_isRejectedAsMissingKeyId() {
        assertRejected(InvalidTokenReason.MISSING_KEY_ID, idToken(poolKey).header("kid", "").compact());
    }

    @Test
    void kidThatIsNotAString_isRejectedAsMalformed() {
        assertRejected(InvalidTokenReason.MALFORMED, idToken(poolKey).header("kid", 1).compact());
    }

    @Test
    void unknownKid_isRejectedAsUnknownKey() {
        RSAKey stranger = TestTokens.newRsaKey("not-in-the-pool");
        assertRejected(InvalidTokenReason.UNKNOWN_KEY, idToken(stranger).compact());
    }

    // --- header allowlist ---

    private Object attackerHeaderValue(String name) {
        return switch (name) {
            case "jku", "x5u" -> attacker.url().toString();
            case "jwk" -> attackerKey.toPublicJWK().toJSONObject();
            // Not a real certificate: the header must be refused before anything tries to read it.
            case "x5c" -> List.of(Base64.encode(attackerKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)).toString());
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"jku", "x5u", "jwk", "x5c"})
    void headerNamingItsOwnKey_isRejectedAndTheAttackerUrlIsNeverFetched(String name) throws JOSEException {
        String token = idToken(attackerKey).header(name, attackerHeaderValue(name))
                .signedWith(new RSASSASigner(attackerKey), JWSAlgorithm.RS256).compact();

        assertRejected(InvalidTokenReason.DISALLOWED_HEADER, token);
        assertEquals(0, attacker.requests(), "the attacker's URL was fetched");
    }

    @ParameterizedTest
    @ValueSource(strings = {"crit", "x5t", "x5t#S256", "cty", "b64", "zip"})
    void otherHeaderParameter_isRejectedAsDisallowedHeader(String name) {
        Object value = name.equals("crit") ? List.of("exp") : name.equals("b64") ? Boolean.FALSE : "x";
        assertRejected(InvalidTokenReason.DISALLOWED_HEADER, idToken(poolKey).header(name, value).compact());
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "JOSE", "JWS"})
    void typOtherThanJwt_isRejectedAsDisallowedHeader(String typ) {
        assertRejected(InvalidTokenReason.DISALLOWED_HEADER, idToken(poolKey).header("typ", typ).compact());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 0})
    void typThatIsNotAString_isRejectedAsDisallowedHeader(int typ) {
        assertRejected(InvalidTokenReason.DISALLOWED_HEADER, idToken(poolKey).header("typ", typ).compact());
    }

    @Test
    void typInAnotherCase_isAccepted() {
        // RFC 7515, 4.1.9: typ is compared case-insensitively.
        assertEquals(USERNAME, parse(idToken(poolKey).header("typ", "jwt").compact()).username());
    }

    // --- integrity ---

    @Test
    void payloadChangedByOneBit_isRejectedAsBadSignature() {
        String token = idToken(poolKey).compact();
        String[] parts = token.split("\\.");
        byte[] payload = new Base64URL(parts[1]).decode();
        String text = new String(payload, StandardCharsets.UTF_8);
        int at = text.indexOf("\"" + USERNAME + "\"") + 1;
        payload[at] ^= 0x01; // 'a' -> '`': still valid JSON, now naming someone else
        String tampered = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];

        assertRejected(InvalidTokenReason.BAD_SIGNATURE, tampered);
    }

    @Test
    void signatureChangedByOneBit_isRejectedAsBadSignature() {
        String token = idToken(poolKey).compact();
        String[] parts = token.split("\\.");
        byte[] signature = new Base64URL(parts[2]).decode();
        signature[signature.length / 2] ^= 0x01;

        assertRejected(InvalidTokenReason.BAD_SIGNATURE, parts[0] + "." + parts[1] + "." + Base64URL.encode(signature));
    }

    @Test
    void signatureFromAnotherValidToken_isRejectedAsBadSignature() {
        String[] mine = idToken(poolKey).compact().split("\\.");
        String[] other = idToken(poolKey).claim("cognito:username", "mallory").compact().split("\\.");

        assertRejected(InvalidTokenReason.BAD_SIGNATURE, mine[0] + "." + other[1] + "." + mine[2]);
    }

    // --- shape, before any parsing ---

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5})
    void wrongNumberOfSegments_isRejectedAsMalformed(int segments) {
        String[] parts = idToken(poolKey).compact().split("\\.");
        StringBuilder token = new StringBuilder(parts[0]);
        for (int i = 1; i < segments; i++) {
            token.append('.').append(parts[Math.min(i, 2)]);
        }
        assertRejected(InvalidTokenReason.MALFORMED, token.toString());
    }

    @Test
    void emptySegment_isRejectedAsMalformed() {
        String[] parts = idToken(poolKey).compact().split("\\.");
        assertRejected(InvalidTokenReason.MALFORMED, parts[0] + ".." + parts[2]);
        assertRejected(InvalidTokenReason.MALFORMED, "." + parts[1] + "." + parts[2]);
    }

    /** API Gateway's limit on the request line and headers together (its quotas, REST and HTTP APIs). */
    @Test
    void cap_isApiGatewaysRequestLineAndHeadersLimit() {
        assertEquals(10_240, CognitoTokenParser.MAX_TOKEN_CHARS);
    }

    @Test
    void genuineTokenOf9000Characters_asAUserInAHundredGroupsHasOne_isVerified() {
        String large = paddedToAtLeast(9_000);

        assertTrue(large.length() <= 9_002, "padding overshot: " + large.length());
        assertEquals(USERNAME, parse(large).username());
    }

    @Test
    void genuineTokenJustUnderTheCap_isVerified() {
        String nearCap = paddedToAtLeast(CognitoTokenParser.MAX_TOKEN_CHARS - 3);

        assertTrue(nearCap.length() <= CognitoTokenParser.MAX_TOKEN_CHARS, "padding overshot: " + nearCap.length());
        assertEquals(USERNAME, parse(nearCap).username());
    }

    /**
     * The boundary itself, on tokens shaped alike: exactly at the cap the token gets past the length
     * check (and fails later, on its content); one character more and it is refused before anything
     * is decoded.
     */
    @Test
    void lengthCheck_letsExactlyTheCapThrough_andRefusesOneMore() {
        String atCap = shapedToExactly(CognitoTokenParser.MAX_TOKEN_CHARS);
        String overCap = shapedToExactly(CognitoTokenParser.MAX_TOKEN_CHARS + 1);

        assertEquals(CognitoTokenParser.MAX_TOKEN_CHARS, atCap.length());
        assertNotEquals(InvalidTokenReason.TOO_LARGE, assertThrows(InvalidTokenException.class, () -> parse(atCap)).reason());
        assertRejected(InvalidTokenReason.TOO_LARGE, overCap);
    }

    /**
     * A real token with base64url characters appended to its payload and signature until it is exactly
     * {@code length} long, no segment left at an impossible base64url length (4k+1).
     */
    private String shapedToExactly(int length) {
        String[] parts = idToken(poolKey).compact().split("\\.");
        int missing = length - (parts[0].length() + parts[1].length() + parts[2].length() + 2);
        for (int extraPayload = 0; extraPayload < 4; extraPayload++) {
            int extraSignature = missing - extraPayload;
            if ((parts[1].length() + extraPayload) % 4 != 1 && (parts[2].length() + extraSignature) % 4 != 1) {
                String shaped = parts[0] + "." + parts[1] + "A".repeat(extraPayload) + "."
                        + parts[2] + "A".repeat(extraSignature);
                assertEquals(length, shaped.length());
                return shaped;
            }
        }
        throw new AssertionError("no shape of " + length + " characters");
    }

    /** A valid token grown with a padding claim until it is at least {@code length} characters. */
    private String paddedToAtLeast(int length) {
        int base = idToken(poolKey).compact().length();
        // base64 turns 3 bytes into 4 characters; start below and grow, so it stops within 2 past length
        int padding = Math.max(1, (length - base) * 3 / 4 - 40);
        String token;
        do {
            token = idToken(poolKey).claim("custom:padding", "p".repeat(padding++)).compact();
        } while (token.length() < length);
        return token;
    }

    @Test
    void aMegabyteOfDots_isRejectedAsTooLarge() {
        assertRejected(InvalidTokenReason.TOO_LARGE, ".".repeat(1 << 20));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"+", "/", "=", " ", "\t", "\n", "%", "!", "é", "\u0000"})
    void illegalCharacterInsideASegment_isRejectedAsMalformed(String illegal) {
        String token = idToken(poolKey).compact();
        int dot = token.indexOf('.');
        String withIllegal = token.substring(0, dot + 10) + illegal + token.substring(dot + 10);
        assertRejected(InvalidTokenReason.MALFORMED, withIllegal);
    }

    /** Beyond the ASCII table (and the alphabet lookup): a 401, never an index out of range. */
    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(ints = {0x7F, 0x80, 0xE9, 0x2028, 0xFF0E})
    void nonAsciiCharacterInAnySegment_isRejectedAsMalformed(int codePoint) {
        String character = new String(Character.toChars(codePoint));
        String[] parts = idToken(poolKey).compact().split("\\.");
        assertRejected(InvalidTokenReason.MALFORMED, character + parts[0] + "." + parts[1] + "." + parts[2]);
        assertRejected(InvalidTokenReason.MALFORMED, parts[0] + "." + parts[1] + character + "." + parts[2]);
        assertRejected(InvalidTokenReason.MALFORMED, parts[0] + "." + parts[1] + "." + parts[2] + character);
    }

    @Test
    void paddedSegment_isRejectedAsMalformed() {
        String[] parts = idToken(poolKey).compact().split("\\.");
        assertRejected(InvalidTokenReason.MALFORMED, parts[0] + "==." + parts[1] + "." + parts[2]);
        assertRejected(InvalidTokenReason.MALFORMED, parts[0] + "." + parts[1] + "." + parts[2] + "=");
    }

    @Test
    void leadingOrTrailingWhitespace_isRejectedAsMalformed() {
        String token = idToken(poolKey).compact();
        assertRejected(InvalidTokenReason.MALFORMED, " " + token);
        assertRejected(InvalidTokenReason.MALFORMED, token + "\r\n");
    }

    @Test
    void segmentWithAnImpossibleBase64Length_isRejectedAsMalformed() {
        // One character past a whole number of bytes encodes nothing: no encoder writes it.
        String[] parts = idToken(poolKey).compact().split("\\.");
        String signature = parts[2] + "A".repeat((5 - parts[2].length() % 4) % 4);
        assertEquals(1, signature.length() % 4);
        assertRejected(InvalidTokenReason.MALFORMED, parts[0] + "." + parts[1] + "." + signature);
    }

    // --- JSON ---

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[\"alg\",\"RS256\"]", "\"RS256\"", "{\"alg\":\"RS256\",\"kid\":", "null"})
    void headerThatIsNotAJsonObject_isRejectedAsMalformed(String header) {
        String token = idToken(poolKey).sign(header, "{\"sub\":\"" + SUB + "\"}");
        assertRejected(InvalidTokenReason.MALFORMED, token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[{\"sub\":\"x\",\"token_use\":\"id\"}]", "42", "{\"sub\":", "null"})
    void payloadThatIsNotAJsonObject_isRejectedAsMalformed(String payload) {
        String token = idToken(poolKey).sign("{\"kid\":\"pool-key-1\",\"alg\":\"RS256\"}", payload);
        assertRejected(InvalidTokenReason.MALFORMED, token);
    }

    @Test
    void deeplyNestedHeader_isRejectedWithoutBlowingTheStack() {
        String nested = "[".repeat(2000) + "]".repeat(2000);
        String token = idToken(poolKey).sign("{\"alg\":\"RS256\",\"kid\":\"pool-key-1\",\"x\":" + nested + "}", "{}");
        assertTrue(token.length() < CognitoTokenParser.MAX_TOKEN_CHARS);
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> parse(token));
        assertTrue(Set.of(InvalidTokenReason.MALFORMED, InvalidTokenReason.DISALLOWED_HEADER).contains(e.reason()));
    }

    // --- issuer ---

    @Test
    void updatedIssuerFormatOfThePool_verifies_asTheOriginalDoes() {
        assertEquals(USERNAME, parse(idToken(poolKey).claim("iss", UPDATED_ISSUER).compact()).username());
        assertEquals(USERNAME, parse(accessToken(poolKey).claim("iss", UPDATED_ISSUER).compact()).username());
        assertEquals(USERNAME, parse(idToken(poolKey).claim("iss", ISSUER).compact()).username());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OtherPool",
        ISSUER + "/",
        "http://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool1",
        "https://cognito-idp.us-east-1.amazonaws.com/eu-west-1_TestPool1",
        "HTTPS://COGNITO-IDP.EU-WEST-1.AMAZONAWS.COM/eu-west-1_TestPool1",
        // the UPDATED format, for another region, another pool, or on a look-alike host
        "https://issuer-cognito-idp.eu-west-3.amazonaws.com/eu-west-1_TestPool1",
        "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OtherPool",
        "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-3_TestPool1",
        "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool1/",
        "http://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool1",
        "https://issuer-cognito-idp.eu-west-1.amazonaws.com.evil.example/eu-west-1_TestPool1",
        "https://evil-issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool1",
        "https://issuer.cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool1",
        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool1?x",
        "https://cognito-idp.eu-west-1.amazonaws.com:443/eu-west-1_TestPool1",
        " https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool1",
        ""})
    void wrongIssuer_isRejectedAsWrongIssuer(String issuer) {
        assertRejected(InvalidTokenReason.WRONG_ISSUER, idToken(poolKey).claim("iss", issuer).compact());
    }

    @Test
    void missingIssuer_isRejectedAsWrongIssuer() {
        assertRejected(InvalidTokenReason.WRONG_ISSUER, idToken(poolKey).without("iss").compact());
        assertRejected(InvalidTokenReason.WRONG_ISSUER, accessToken(poolKey).without("iss").compact());
    }

    // --- time ---

    @Test
    void expiredBeyondTheSkew_isRejectedAsExpired() {
        long now = Instant.now().getEpochSecond();
        assertRejected(InvalidTokenReason.EXPIRED, idToken(poolKey).claim("exp", now - 90).compact());
        assertRejected(InvalidTokenReason.EXPIRED, accessToken(poolKey).claim("exp", now - 3600).compact());
    }

    @Test
    void expiredWithinTheSkew_isAccepted() {
        long now = Instant.now().getEpochSecond();
        assertEquals(USERNAME, parse(idToken(poolKey).claim("exp", now - 30).compact()).username());
    }

    @Test
    void missingExp_isRejectedAsMissingClaim() {
        assertRejected(InvalidTokenReason.MISSING_CLAIM, idToken(poolKey).without("exp").compact());
        assertRejected(InvalidTokenReason.MISSING_CLAIM, accessToken(poolKey).without("exp").compact());
    }

    @Test
    void expAsAString_isRejectedAsMissingClaim() {
        String exp = Long.toString(Instant.now().getEpochSecond() + 3600);
        assertRejected(InvalidTokenReason.MISSING_CLAIM, idToken(poolKey).claim("exp", exp).compact());
    }

    @Test
    void notBeforeInTheFuture_isRejectedAsNotYetValid() {
        long now = Instant.now().getEpochSecond();
        assertRejected(InvalidTokenReason.NOT_YET_VALID, idToken(poolKey).claim("nbf", now + 120).compact());
    }

    @Test
    void notBeforeWithinTheSkew_isAccepted() {
        long now = Instant.now().getEpochSecond();
        assertEquals(USERNAME, parse(idToken(poolKey).claim("nbf", now + 30).compact()).username());
    }

    @Test
    void issuedInTheFuture_isRejectedAsIssuedInFuture() {
        long now = Instant.now().getEpochSecond();
        assertRejected(InvalidTokenReason.ISSUED_IN_FUTURE, idToken(poolKey).claim("iat", now + 120).compact());
        assertRejected(InvalidTokenReason.ISSUED_IN_FUTURE, accessToken(poolKey).claim("iat", now + 120).compact());
    }

    @Test
    void issuedWithinTheSkewAhead_isAccepted() {
        long now = Instant.now().getEpochSecond();
        assertEquals(USERNAME, parse(idToken(poolKey).claim("iat", now + 30).compact()).username());
    }

    /**
     * The configured skew, not the library's default of 60 s: with none allowed, 30 s either side of
     * now is already outside, and with 120 s allowed, 90 s is still inside.
     */
    @Test
    void configuredClockSkewOfZero_rejectsWhatTheDefaultWouldAccept() {
        long now = Instant.now().getEpochSecond();
        try (CognitoTokenParser strict = new CognitoTokenParser(TestTokens.settings(jwks.url()).withClockSkew(Duration.ZERO))) {
            assertEquals(InvalidTokenReason.EXPIRED, rejection(strict, idToken(poolKey).claim("exp", now - 30).compact()));
            assertEquals(InvalidTokenReason.NOT_YET_VALID, rejection(strict, idToken(poolKey).claim("nbf", now + 30).compact()));
            assertEquals(InvalidTokenReason.ISSUED_IN_FUTURE, rejection(strict, accessToken(poolKey).claim("iat", now + 30).compact()));
            assertEquals(USERNAME, strict.parse(new BearerToken(idToken(poolKey).compact())).username());
        }
    }

    @Test
    void configuredClockSkewOf120Seconds_acceptsWhatTheDefaultWouldReject() {
        long now = Instant.now().getEpochSecond();
        try (CognitoTokenParser lenient = new CognitoTokenParser(TestTokens.settings(jwks.url()).withClockSkew(Duration.ofSeconds(120)))) {
            assertEquals(USERNAME, lenient.parse(new BearerToken(idToken(poolKey).claim("exp", now - 90).compact())).username());
            assertEquals(USERNAME, lenient.parse(new BearerToken(idToken(poolKey).claim("nbf", now + 90).compact())).username());
            assertEquals(USERNAME, lenient.parse(new BearerToken(accessToken(poolKey).claim("iat", now + 90).compact())).username());
            assertEquals(InvalidTokenReason.EXPIRED, rejection(lenient, idToken(poolKey).claim("exp", now - 180).compact()));
        }
    }

    private static InvalidTokenReason rejection(CognitoTokenParser parser, String token) {
        return assertThrows(InvalidTokenException.class, () -> parser.parse(new BearerToken(token))).reason();
    }

    // --- token_use ---

    @ParameterizedTest
    @ValueSource(strings = {"refresh", "ID", "Access", "idtoken", ""})
    void unknownTokenUse_isRejectedAsWrongTokenUse(String tokenUse) {
        assertRejected(InvalidTokenReason.WRONG_TOKEN_USE, idToken(poolKey).claim("token_use", tokenUse).compact());
    }

    @Test
    void missingTokenUse_isRejectedAsWrongTokenUse() {
        assertRejected(InvalidTokenReason.WRONG_TOKEN_USE, idToken(poolKey).without("token_use").compact());
        assertRejected(InvalidTokenReason.WRONG_TOKEN_USE, idToken(poolKey).claim("token_use", List.of("id")).compact());
    }

    @Test
    void accessTokenWhenOnlyIdTokensAreAllowed_isRejectedAsWrongTokenUse() {
        try (CognitoTokenParser idOnly = new CognitoTokenParser(TestTokens.settings(jwks.url()).withTokenUses(Set.of(TokenUse.ID)))) {
            InvalidTokenException e = assertThrows(InvalidTokenException.class,
                    () -> idOnly.parse(new BearerToken(accessToken(poolKey).compact())));
            assertEquals(InvalidTokenReason.WRONG_TOKEN_USE, e.reason());
            assertEquals(USERNAME, idOnly.parse(new BearerToken(idToken(poolKey).compact())).username());
        }
    }

    @Test
    void idTokenWhenOnlyAccessTokensAreAllowed_isRejectedAsWrongTokenUse() {
        try (CognitoTokenParser accessOnly = new CognitoTokenParser(TestTokens.settings(jwks.url()).withTokenUses(Set.of(TokenUse.ACCESS)))) {
            InvalidTokenException e = assertThrows(InvalidTokenException.class,
                    () -> accessOnly.parse(new BearerToken(idToken(poolKey).compact())));
            assertEquals(InvalidTokenReason.WRONG_TOKEN_USE, e.reason());
            assertEquals(USERNAME, accessOnly.parse(new BearerToken(accessToken(poolKey).compact())).username());
        }
    }

    @Test
    void idTokenClaimsUnderAccessTokenUse_isRejectedAsMissingClaim() {
        // An ID token relabelled "access" lacks client_id/username: the access rules apply, not the ID ones.
        String relabelled = idToken(poolKey).claim("token_use", "access").without("aud").compact();
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> parse(relabelled));
        assertTrue(Set.of(InvalidTokenReason.MISSING_CLAIM, InvalidTokenReason.WRONG_CLIENT).contains(e.reason()),
                "was " + e.reason());
    }

    // --- client ---

    @Test
    void idTokenForAForeignClient_isRejectedAsWrongClient() {
        assertRejected(InvalidTokenReason.WRONG_CLIENT, idToken(poolKey).claim("aud", FOREIGN_CLIENT_ID).compact());
    }

    @Test
    void idTokenWithoutAud_isRejectedAsWrongClient() {
        assertRejected(InvalidTokenReason.WRONG_CLIENT, idToken(poolKey).without("aud").compact());
    }

    @Test
    void idTokenWhoseAudAlsoNamesAForeignClient_isRejectedAsWrongClient() {
        assertRejected(InvalidTokenReason.WRONG_CLIENT, idToken(poolKey).claim("aud", List.of(CLIENT_ID, FOREIGN_CLIENT_ID)).compact());
    }

    @Test
    void accessTokenForAForeignClient_isRejectedAsWrongClient() {
        assertRejected(InvalidTokenReason.WRONG_CLIENT, accessToken(poolKey).claim("client_id", FOREIGN_CLIENT_ID).compact());
    }

    @Test
    void accessTokenWithoutClientId_isRejectedAsWrongClient() {
        assertRejected(InvalidTokenReason.WRONG_CLIENT, accessToken(poolKey).without("client_id").compact());
    }

    @Test
    void accessTokenCarryingAud_isRejectedAsWrongClient() {
        // Even an aud naming our own client: Cognito access tokens never carry one.
        assertRejected(InvalidTokenReason.WRONG_CLIENT, accessToken(poolKey).claim("aud", CLIENT_ID).compact());
    }

    // --- identity claims ---

    @Test
    void missingSub_isRejectedAsMissingClaim() {
        assertRejected(InvalidTokenReason.MISSING_CLAIM, idToken(poolKey).without("sub").compact());
    }

    @Test
    void missingUsername_isRejectedAsMissingClaim() {
        assertRejected(InvalidTokenReason.MISSING_CLAIM, idToken(poolKey).without("cognito:username").compact());
        assertRejected(InvalidTokenReason.MISSING_CLAIM, accessToken(poolKey).without("username").compact());
    }

    @Test
    void idTokenCarryingOnlyTheAccessTokenUsernameClaim_isRejectedAsMissingClaim() {
        assertRejected(InvalidTokenReason.MISSING_CLAIM,
                idToken(poolKey).without("cognito:username").claim("username", USERNAME).compact());
    }

    /** Past the library's presence check, still no identity: a 401, never a 500 from VerifiedIdentity. */
    @Test
    void blankOrNullSubOrUsername_isRejectedAsMissingClaim() {
        for (String blank : new String[] {"", " ", "\t"}) {
            assertRejected(InvalidTokenReason.MISSING_CLAIM, idToken(poolKey).claim("sub", blank).compact());
            assertRejected(InvalidTokenReason.MISSING_CLAIM, accessToken(poolKey).claim("sub", blank).compact());
            assertRejected(InvalidTokenReason.MISSING_CLAIM, idToken(poolKey).claim("cognito:username", blank).compact());
            assertRejected(InvalidTokenReason.MISSING_CLAIM, accessToken(poolKey).claim("username", blank).compact());
        }
        assertRejected(InvalidTokenReason.MISSING_CLAIM, withJsonNull(idToken(poolKey), "sub"));
        assertRejected(InvalidTokenReason.MISSING_CLAIM, withJsonNull(accessToken(poolKey), "sub"));
        assertRejected(InvalidTokenReason.MISSING_CLAIM, withJsonNull(idToken(poolKey), "cognito:username"));
        assertRejected(InvalidTokenReason.MISSING_CLAIM, withJsonNull(accessToken(poolKey), "username"));
    }

    /** The token with the claim present as a JSON {@code null}, which is not the same as leaving it out. */
    private static String withJsonNull(TestTokens.Draft draft, String claim) {
        String token = draft.claim(claim, null).compact();
        String payload = new Base64URL(token.split("\\.")[1]).decodeToString();
        assertTrue(payload.contains("\"" + claim + "\":null"), payload);
        return token;
    }

    @ParameterizedTest
    @MethodSource("clientIdsThatAreNotStrings")
    void accessTokenWhoseClientIdIsNotAString_isRejectedAsWrongClient(Object clientId) {
        assertRejected(InvalidTokenReason.WRONG_CLIENT, accessToken(poolKey).claim("client_id", clientId).compact());
    }

    static Stream<Object> clientIdsThatAreNotStrings() {
        return Stream.of(7, true, List.of(CLIENT_ID), Map.of("id", CLIENT_ID));
    }

    @Test
    void usernameOrSubOfTheWrongType_isRejectedAsMissingClaim() {
        assertRejected(InvalidTokenReason.MISSING_CLAIM, idToken(poolKey).claim("cognito:username", 7).compact());
        assertRejected(InvalidTokenReason.MISSING_CLAIM, idToken(poolKey).claim("sub", Map.of("id", 1)).compact());
        assertRejected(InvalidTokenReason.MISSING_CLAIM, idToken(poolKey).claim("cognito:username", " ").compact());
    }
}
