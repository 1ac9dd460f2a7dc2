package dev.userinfo.adapter.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerClaimsTest {

    private final AuthorizerTrust anyUse =
            AuthorizerTrust.trustAuthorizer(Set.of("client-1"), Set.of(TokenUse.ID, TokenUse.ACCESS));

    private static Map<String, Object> accessClaims() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "sub-zoe");
        claims.put("token_use", "access");
        claims.put("client_id", "client-1");
        claims.put("username", "zoë");
        claims.put("scope", "openid email");
        claims.put("exp", "1773345838");
        return claims;
    }

    private VerifiedIdentity usable(Map<String, ?> claims, AuthorizerTrust trust) {
        AuthorizerClaims.Read read = AuthorizerClaims.read(claims, trust);
        return assertInstanceOf(AuthorizerClaims.Read.Usable.class, read).identity();
    }

    private InvalidTokenReason unusable(Map<String, ?> claims) {
        AuthorizerClaims.Read read = AuthorizerClaims.read(claims, anyUse);
        return assertInstanceOf(AuthorizerClaims.Read.Unusable.class, read).reason();
    }

    @Test
    void restCognitoAuthorizerClaims_becomeTheIdTokensIdentity() {
        VerifiedIdentity id = usable(RestApiEventAdapterTest.aliceRestClaims(), anyUse);

        assertEquals(new VerifiedIdentity("alice", "sub-alice", TokenUse.ID, "client-1", "alice@example.com",
                List.of("admins", "beta"), Instant.parse("2026-03-12T20:03:58Z"),
                Map.of("email", "alice@example.com", "email_verified", "true")), id);
    }

    @Test
    void idTokenClaims_carryTheUsersAttributes_andNothingAboutTheToken() {
        Map<String, Object> claims = RestApiEventAdapterTest.aliceRestClaims();
        claims.put("nickname", " Ally ");
        claims.put("custom:team", "blue");
        claims.put("phone_number_verified", false);
        claims.put("updated_at", 1773342000);
        claims.put("name", "");
        claims.put("address", Map.of("formatted", "1 Main St"));

        VerifiedIdentity id = usable(claims, anyUse);

        assertEquals(Map.of("email", "alice@example.com", "email_verified", "true", "nickname", "Ally",
                "custom:team", "blue", "phone_number_verified", "false", "updated_at", "1773342000"),
                id.attributeClaims());
    }

    @Test
    void httpJwtAuthorizerClaims_carryTheAttributesToo() {
        VerifiedIdentity id = usable(HttpApiEventAdapterTest.aliceJwtClaims(), anyUse);

        assertEquals(Map.of("email", "alice@example.com", "email_verified", "true"), id.attributeClaims());
    }

    @Test
    void httpJwtAuthorizerClaims_becomeTheSameIdentity() {
        VerifiedIdentity id = usable(HttpApiEventAdapterTest.aliceJwtClaims(), anyUse);

        assertEquals(List.of("admins", "beta"), id.groups());
        assertEquals(Instant.ofEpochSecond(1_773_345_838L), id.expiresAt());
        assertEquals("alice", id.username());
    }

    @Test
    void accessTokenClaims_takeUsernameAndClientId_andNoEmail() {
        Map<String, Object> claims = accessClaims();
        claims.put("email", "should-not-be-read@example.com");

        VerifiedIdentity id = usable(claims, anyUse);

        assertEquals("zoë", id.username());
        assertEquals("client-1", id.clientId());
        assertEquals(TokenUse.ACCESS, id.tokenUse());
        assertEquals(null, id.emailClaim());
        assertEquals(List.of(), id.groups());
        assertEquals(Map.of(), id.attributeClaims(), "an access token carries no attributes");
    }

    @Test
    void absentOrEmptyClaims_areAbsent() {
        assertInstanceOf(AuthorizerClaims.Read.Absent.class, AuthorizerClaims.read(null, anyUse));
        assertInstanceOf(AuthorizerClaims.Read.Absent.class, AuthorizerClaims.read(Map.of(), anyUse));
    }

    @Test
    void clientOutsideTheAllowlist_isWrongClient() {
        Map<String, Object> claims = RestApiEventAdapterTest.aliceRestClaims();
        claims.put("aud", "client-2");

        assertEquals(InvalidTokenReason.WRONG_CLIENT, unusable(claims));
    }

    @Test
    void accessTokenCarryingAud_isWrongClient() {
        Map<String, Object> claims = accessClaims();
        claims.put("aud", "client-1");

        assertEquals(InvalidTokenReason.WRONG_CLIENT, unusable(claims));
    }

    @Test
    void tokenUseNotAllowedByConfiguration_isWrongTokenUse() {
        AuthorizerTrust idOnly = AuthorizerTrust.trustAuthorizer(Set.of("client-1"), Set.of(TokenUse.ID));

        AuthorizerClaims.Read read = AuthorizerClaims.read(accessClaims(), idOnly);

        assertEquals(InvalidTokenReason.WRONG_TOKEN_USE,
                assertInstanceOf(AuthorizerClaims.Read.Unusable.class, read).reason());
    }

    @Test
    void refreshOrMissingTokenUse_isWrongTokenUse() {
        Map<String, Object> claims = accessClaims();
        claims.put("token_use", "refresh");
        assertEquals(InvalidTokenReason.WRONG_TOKEN_USE, unusable(claims));
        claims.remove("token_use");
        assertEquals(InvalidTokenReason.WRONG_TOKEN_USE, unusable(claims));
    }

    @Test
    void missingSubUsernameOrUnreadableExp_isMissingClaim() {
        for (String claim : List.of("sub", "username", "exp")) {
            Map<String, Object> claims = accessClaims();
            claims.remove(claim);
            assertEquals(InvalidTokenReason.MISSING_CLAIM, unusable(claims), claim);
        }
        Map<String, Object> claims = accessClaims();
        claims.put("exp", "next tuesday");
        assertEquals(InvalidTokenReason.MISSING_CLAIM, unusable(claims));
    }

    @Test
    void multiValuedClaims_inEveryShapeAnAuthorizerSends() {
        assertEquals(List.of("a", "b"), AuthorizerClaims.list("[a b]"));
        assertEquals(List.of("a", "b"), AuthorizerClaims.list("a,b"));
        assertEquals(List.of("a", "b"), AuthorizerClaims.list("[a, b]"));
        assertEquals(List.of("a"), AuthorizerClaims.list("a"));
        assertEquals(List.of("a", "b"), AuthorizerClaims.list(List.of("a", "b")));
        assertEquals(List.of(), AuthorizerClaims.list("[]"));
        assertEquals(List.of(), AuthorizerClaims.list(null));
    }

    @Test
    void expiry_asEpochSecondsOrAsJavaDateText() {
        assertEquals(Optional.of(Instant.ofEpochSecond(1_773_345_838L)), AuthorizerClaims.instant("1773345838"));
        assertEquals(Optional.of(Instant.ofEpochSecond(1_773_345_838L)), AuthorizerClaims.instant("1773345838.9"));
        assertEquals(Optional.of(Instant.parse("2026-03-02T08:05:09Z")),
                AuthorizerClaims.instant("Mon Mar 02 08:05:09 UTC 2026"));
        assertEquals(Optional.empty(), AuthorizerClaims.instant("soon"));
    }
}
