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

    private static UserAttributeLookup pool(UserAttributes user) {
        return username -> {
            if (!user.username().equals(username)) {
                throw new UserNotFoundException();
            }
            return user;
        };
    }

    @Test
    void noToken_endsInMissingToken_withoutTouchingThePorts() {
        AtomicInteger calls = new AtomicInteger();
        GetUserInfo useCase = new GetUserInfo(
                t -> { calls.incrementAndGet(); return ALICE; },
                u -> { calls.incrementAndGet(); throw new UserNotFoundException(); });

        assertInstanceOf(UserInfoResult.MissingToken.class, useCase.execute(Optional.empty()));
        assertEquals(0, calls.get());
    }

    @Test
    void validTokenAndEnabledUser_endsInFound_withPoolAttributes() {
        var user = new UserAttributes("alice",
                Map.of("email", "alice@example.com", "nickname", "Ally", "email_verified", "true"), true);
        var result = new GetUserInfo(accepting(ALICE), pool(user)).execute(Optional.of(TOKEN));

        var found = assertInstanceOf(UserInfoResult.Found.class, result);
        assertEquals(new UserInfo("alice", "alice@example.com", "Ally", "sub-alice", true, List.of("admins")),
                found.userInfo());
        assertSame(ALICE, found.identity());
    }

    @Test
    void userWithoutEmailAttribute_fallsBackToTheTokensEmailClaim() {
        var user = new UserAttributes("alice", Map.of(), true);
        var found = (UserInfoResult.Found) new GetUserInfo(accepting(ALICE), pool(user)).execute(Optional.of(TOKEN));

        assertEquals("claim@example.com", found.userInfo().email());
        assertNull(found.userInfo().nickname());
        assertNull(found.userInfo().emailVerified());
    }

    @Test
    void emailVerifiedFalse_isReportedAsFalse() {
        var user = new UserAttributes("alice", Map.of("email_verified", "false"), true);
        var found = (UserInfoResult.Found) new GetUserInfo(accepting(ALICE), pool(user)).execute(Optional.of(TOKEN));

        assertEquals(Boolean.FALSE, found.userInfo().emailVerified());
    }

    @Test
    void rejectedToken_endsInInvalidToken_withTheParsersReason_andNoLookup() {
        AtomicInteger lookups = new AtomicInteger();
        GetUserInfo useCase = new GetUserInfo(
                t -> { throw new InvalidTokenException(InvalidTokenReason.EXPIRED); },
                u -> { lookups.incrementAndGet(); return null; });

        var invalid = assertInstanceOf(UserInfoResult.InvalidToken.class, useCase.execute(Optional.of(TOKEN)));
        assertEquals(InvalidTokenReason.EXPIRED, invalid.reason());
        assertNull(invalid.sub());
        assertEquals(0, lookups.get());
    }

    @Test
    void keySetUnavailable_endsInUnavailable() {
        GetUserInfo useCase = new GetUserInfo(
                t -> { throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.KEY_SET, null); },
                pool(new UserAttributes("alice", Map.of(), true)));

        var result = assertInstanceOf(UserInfoResult.Unavailable.class, useCase.execute(Optional.of(TOKEN)));
        assertEquals(DependencyUnavailableException.Dependency.KEY_SET, result.dependency());
    }

    @Test
    void userDeletedSinceTheTokenWasIssued_endsInInvalidToken_userGone() {
        var result = new GetUserInfo(accepting(ALICE), pool(new UserAttributes("bob", Map.of(), true)))
                .execute(Optional.of(TOKEN));

        var invalid = assertInstanceOf(UserInfoResult.InvalidToken.class, result);
        assertEquals(InvalidTokenReason.USER_GONE, invalid.reason());
        assertEquals("sub-alice", invalid.sub());
    }

    @Test
    void disabledUser_endsInUserDisabled() {
        var result = new GetUserInfo(accepting(ALICE), pool(new UserAttributes("alice", Map.of(), false)))
                .execute(Optional.of(TOKEN));

        assertEquals(new UserInfoResult.UserDisabled("sub-alice"), result);
    }

    @Test
    void poolUnavailable_endsInUnavailable() {
        GetUserInfo useCase = new GetUserInfo(accepting(ALICE),
                u -> { throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.USER_POOL, null); });

        assertEquals(new UserInfoResult.Unavailable(DependencyUnavailableException.Dependency.USER_POOL),
                useCase.execute(Optional.of(TOKEN)));
    }

    @Test
    void misconfiguredPool_isThrownForTheCallersErrorPath() {
        GetUserInfo useCase = new GetUserInfo(accepting(ALICE),
                u -> { throw new MisconfigurationException("no such pool", null); });

        assertThrows(MisconfigurationException.class, () -> useCase.execute(Optional.of(TOKEN)));
    }

    @Test
    void preVerifiedIdentity_skipsTheTokenParser() {
        GetUserInfo useCase = new GetUserInfo(
                t -> { throw new AssertionError("must not parse"); },
                pool(new UserAttributes("alice", Map.of("nickname", "Ally"), true)));

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
