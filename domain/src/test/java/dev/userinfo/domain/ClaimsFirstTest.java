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

/** {@link AttributeSource#TOKEN}: ID tokens answered from their claims; and stale pool records marked as such. */
class ClaimsFirstTest {

    private static final BearerToken TOKEN = new BearerToken("header.payload.signature");
    private static final Instant EXP = Instant.parse("2030-01-01T00:00:00Z");
    private static final Map<String, String> CLAIMS = Map.of(
            "email", "alice@example.com", "email_verified", "true", "nickname", "Ally", "custom:team", "blue");
    private static final VerifiedIdentity ALICE_ID = new VerifiedIdentity("alice", "sub-alice", TokenUse.ID, "client-1",
            "alice@example.com", List.of("admins"), EXP, CLAIMS);
    private static final VerifiedIdentity ALICE_ACCESS = new VerifiedIdentity("alice", "sub-alice", TokenUse.ACCESS,
            "client-1", null, List.of("admins"), EXP);

    private final AtomicInteger lookups = new AtomicInteger();

    /** The pool: alice, with other values than her token, so an answer says where it came from. */
    private UserAttributeLookup pool(boolean enabled) {
        return (username, sub) -> {
            lookups.incrementAndGet();
            return new UserAttributes("alice", "sub-alice",
                    Map.of("email", "pool@example.com", "email_verified", "false", "nickname", "Pool"), enabled);
        };
    }

    private GetUserInfo useCase(VerifiedIdentity identity, AttributeSource source, boolean enabled) {
        return new GetUserInfo(token -> identity, pool(enabled), source);
    }

    @Test
    void tokenSource_idToken_isAnsweredFromItsClaims_withoutAskingThePool() {
        var result = useCase(ALICE_ID, AttributeSource.TOKEN, true).execute(Optional.of(TOKEN));

        var found = assertInstanceOf(UserInfoResult.Found.class, result);
        assertEquals(new UserInfo("alice", "alice@example.com", "Ally", "sub-alice", true, List.of("admins")),
                found.userInfo());
        assertEquals(ProfileOrigin.ID_TOKEN, found.origin());
        assertSame(ALICE_ID, found.identity());
        assertEquals(0, lookups.get());
    }

    @Test
    void tokenSource_idTokenOfAUserDisabledSince_isStillAnswered_theDocumentedTradeOff() {
        var result = useCase(ALICE_ID, AttributeSource.TOKEN, false).execute(Optional.of(TOKEN));

        assertEquals(ProfileOrigin.ID_TOKEN, assertInstanceOf(UserInfoResult.Found.class, result).origin());
        assertEquals(0, lookups.get());
    }

    @Test
    void tokenSource_accessToken_isLookedUpInThePool() {
        var result = useCase(ALICE_ACCESS, AttributeSource.TOKEN, true).execute(Optional.of(TOKEN));

        var found = assertInstanceOf(UserInfoResult.Found.class, result);
        assertEquals("pool@example.com", found.userInfo().email());
        assertEquals("Pool", found.userInfo().nickname());
        assertEquals(ProfileOrigin.POOL, found.origin());
        assertEquals(1, lookups.get());
    }

    @Test
    void tokenSource_accessTokenOfADisabledUser_is403() {
        var result = useCase(ALICE_ACCESS, AttributeSource.TOKEN, false).execute(Optional.of(TOKEN));

        assertEquals(new UserInfoResult.UserDisabled("sub-alice"), result);
    }

    @Test
    void poolSource_idToken_isLookedUp_andThePoolsValuesWin() {
        var result = useCase(ALICE_ID, AttributeSource.POOL, true).execute(Optional.of(TOKEN));

        var found = assertInstanceOf(UserInfoResult.Found.class, result);
        assertEquals("pool@example.com", found.userInfo().email());
        assertEquals(false, found.userInfo().emailVerified());
        assertEquals(ProfileOrigin.POOL, found.origin());
        assertEquals(1, lookups.get());
    }

    @Test
    void poolSource_idTokenOfADisabledUser_is403_whateverItsClaimsSay() {
        assertEquals(new UserInfoResult.UserDisabled("sub-alice"),
                useCase(ALICE_ID, AttributeSource.POOL, false).execute(Optional.of(TOKEN)));
    }

    @Test
    void twoArgumentUseCase_readsThePool() {
        var result = new GetUserInfo(token -> ALICE_ID, pool(true)).execute(Optional.of(TOKEN));

        assertEquals(ProfileOrigin.POOL, assertInstanceOf(UserInfoResult.Found.class, result).origin());
        assertEquals(1, lookups.get());
    }

