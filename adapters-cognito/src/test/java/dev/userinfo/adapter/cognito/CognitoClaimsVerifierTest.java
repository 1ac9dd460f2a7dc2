package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.userinfo.adapter.cognito.CognitoClaimsVerifier.RejectedClaimsException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.TokenUse;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The claim rules per token use on their own. The parser picks the rules by {@code token_use}
 * before the signature is checked; these rules check it again after, which only a direct call can show.
 */
class CognitoClaimsVerifierTest {

    private final TokenVerificationSettings settings = TestTokens.settings(URI.create("https://example.invalid/jwks.json"));
    /** Made once per JVM: only the claims are used, and a key pair per test costs more than the test. */
    private static final RSAKey KEY = TestTokens.newRsaKey("k");

    private final Map<String, Object> idClaims = TestTokens.idToken(KEY).claims;

    @Test
    void idTokenRules_acceptACognitoIdToken() throws ParseException {
        JWTClaimsSet claims = JWTClaimsSet.parse(idClaims);
        assertDoesNotThrow(() -> new CognitoClaimsVerifier(settings, TokenUse.ID).verify(claims, null));
    }

    @Test
    void idTokenRules_givenAnotherTokenUse_rejectWithWrongTokenUse() throws ParseException {
        idClaims.put("token_use", "access");
        JWTClaimsSet claims = JWTClaimsSet.parse(idClaims);

        RejectedClaimsException e = assertThrows(RejectedClaimsException.class,
                () -> new CognitoClaimsVerifier(settings, TokenUse.ID).verify(claims, null));
        assertEquals(InvalidTokenReason.WRONG_TOKEN_USE, e.reason());
    }

    @Test
    void accessTokenRules_givenAnIdToken_rejectWithWrongTokenUse() throws ParseException {
        JWTClaimsSet claims = JWTClaimsSet.parse(idClaims);

        RejectedClaimsException e = assertThrows(RejectedClaimsException.class,
                () -> new CognitoClaimsVerifier(settings, TokenUse.ACCESS).verify(claims, null));
        assertEquals(InvalidTokenReason.WRONG_TOKEN_USE, e.reason());
    }
}
