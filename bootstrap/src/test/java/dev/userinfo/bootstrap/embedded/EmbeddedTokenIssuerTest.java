package dev.userinfo.bootstrap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.adapter.cognito.TokenVerificationSettings;
import dev.userinfo.bootstrap.config.SignInSettings;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmbeddedTokenIssuerTest {

    static final String ISSUER = EmbeddedTokenIssuer.issuerFor(8081);
    static final String CLIENT_ID = SignInSettings.DEFAULT_CLIENT_ID;

    /** An issuer as embedded mode makes one for a sign-in server on port 8081, tokens living an hour. */
    static EmbeddedTokenIssuer issuer(Clock clock) {
        return EmbeddedTokenIssuer.generate(ISSUER, CLIENT_ID, () -> DevSettings.DEFAULT_TOKEN_LIFETIME, clock);
    }

    private final EmbeddedTokenIssuer issuer = issuer(Clock.systemUTC());
    private final DevUser alice = DevUsers.builtIn().find("alice").orElseThrow();
    private final CognitoTokenParser parser = parser(issuer);

    private static CognitoTokenParser parser(EmbeddedTokenIssuer keysOf) {
        return new CognitoTokenParser(TokenVerificationSettings.of(ISSUER,
                keysOf.jwksUrl(), Set.of(CLIENT_ID), EnumSet.allOf(TokenUse.class)),
                keysOf.keySource());
    }

    @Test
    void idToken_isShapedLikeCognitos_andVerifiedByTheProductionParser() throws Exception {
        String token = issuer.mint(alice).idToken();

        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(Set.of("alg", "kid"), jwt.getHeader().getIncludedParams());
        assertEquals(issuer.keyId(), jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(List.of(CLIENT_ID), claims.getAudience());
        assertEquals("id", claims.getStringClaim("token_use"));
        assertEquals("alice", claims.getStringClaim("cognito:username"));
        assertEquals(alice.sub(), claims.getSubject());
        assertEquals("alice@example.com", claims.getStringClaim("email"));
        assertEquals(Boolean.TRUE, claims.getBooleanClaim("email_verified"));
        assertEquals(List.of("admins"), claims.getStringListClaim("cognito:groups"));
        assertEquals(Duration.ofHours(1),
                Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()));
        assertTrue(claims.getJWTID() != null && claims.getClaim("auth_time") != null);

        VerifiedIdentity identity = parser.parse(new BearerToken(token));
        assertEquals("alice", identity.username());
        assertEquals(alice.sub(), identity.sub());
        assertEquals(TokenUse.ID, identity.tokenUse());
        assertEquals("alice@example.com", identity.emailClaim());
        assertEquals(List.of("admins"), identity.groups());
    }

    @Test
    void accessToken_carriesClientIdAndUsername_noAudience_andIsVerifiedByTheProductionParser() throws Exception {
        EmbeddedTokenIssuer.DevTokens tokens = issuer.mint(alice);

        JWTClaimsSet claims = SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet();
        assertEquals("access", claims.getStringClaim("token_use"));
        assertEquals(CLIENT_ID, claims.getStringClaim("client_id"));
        assertEquals("alice", claims.getStringClaim("username"));
        assertEquals("aws.cognito.signin.user.admin", claims.getStringClaim("scope"));
        assertTrue(claims.getAudience().isEmpty());
        assertNull(claims.getClaim("email"));
        JWTClaimsSet id = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet();
        assertEquals(id.getStringClaim("event_id"), claims.getStringClaim("event_id"));

        VerifiedIdentity identity = parser.parse(new BearerToken(tokens.accessToken()));
        assertEquals(TokenUse.ACCESS, identity.tokenUse());
        assertEquals("alice", identity.username());
    }

    @Test
    void userWithoutGroups_getsNoGroupsClaim_asCognitoLeavesItOut() throws Exception {
        DevUser jose = DevUsers.builtIn().find("jose").orElseThrow();

        JWTClaimsSet claims = SignedJWT.parse(issuer.mint(jose).idToken()).getJWTClaimsSet();

        assertFalse(claims.getClaims().containsKey("cognito:groups"));
        assertEquals("José Ñandú 🌮", claims.getStringClaim("nickname"));
    }

    @Test
    void tokenFromAnotherStartUp_isRejected_becauseEachStartMakesItsOwnKey() {
        EmbeddedTokenIssuer earlier = issuer(Clock.systemUTC());
        String token = earlier.mint(alice).idToken();

        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> parser.parse(new BearerToken(token)));

        assertEquals(InvalidTokenReason.UNKNOWN_KEY, e.reason());
    }

    @Test
    void tokenMintedAnHourAndTwoMinutesAgo_isExpired() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(62)), ZoneOffset.UTC);
        EmbeddedTokenIssuer pastIssuer = issuer(past);
        String token = pastIssuer.mint(alice).idToken();

        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> parser(pastIssuer).parse(new BearerToken(token)));

        assertEquals(InvalidTokenReason.EXPIRED, e.reason());
    }

    @Test
    void jwks_publishesThePublicKeyOnly() {
        String jwks = issuer.publicJwksJson();

        assertTrue(jwks.contains("\"kid\":\"" + issuer.keyId() + "\""), jwks);
        assertFalse(jwks.contains("\"d\":"), jwks);
        assertFalse(jwks.contains("\"p\":"), jwks);
    }

    @Test
    void tokensNeverShowInToString() {
        assertEquals("DevTokens[redacted]", issuer.mint(alice).toString());
    }
}