    @Test
    void tokenSource_preVerifiedIdToken_isAnsweredFromItsClaims() {
        var result = new GetUserInfo(t -> { throw new AssertionError("must not parse"); }, pool(true), AttributeSource.TOKEN)
                .executeVerified(ALICE_ID);

        assertEquals("Ally", assertInstanceOf(UserInfoResult.Found.class, result).userInfo().nickname());
        assertEquals(0, lookups.get());
    }

    @Test
    void tokenSource_idTokenWithoutAttributeClaims_answersNulls_andTheEmailClaim() {
        VerifiedIdentity bare = new VerifiedIdentity("bob", "sub-bob", TokenUse.ID, "client-1", "bob@example.com",
                List.of(), EXP);

        var found = (UserInfoResult.Found) useCase(bare, AttributeSource.TOKEN, true).execute(Optional.of(TOKEN));

        assertEquals(new UserInfo("bob", "bob@example.com", null, "sub-bob", null, List.of()), found.userInfo());
    }

    @Test
    void staleRecordFromThePool_isFound_markedPoolStale() {
        UserAttributes stale = new UserAttributes("alice", "sub-alice", Map.of("nickname", "Ally"), true).asStale();
        var result = new GetUserInfo(token -> ALICE_ACCESS, (u, s) -> stale).execute(Optional.of(TOKEN));

        var found = assertInstanceOf(UserInfoResult.Found.class, result);
        assertEquals(ProfileOrigin.POOL_STALE, found.origin());
        assertEquals("Ally", found.userInfo().nickname());
    }

    @Test
    void staleRecordOfADisabledUser_is403_andOfAnotherSub_isUserGone() {
        UserAttributes disabled = new UserAttributes("alice", "sub-alice", Map.of(), false).asStale();
        UserAttributes other = new UserAttributes("alice", "sub-other", Map.of(), true).asStale();

        assertEquals(new UserInfoResult.UserDisabled("sub-alice"),
                new GetUserInfo(token -> ALICE_ACCESS, (u, s) -> disabled).execute(Optional.of(TOKEN)));
        assertEquals(new UserInfoResult.InvalidToken(InvalidTokenReason.USER_GONE, "sub-alice"),
                new GetUserInfo(token -> ALICE_ACCESS, (u, s) -> other).execute(Optional.of(TOKEN)));
    }

    @Test
    void asStale_keepsEverything_butTheFlag() {
        UserAttributes fresh = new UserAttributes("alice", "sub-alice", Map.of("nickname", "Ally"), false);

        UserAttributes stale = fresh.asStale();

        assertFalse(fresh.stale());
        assertTrue(stale.stale());
        assertEquals(new UserAttributes("alice", "sub-alice", Map.of("nickname", "Ally"), false, true), stale);
    }

    @Test
    void attributeClaims_areTheStandardAndCustomAttributes_neverSubNorTokenClaims() {
        for (String name : List.of("email", "email_verified", "nickname", "name", "phone_number",
                "phone_number_verified", "address", "updated_at", "custom:team")) {
            assertTrue(UserAttributes.isAttributeClaim(name), name);
        }
        for (String name : List.of("sub", "iss", "aud", "exp", "token_use", "cognito:username", "cognito:groups",
                "custom:", "Email", "dev:custom:x", "")) {
            assertFalse(UserAttributes.isAttributeClaim(name), name);
        }
        assertFalse(UserAttributes.isAttributeClaim(null));
    }

    @Test
    void verifiedIdentity_refusesAClaimThatIsNoAttribute_andCopiesTheMap() {
        assertThrows(IllegalArgumentException.class, () -> new VerifiedIdentity("alice", "sub-alice", TokenUse.ID,
                "client-1", null, List.of(), EXP, Map.of("sub", "sub-alice")));
        assertThrows(IllegalArgumentException.class, () -> new VerifiedIdentity("alice", "sub-alice", TokenUse.ID,
                "client-1", null, List.of(), EXP, Map.of("cognito:groups", "admins")));
        assertEquals(Map.of(), new VerifiedIdentity("alice", "sub-alice", TokenUse.ID, "client-1", null, List.of(), EXP,
                null).attributeClaims());
        assertEquals(Map.of(), ALICE_ACCESS.attributeClaims());
        assertNull(ALICE_ACCESS.emailClaim());
    }

    @Test
    void found_requiresAnOrigin_andDefaultsToThePool() {
        UserInfo info = new UserInfo("alice", null, null, "sub-alice", null, List.of());

        assertEquals(ProfileOrigin.POOL, new UserInfoResult.Found(info, ALICE_ID).origin());
        assertThrows(NullPointerException.class, () -> new UserInfoResult.Found(info, ALICE_ID, null));
        assertThrows(NullPointerException.class, () -> new GetUserInfo(t -> ALICE_ID, pool(true), null));
    }
}
