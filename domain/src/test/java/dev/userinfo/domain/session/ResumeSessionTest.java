package dev.userinfo.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.TokenParser;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.UserNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Idle and absolute expiry on a fake clock, the refresh rules, and the lookup, over the fakes. */
class ResumeSessionTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration IDLE = Duration.ofHours(8);
    private static final Duration MAX_AGE = Duration.ofDays(7);

    private final MutableClock clock = new MutableClock(T0);
    private final FakeAuthorizationServer server = new FakeAuthorizationServer();
    private final FakeIdTokenVerifier verifier = new FakeIdTokenVerifier();
    private final Map<String, UserAttributes> pool = new HashMap<>();
    private final TokenParser noBearer = token -> {
        throw new AssertionError("cookie requests verify no bearer token");
    };
    private final ResumeSession resume = new ResumeSession(server, verifier,
            new GetUserInfo(noBearer, (username, sub) -> {
                UserAttributes user = pool.get(username);
                if (user == null) {
                    throw new UserNotFoundException();
                }
                if (user.attributes().containsKey("down")) {
                    throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.USER_POOL, null);
                }
                return user;
            }), clock, new SessionPolicy(IDLE, MAX_AGE), FakeAuthorizationServer.CLIENT_ID);

    ResumeSessionTest() {
        pool.put("alice", new UserAttributes("alice", "sub-alice",
                Map.of("sub", "sub-alice", "email", "alice@example.com", "nickname", "Ally"), true));
    }

    /** Signed in at T0, access token until T0 + 15 min. */
    private static Session session() {
        return new Session(new SessionId("sid-1"), "sub-alice", "alice", List.of("admins"), T0, T0, T0.plus(MAX_AGE),
                T0.plus(Duration.ofMinutes(15)), new RefreshToken("rt-1"));
    }

    @Test
    void freshSession_answersTheProfileWithItsGroups_andLeavesTheCookieAlone() {
        SessionResult.Active active = assertInstanceOf(SessionResult.Active.class, resume.resume(session(), false));

        assertEquals("alice", active.userInfo().name());
        assertEquals("alice@example.com", active.userInfo().email());
        assertEquals("Ally", active.userInfo().nickname());
        assertEquals("sub-alice", active.userInfo().sub());
        assertEquals(List.of("admins"), active.userInfo().groups());
        assertTrue(active.rewrite().isEmpty());
        assertEquals(List.of(), server.refreshed());
    }

    @Test
    void sessionUnderAnOldKey_isSealedAgain_evenWhenNothingElseChanged() {
        SessionResult.Active active = assertInstanceOf(SessionResult.Active.class, resume.resume(session(), true));

        assertEquals(session(), active.rewrite().orElseThrow());
    }

    @Test
    void lastSeen_isRewrittenOnlyFromFiveMinutesOn() {
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertTrue(assertInstanceOf(SessionResult.Active.class, resume.resume(session(), false)).rewrite().isEmpty());

        clock.set(T0.plus(Duration.ofMinutes(5)));
        Session rewritten = assertInstanceOf(SessionResult.Active.class, resume.resume(session(), false)).rewrite().orElseThrow();
        assertEquals(T0.plus(Duration.ofMinutes(5)), rewritten.lastSeen());
    }

    @Test
    void idleLimit_endsTheSessionExactlyAtEightHoursUnused() {
        Session seen = session().seenAt(T0.plus(Duration.ofDays(1)));
        server.refresh("rt-1", FakeAuthorizationServer.grant("id-r", Duration.ofMinutes(15), null));
        verifier.accept("id-r", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of("admins")), null);

        clock.set(seen.lastSeen().plus(IDLE).minusMillis(1));
        assertInstanceOf(SessionResult.Active.class, resume.resume(seen, false));
        clock.set(seen.lastSeen().plus(IDLE));
        SessionResult.Ended ended = assertInstanceOf(SessionResult.Ended.class, resume.resume(seen, false));
        assertEquals(SessionEnd.IDLE_LIMIT, ended.reason());
        assertEquals("sub-alice", ended.sub());
    }

    @Test
    void absoluteLimit_endsTheSessionExactlyAtItsMaxAge_evenWhenInUse() {
        Session busy = session().seenAt(T0.plus(MAX_AGE).minus(Duration.ofMinutes(1)));
        server.refresh("rt-1", FakeAuthorizationServer.grant("id-r", Duration.ofMinutes(15), null));
        verifier.accept("id-r", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of("admins")), null);

        clock.set(T0.plus(MAX_AGE).minusMillis(1));
        assertInstanceOf(SessionResult.Active.class, resume.resume(busy, false));
        clock.set(T0.plus(MAX_AGE));
        assertEquals(SessionEnd.ABSOLUTE_LIMIT,
                assertInstanceOf(SessionResult.Ended.class, resume.resume(busy, false)).reason());
    }

    @Test
    void refresh_isDueSixtySecondsBeforeTheAccessTokenExpires_notEarlier() {
        server.refresh("rt-1", FakeAuthorizationServer.grant("id-r", Duration.ofMinutes(15), null));
        verifier.accept("id-r", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of("admins")), null);

        clock.set(T0.plus(Duration.ofMinutes(14)).minusMillis(1));
        resume.resume(session(), false);
        assertEquals(List.of(), server.refreshed());

        clock.set(T0.plus(Duration.ofMinutes(14)));
        resume.resume(session(), false);
        assertEquals(List.of("rt-1"), server.refreshed());
    }

    @Test
    void refreshSuccess_takesTheNewGroupsExpiryAndRotatedRefreshToken() {
        server.refresh("rt-1", FakeAuthorizationServer.grant("id-r", Duration.ofMinutes(15), "rt-2"));
        verifier.accept("id-r", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of("admins", "beta")), null);
        clock.set(T0.plus(Duration.ofMinutes(20)));

        SessionResult.Active active = assertInstanceOf(SessionResult.Active.class, resume.resume(session(), false));

        Session next = active.rewrite().orElseThrow();
        assertEquals(List.of("admins", "beta"), next.groups());
        assertEquals(List.of("admins", "beta"), active.userInfo().groups());
        assertEquals(T0.plus(Duration.ofMinutes(35)), next.accessTokenExpiry());
        assertEquals("rt-2", next.refreshToken().value());
        assertEquals(T0.plus(Duration.ofMinutes(20)), next.lastSeen());
        assertEquals("sid-1", next.sid().value(), "a refresh keeps the session");
        assertEquals(T0, next.issuedAt());
        assertEquals(T0.plus(MAX_AGE), next.absoluteExpiry());
    }

    @Test
    void refreshWithoutRotation_keepsTheRefreshToken() {
        server.refresh("rt-1", FakeAuthorizationServer.grant("id-r", Duration.ofMinutes(15), null));
        verifier.accept("id-r", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of()), null);
        clock.set(T0.plus(Duration.ofMinutes(20)));

        Session next = assertInstanceOf(SessionResult.Active.class, resume.resume(session(), false)).rewrite().orElseThrow();
        assertEquals("rt-1", next.refreshToken().value());
    }

    @Test
    void invalidGrantOnRefresh_endsTheSession() {
        server.refreshFails("rt-1", new InvalidGrantException("invalid_grant"));
        clock.set(T0.plus(Duration.ofMinutes(20)));

        assertEquals(SessionEnd.REFRESH_REFUSED,
                assertInstanceOf(SessionResult.Ended.class, resume.resume(session(), false)).reason());
    }

    @Test
    void tokenEndpointDownOnRefresh_isUnavailable_keepingTheCookie_unlessItNeedsResealing() {
        server.setTokenEndpointFailure(FakeAuthorizationServer.down());
        clock.set(T0.plus(Duration.ofMinutes(20)));

        SessionResult.Unavailable down = assertInstanceOf(SessionResult.Unavailable.class, resume.resume(session(), false));
        assertEquals(DependencyUnavailableException.Dependency.AUTHORIZATION_SERVER, down.dependency());
        assertTrue(down.rewrite().isEmpty());
        assertEquals(session(), assertInstanceOf(SessionResult.Unavailable.class,
                resume.resume(session(), true)).rewrite().orElseThrow());
    }

    @Test
    void refreshedIdTokenOfAnotherSub_orOneThatDoesNotVerify_endsTheSession() {
        server.refresh("rt-1", FakeAuthorizationServer.grant("id-r", Duration.ofMinutes(15), null));
        verifier.accept("id-r", FakeIdTokenVerifier.identity("mallory", "sub-mallory", List.of()), null);
        clock.set(T0.plus(Duration.ofMinutes(20)));
        assertEquals(SessionEnd.OTHER_USER,
                assertInstanceOf(SessionResult.Ended.class, resume.resume(session(), false)).reason());

        verifier.failWith("id-r", new InvalidTokenException(InvalidTokenReason.BAD_SIGNATURE));
        assertEquals(SessionEnd.REFRESHED_TOKEN_REJECTED,
                assertInstanceOf(SessionResult.Ended.class, resume.resume(session(), false)).reason());
    }

    @Test
    void misconfiguredClientOnRefresh_isThrownForThe500Path_neverASilentSignOut() {
        server.refreshFails("rt-1", new MisconfigurationException("invalid_client", null));
        clock.set(T0.plus(Duration.ofMinutes(20)));

        assertThrows(MisconfigurationException.class, () -> resume.resume(session(), false));
    }

    @Test
    void userDeleted_endsTheSession_userDisabled_keepsIt_poolDown_isUnavailable() {
        pool.remove("alice");
        assertEquals(SessionEnd.USER_GONE, assertInstanceOf(SessionResult.Ended.class, resume.resume(session(), false)).reason());

        pool.put("alice", new UserAttributes("alice", "sub-other", Map.of("sub", "sub-other"), true));
        assertEquals(SessionEnd.USER_GONE, assertInstanceOf(SessionResult.Ended.class, resume.resume(session(), false)).reason());

        pool.put("alice", new UserAttributes("alice", "sub-alice", Map.of("sub", "sub-alice"), false));
        SessionResult.Disabled disabled = assertInstanceOf(SessionResult.Disabled.class, resume.resume(session(), false));
        assertEquals("sub-alice", disabled.sub());
        assertFalse(disabled.rewrite().isPresent());

        pool.put("alice", new UserAttributes("alice", "sub-alice", Map.of("sub", "sub-alice", "down", "1"), true));
        clock.set(T0.plus(Duration.ofMinutes(6)));
        SessionResult.Unavailable down = assertInstanceOf(SessionResult.Unavailable.class, resume.resume(session(), false));
        assertEquals(DependencyUnavailableException.Dependency.USER_POOL, down.dependency());
        assertEquals(T0.plus(Duration.ofMinutes(6)), down.rewrite().orElseThrow().lastSeen(), "what changed is kept");
    }
}
