package dev.userinfo.adapter.cognito;

import static dev.userinfo.adapter.cognito.TestTokens.CLIENT_ID;
import static dev.userinfo.adapter.cognito.TestTokens.SECOND_CLIENT_ID;
import static dev.userinfo.adapter.cognito.TestTokens.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import dev.userinfo.domain.session.Nonce;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The session's ID token check: the production parser's checks, ID tokens of the sign-in client only, and the nonce. */
class CognitoIdTokenVerifierTest {

    private static final RSAKey KEY = TestTokens.newRsaKey("pool-key-1");
    private static final Nonce NONCE = new Nonce("n0nce-of-this-sign-in");

    /** Bearer tokens of either client and either use are accepted; sessions sign in with CLIENT_ID. */
    private final CognitoTokenParser bearer = new CognitoTokenParser(
            TestTokens.settings(URI.create("https://keys.example.com/jwks.json")),
            new ImmutableJWKSet<SecurityContext>(new JWKSet(KEY.toPublicJWK())));
    private final CognitoIdTokenVerifier verifier = new CognitoIdTokenVerifier(bearer, CLIENT_ID);

    private static BearerToken token(TestTokens.Draft draft) {
        return new BearerToken(draft.compact());
    }

    private InvalidTokenReason refusal(TestTokens.Draft draft, Optional<Nonce> nonce) {
        return assertThrows(InvalidTokenException.class, () -> verifier.verify(token(draft), nonce)).reason();
    }

    @Test
    void idTokenWithTheExpectedNonce_verifies() {
        VerifiedIdentity identity = verifier.verify(token(TestTokens.idToken(KEY).claim("nonce", NONCE.value())),
                Optional.of(NONCE));

        assertEquals(SUB, identity.sub());
        assertEquals(TokenUse.ID, identity.tokenUse());
        assertEquals(CLIENT_ID, identity.clientId());
        assertEquals(List.of("admins"), identity.groups());
    }

    @Test
    void idTokenWithoutNonce_asCognitoLocalMintsIt_isRefused() {
        assertEquals(InvalidTokenReason.NONCE_MISMATCH, refusal(TestTokens.idToken(KEY), Optional.of(NONCE)));
    }

    @Test
    void idTokenWithAnotherNonce_orANonStringNonce_isRefused() {
        assertEquals(InvalidTokenReason.NONCE_MISMATCH,
                refusal(TestTokens.idToken(KEY).claim("nonce", "n0nce-of-another-sign-in"), Optional.of(NONCE)));
        assertEquals(InvalidTokenReason.NONCE_MISMATCH,
                refusal(TestTokens.idToken(KEY).claim("nonce", List.of(NONCE.value())), Optional.of(NONCE)));
        assertEquals(InvalidTokenReason.NONCE_MISMATCH,
                refusal(TestTokens.idToken(KEY).claim("nonce", NONCE.value() + "x"), Optional.of(NONCE)));
    }

    @Test
    void onRefresh_noNonceIsExpected() {
        assertEquals(SUB, verifier.verify(token(TestTokens.idToken(KEY)), Optional.empty()).sub());
    }

    @Test
    void theProductionChecksStillRun_beforeTheNonce() {
        assertEquals(InvalidTokenReason.EXPIRED, refusal(TestTokens.idToken(KEY).claim("nonce", NONCE.value())
                .claim("exp", 1_000_000_000L), Optional.of(NONCE)));
        assertEquals(InvalidTokenReason.UNKNOWN_KEY, refusal(TestTokens.idToken(TestTokens.newRsaKey("attacker"))
                .claim("nonce", NONCE.value()), Optional.of(NONCE)));
        assertEquals(InvalidTokenReason.WRONG_ISSUER, refusal(TestTokens.idToken(KEY).claim("nonce", NONCE.value())
                .claim("iss", "https://evil.example.com"), Optional.of(NONCE)));
    }

    @Test
    void onlyIdTokensOfTheSignInClient_areAccepted_whateverBearerModeAllows() {
        assertEquals(SECOND_CLIENT_ID, bearer.parse(token(TestTokens.idToken(KEY).claim("aud", SECOND_CLIENT_ID))).clientId());
        assertEquals(InvalidTokenReason.WRONG_CLIENT, refusal(TestTokens.idToken(KEY).claim("aud", SECOND_CLIENT_ID)
                .claim("nonce", NONCE.value()), Optional.of(NONCE)));
        assertEquals(InvalidTokenReason.WRONG_TOKEN_USE,
                refusal(TestTokens.accessToken(KEY).claim("nonce", NONCE.value()), Optional.of(NONCE)));
    }

    @Test
    void parseIdToken_refusesAnAccessToken_evenOnAParserWhoseBearerModeAcceptsIt() {
        assertEquals(TokenUse.ACCESS, bearer.parse(token(TestTokens.accessToken(KEY))).tokenUse());

        assertEquals(InvalidTokenReason.WRONG_TOKEN_USE, assertThrows(InvalidTokenException.class,
                () -> bearer.parseIdToken(token(TestTokens.accessToken(KEY)), Optional.empty())).reason());
    }

    @Test
    void aBearerParserForAccessTokensOnly_stillLetsSessionsVerifyIdTokens() {
        CognitoTokenParser accessOnly = new CognitoTokenParser(
                TestTokens.settings(URI.create("https://keys.example.com/jwks.json")).withTokenUses(Set.of(TokenUse.ACCESS)),
                new ImmutableJWKSet<SecurityContext>(new JWKSet(KEY.toPublicJWK())));

        assertEquals(SUB, new CognitoIdTokenVerifier(accessOnly, CLIENT_ID)
                .verify(token(TestTokens.idToken(KEY).claim("nonce", NONCE.value())), Optional.of(NONCE)).sub());
        assertEquals(InvalidTokenReason.WRONG_TOKEN_USE,
                assertThrows(InvalidTokenException.class, () -> accessOnly.parse(token(TestTokens.idToken(KEY)))).reason());
    }
}
