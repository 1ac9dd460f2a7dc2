package dev.userinfo.adapter.cognito;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.userinfo.domain.TokenUse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cognito-shaped tokens for tests: keys made here, claims as Cognito writes them, and a draft that
 * lets a test bend any header, claim or byte before (or after) signing.
 */
final class TestTokens {

    static final String POOL_ID = "eu-west-1_TestPool1";
    /** The pool's ORIGINAL issuer, which these tokens carry unless a test says otherwise. */
    static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/" + POOL_ID;
    /** The pool's UPDATED issuer (AWS API reference, IssuerConfigurationType). */
    static final String UPDATED_ISSUER = "https://issuer-cognito-idp.eu-west-1.amazonaws.com/" + POOL_ID;
    static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";
    static final String SECOND_CLIENT_ID = "1example23456789abcdefghij";
    static final String FOREIGN_CLIENT_ID = "7otherapp0client0id0xyz123";
    static final String SUB = "8f3c2a1e-6b7d-4e5f-9a0b-1c2d3e4f5a6b";
    static final String USERNAME = "alice";
    static final String EMAIL = "alice@example.com";

    private TestTokens() {}

    static RSAKey newRsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static TokenVerificationSettings settings(java.net.URI jwksUrl) {
        return TokenVerificationSettings.of(new UserPoolId(POOL_ID).issuers(), jwksUrl, Set.of(CLIENT_ID, SECOND_CLIENT_ID),
                Set.of(TokenUse.ID, TokenUse.ACCESS));
    }

    /** An ID token as Cognito issues it, signed with {@code key} under its kid. */
    static Draft idToken(RSAKey key) {
        long now = Instant.now().getEpochSecond();
        Draft draft = new Draft(key);
        draft.claims.put("sub", SUB);
        draft.claims.put("cognito:groups", List.of("admins"));
        draft.claims.put("email_verified", true);
        draft.claims.put("iss", ISSUER);
        draft.claims.put("cognito:username", USERNAME);
        draft.claims.put("origin_jti", "b5d1c1f0-0000-4000-8000-000000000001");
        draft.claims.put("aud", CLIENT_ID);
        draft.claims.put("event_id", "c6e2d2a1-0000-4000-8000-000000000002");
        draft.claims.put("token_use", "id");
        draft.claims.put("auth_time", now);
        draft.claims.put("exp", now + 3600);
        draft.claims.put("iat", now);
        draft.claims.put("jti", "d7f3e3b2-0000-4000-8000-000000000003");
        draft.claims.put("email", EMAIL);
        return draft;
    }

    /** An access token as Cognito issues it, signed with {@code key} under its kid. */
    static Draft accessToken(RSAKey key) {
        long now = Instant.now().getEpochSecond();
        Draft draft = new Draft(key);
        draft.claims.put("sub", SUB);
        draft.claims.put("cognito:groups", List.of("admins"));
        draft.claims.put("iss", ISSUER);
        draft.claims.put("client_id", CLIENT_ID);
        draft.claims.put("origin_jti", "b5d1c1f0-0000-4000-8000-000000000001");
        draft.claims.put("event_id", "c6e2d2a1-0000-4000-8000-000000000002");
        draft.claims.put("token_use", "access");
        draft.claims.put("scope", "aws.cognito.signin.user.admin");
        draft.claims.put("auth_time", now);
        draft.claims.put("exp", now + 3600);
        draft.claims.put("iat", now);
        draft.claims.put("jti", "d7f3e3b2-0000-4000-8000-000000000003");
        draft.claims.put("username", USERNAME);
        return draft;
    }

    static String b64(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A token under construction: header and claims as ordered JSON members, and a signer. */
    static final class Draft {
        final Map<String, Object> header = new LinkedHashMap<>();
        final Map<String, Object> claims = new LinkedHashMap<>();
        private JWSSigner signer;
        private JWSAlgorithm signingAlgorithm = JWSAlgorithm.RS256;

        private Draft(RSAKey key) {
            header.put("kid", key.getKeyID());
            header.put("alg", "RS256");
            try {
                signer = new RSASSASigner(key);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        Draft header(String name, Object value) {
            header.put(name, value);
            return this;
        }

        Draft withoutHeader(String name) {
            header.remove(name);
            return this;
        }

        Draft claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        Draft without(String name) {
            claims.remove(name);
            return this;
        }

        /** Signs with another key and algorithm; the header's alg stays what the test put there. */
        Draft signedWith(JWSSigner otherSigner, JWSAlgorithm algorithm) {
            signer = otherSigner;
            signingAlgorithm = algorithm;
            return this;
        }

        /** Signs the given header and payload text exactly as written. */
        String sign(String headerJson, String payloadJson) {
            String signingInput = b64(headerJson) + "." + b64(payloadJson);
            try {
                Base64URL signature = signer.sign(new JWSHeader(signingAlgorithm), signingInput.getBytes(StandardCharsets.US_ASCII));
                return signingInput + "." + signature;
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        String compact() {
            return sign(JSONObjectUtils.toJSONString(header), JSONObjectUtils.toJSONString(claims));
        }
    }
}
