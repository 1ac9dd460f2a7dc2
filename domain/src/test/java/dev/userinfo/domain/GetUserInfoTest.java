package dev.userinfo.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GetUserInfoTest {

    private static final BearerToken TOKEN = new BearerToken("header.payload.signature");
    private static final VerifiedIdentity ALICE = new VerifiedIdentity(
            "alice", "sub-alice", TokenUse.ID, "client-1", "claim@example.com", List.of("admins"),
            Instant.parse("2030-01-01T00:00:00Z"));

    private static TokenParser accepting(VerifiedIdentity identity) {
        return token -> identity;
    }

    /** A pool holding one user; it answers by username, whoever holds it, as the port says. */
    private static UserAttributeLookup pool(UserAttributes user) {
        return (username, sub) -> {
            if (!user.username().equals(username)) {
                throw new UserNotFoundException();
            }
            return user;
        };
    }

    private static UserAttributes alice(Map<String, String> attributes, boolean enabled) {
        return new UserAttributes("alice", "sub-alice", attributes, enabled);
    }

    @Test
    void noToken_endsInMissingToken_withoutTouchingThePorts() {
        AtomicInteger calls = new AtomicInteger();
        GetUserInfo useCase = new GetUserInfo(
                t -> { calls.incrementAndGet(); return ALICE; },
                (u, s) -> { calls.incrementAndGet(); throw new UserNotFoundException(); });

        assertInstanceOf(UserInfoResult.MissingToken.class, useCase.execute(Optional.empty()));
        assertEquals(0, calls.get());
    }

    @Test
    void validTokenAndEnabledUser_endsInFound_withPoolAttributes() {
        var user = alice(Map.of("email", "alice@example.com", "nickname", "Ally", "email_verified", "true"), true);
        var result = new GetUserInfo(accepting(ALICE), pool(user)).execute(Optional.of(TOKEN));

        var found = assertInstanceOf(UserInfoResult.Found.class, result);
        assertEquals(new UserInfo("alice", "alice@example.com", "Ally", "sub-alice", true, List.of("admins")),
                found.userInfo());
        assertSame(ALICE, found.identity());
    }

    @Test
    void userWithoutEmailAttribute_fallsBackToTheTokensEmailClaim() {
        var user = alice(Map.of(), true);
        var found = (UserInfoResult.Found) new GetUserInfo(accepting(ALICE), pool(user)).execute(Optional.of(TOKEN));

        assertEquals("claim@example.com", found.userInfo().email());
        assertNull(found.userInfo().nickname());
        assertNull(found.userInfo().emailVerified());
    }

    @Test
    void emailVerifiedFalse_isReportedAsFalse() {
        var user = alice(Map.of("email_verified", "false"), true);
        var found = (UserInfoResult.Found) new GetUserInfo(accepting(ALICE), pool(user)).execute(Optional.of(TOKEN));

        assertEquals(Boolean.FALSE, found.userInfo().emailVerified());
    }

    @Test
    void rejectedToken_endsInInvalidToken_withTheParsersReason_andNoLookup() {
        AtomicInteger lookups = new AtomicInteger();
        GetUserInfo useCase = new GetUserInfo(
                t -> { throw new InvalidTokenException(InvalidTokenReason.EXPIRED); },
                (u, s) -> { lookups.incrementAndGet(); return null; });

        var invalid = assertInstanceOf(UserInfoResult.InvalidToken.class, useCase.execute(Optional.of(TOKEN)));
        assertEquals(InvalidTokenReason.EXPIRED, invalid.reason());
        assertNull(invalid.sub());
        assertEquals(0, lookups.get());
    }

    @Test
    void keySetUnavailable_endsInUnavailable() {
        GetUserInfo useCase = new GetUserInfo(
                t -> { throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.KEY_SET, null); },
                pool(alice(Map.of(), true)));

        var result = assertInstanceOf(UserInfoResult.Unavailable.class, useCase.execute(Optional.of(TOKEN)));
        assertEquals(DependencyUnavailableException.Dependency.KEY_SET, result.dependency());
    }

    @Test
    void userDeletedSinceTheTokenWasIssued_endsInInvalidToken_userGone() {
        var result = new GetUserInfo(accepting(ALICE), pool(new UserAttributes("bob", "sub-bob", Map.of(), true)))
                .execute(Optional.of(TOKEN));

        var invalid = assertInstanceOf(UserInfoResult.InvalidToken.class, result);
        assertEquals(InvalidTokenReason.USER_GONE, invalid.reason());
        assertEquals("sub-alice", invalid.sub());
    }

    // --- the identity is the sub ---

    @Test
    void lookup_isAskedForTheTokensUsernameAndSub() {
        List<String> asked = new java.util.ArrayList<>();
        new GetUserInfo(accepting(ALICE), (username, sub) -> {
            asked.add(username + "/" + sub);
            return alice(Map.of(), true);
        }).execute(Optional.of(TOKEN));

        assertEquals(List.of("alice/sub-alice"), asked);
    }

    @Test
    void usernameNowHeldByAnotherSub_endsInUserGone_withTheTokensSub_andNothingOfTheNewOwner() {
        // alice was deleted and a new alice created: same username, another sub, another email.
        var newOwner = new UserAttributes("alice", "sub-new-alice",
                Map.of("sub", "sub-new-alice", "email", "new.alice@example.com", "nickname", "New"), true);

        var result = new GetUserInfo(accepting(ALICE), pool(newOwner)).execute(Optional.of(TOKEN));

        assertEquals(new UserInfoResult.InvalidToken(InvalidTokenReason.USER_GONE, "sub-alice"), result);
    }

    @Test
    void usernameNowHeldByAnotherSubWhoIsDisabled_endsInUserGone_notInUserDisabled() {
        var newOwner = new UserAttributes("alice", "sub-new-alice", Map.of(), false);

        var result = new GetUserInfo(accepting(ALICE), pool(newOwner)).execute(Optional.of(TOKEN));

        assertEquals(new UserInfoResult.InvalidToken(InvalidTokenReason.USER_GONE, "sub-alice"), result);
    }

    @Test
    void recordWithoutSub_endsInUserGone() {
        var noSub = new UserAttributes("alice", null, Map.of("email", "alice@example.com"), true);

        var result = new GetUserInfo(accepting(ALICE), pool(noSub)).execute(Optional.of(TOKEN));

        assertEquals(new UserInfoResult.InvalidToken(InvalidTokenReason.USER_GONE, "sub-alice"), result);
    }

    @Test
    void subThatDiffersOnlyInCase_isAnotherUser() {
        var upper = new UserAttributes("alice", "SUB-ALICE", Map.of(), true);

        var result = new GetUserInfo(accepting(ALICE), pool(upper)).execute(Optional.of(TOKEN));

        assertEquals(new UserInfoResult.InvalidToken(InvalidTokenReason.USER_GONE, "sub-alice"), result);
    }

    @Test
    void preVerifiedIdentity_whoseUsernameIsNowHeldByAnotherSub_endsInUserGone() {
        // An API Gateway authorizer verified the token; the pool still decides whose username it is now.
        var newOwner = new UserAttributes("alice", "sub-new-alice", Map.of("nickname", "New"), true);

        var result = new GetUserInfo(t -> { throw new AssertionError("must not parse"); }, pool(newOwner))
                .executeVerified(ALICE);

        assertEquals(new UserInfoResult.InvalidToken(InvalidTokenReason.USER_GONE, "sub-alice"), result);
    }

    @Test
    void userAttributes_subRules() {
        assertThrows(IllegalArgumentException.class, () -> new UserAttributes("alice", " ", Map.of(), true));
        assertThrows(IllegalArgumentException.class,
                () -> new UserAttributes("alice", "sub-a", Map.of("sub", "sub-b"), true));
        assertThrows(IllegalArgumentException.class,
                () -> new UserAttributes("alice", null, Map.of("sub", "sub-b"), true));
        assertTrue(new UserAttributes("alice", "sub-a", Map.of("sub", "sub-a"), true).belongsTo("sub-a"));
        assertFalse(new UserAttributes("alice", "sub-a", Map.of(), true).belongsTo("sub-b"));
        assertFalse(new UserAttributes("alice", null, Map.of(), true).belongsTo(null));
    }

    @Test
    void disabledUser_endsInUserDisabled() {
        var result = new GetUserInfo(accepting(ALICE), pool(alice(Map.of(), false)))
                .execute(Optional.of(TOKEN));

        assertEquals(new UserInfoResult.UserDisabled("sub-alice"), result);
    }

    @Test
    void poolUnavailable_endsInUnavailable() {
        GetUserInfo useCase = new GetUserInfo(accepting(ALICE),
                (u, s) -> { throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.USER_POOL, null); });

        assertEquals(new UserInfoResult.Unavailable(DependencyUnavailableException.Dependency.USER_POOL),
                useCase.execute(Optional.of(TOKEN)));
    }

    @Test
    void misconfiguredPool_isThrownForTheCallersErrorPath() {
        GetUserInfo useCase = new GetUserInfo(accepting(ALICE),
                (u, s) -> { throw new MisconfigurationException("no such pool", null); });

        assertThrows(MisconfigurationException.class, () -> useCase.execute(Optional.of(TOKEN)));
    }

    @Test
    void preVerifiedIdentity_skipsTheTokenParser() {
        GetUserInfo useCase = new GetUserInfo(
                t -> { throw new AssertionError("must not parse"); },
                pool(alice(Map.of("nickname", "Ally"), true)));

        var found = assertInstanceOf(UserInfoResult.Found.class, useCase.executeVerified(ALICE));
        assertEquals("Ally", found.userInfo().nickname());
    }

    @Test
    void bearerToken_neverShowsItselfInToString() {
        String text = new BearerToken("eyJhbGciOiJSUzI1NiJ9.secret.sig").toString();

        assertFalse(text.contains("eyJ"));
        assertFalse(text.contains("secret"));
        assertTrue(text.contains("redacted"));
    }

    @Test
    void blankBearerToken_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BearerToken(" "));
    }

    @Test
    void tokenUseClaim_onlyIdAndAccessAreKnown() {
        assertEquals(Optional.of(TokenUse.ID), TokenUse.fromClaim("id"));
        assertEquals(Optional.of(TokenUse.ACCESS), TokenUse.fromClaim("access"));
        assertEquals(Optional.empty(), TokenUse.fromClaim("refresh"));
        assertEquals(Optional.empty(), TokenUse.fromClaim("ID"));
        assertEquals(Optional.empty(), TokenUse.fromClaim(null));
    }

    @Test
    void verifiedIdentity_withoutSub_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VerifiedIdentity(
                "alice", " ", TokenUse.ID, "client", null, List.of(), Instant.EPOCH));
    }
}
