package dev.userinfo.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.MisconfigurationException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** StartSignIn and CompleteSignIn together, over the fakes: state, nonce and PKCE bind the callback. */
class SignInFlowTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final URI CALLBACK = URI.create("https://api.example.com/auth/callback");

    private final MutableClock clock = new MutableClock(T0);
    private final FakeAuthorizationServer server = new FakeAuthorizationServer();
    private final FakeIdTokenVerifier verifier = new FakeIdTokenVerifier();
    private final FixedRandomValues random = FixedRandomValues.counting();
    private final SessionPolicy policy = new SessionPolicy(Duration.ofHours(8), Duration.ofDays(7));
    private final StartSignIn start = new StartSignIn(server, random, clock);
    private final CompleteSignIn complete = new CompleteSignIn(server, verifier, random, clock, policy);

    /** A sign-in started, and Cognito ready to give alice's tokens for {@code code} with its verifier. */
    private SignInStart started(String code, String returnTo) {
        SignInStart s = start.start(PendingSignIns.none(), returnTo, CALLBACK);
        PendingSignIn p = s.pending().entries().get(s.pending().entries().size() - 1);
        server.code(code, p.codeVerifier().value(), CALLBACK,
                FakeAuthorizationServer.grant("id-" + code, Duration.ofMinutes(15), "rt-" + code));
        verifier.accept("id-" + code, FakeIdTokenVerifier.identity("alice", "sub-alice", List.of("admins")),
                p.nonce().value());
        return s;
    }

    @Test
    void start_sendsFreshStateNonceAndVerifier_andRemembersThemTenMinutes() {
        SignInStart s = start.start(PendingSignIns.none(), "/app", CALLBACK);

        PendingSignIn p = s.pending().entries().get(0);
        assertEquals("state-1", p.state().value());
        assertEquals("nonce-1", p.nonce().value());
        assertEquals("/app", p.returnTo());
        assertEquals(CALLBACK, p.redirectUri());
        assertEquals(T0.plus(Duration.ofMinutes(10)), p.expiresAt());
        String uri = s.authorizationUri().toString();
        assertTrue(uri.contains("state=state-1") && uri.contains("nonce=nonce-1") && uri.contains("verifier=" + p.codeVerifier().value()), uri);
    }

    @Test
    void start_dropsExpiredPendingSignIns_andAFourthTabEvictsTheOldest() {
        SignInStart first = start.start(PendingSignIns.none(), "/1", CALLBACK);
        clock.advance(Duration.ofMinutes(11));
        SignInStart second = start.start(first.pending(), "/2", CALLBACK);
        assertEquals(List.of("state-2"), states(second.pending()));

        SignInStart third = start.start(second.pending(), "/3", CALLBACK);
        SignInStart fourth = start.start(third.pending(), "/4", CALLBACK);
        SignInStart fifth = start.start(fourth.pending(), "/5", CALLBACK);
        assertEquals(List.of("state-3", "state-4", "state-5"), states(fifth.pending()));
    }

    @Test
    void callback_withItsStateAndCode_startsASessionWithAFreshSid_andReturnsWhereItWasAsked() {
        SignInStart s = started("code-1", "/app?x=1");

        SignInResult result = complete.complete(s.pending(), "state-1", "code-1", null);

        SignInResult.SignedIn in = assertInstanceOf(SignInResult.SignedIn.class, result);
        assertEquals("/app?x=1", in.returnTo());
        assertTrue(in.remaining().isEmpty(), "the pending sign-in is used up");
        Session session = in.session();
        assertEquals("sid-1", session.sid().value());
        assertEquals("sub-alice", session.sub());
        assertEquals("alice", session.username());
        assertEquals(List.of("admins"), session.groups());
        assertEquals(T0, session.issuedAt());
        assertEquals(T0, session.lastSeen());
        assertEquals(T0.plus(Duration.ofDays(7)), session.absoluteExpiry());
        assertEquals(T0.plus(Duration.ofMinutes(15)), session.accessTokenExpiry());
        assertEquals("rt-code-1", session.refreshToken().value());
    }

    @Test
    void callback_justBeforeTenMinutes_stillSignsIn_butAtTenMinutesTheStateHasExpired() {
        SignInStart s = started("code-1", "/");
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertInstanceOf(SignInResult.SignedIn.class, complete.complete(s.pending(), "state-1", "code-1", null));

        SignInStart t = started("code-2", "/");
        clock.advance(Duration.ofMinutes(10));
        SignInResult.Failed failed = assertInstanceOf(SignInResult.Failed.class,
                complete.complete(t.pending(), "state-2", "code-2", null));
        assertEquals(SignInFailure.EXPIRED_STATE, failed.failure());
    }

    @Test
    void replayedCallback_findsItsStateUsedUp() {
        SignInStart s = started("code-1", "/");
        SignInResult.SignedIn in = assertInstanceOf(SignInResult.SignedIn.class,
                complete.complete(s.pending(), "state-1", "code-1", null));

        SignInResult again = complete.complete(in.remaining(), "state-1", "code-1", null);
        assertEquals(SignInFailure.UNKNOWN_STATE, assertInstanceOf(SignInResult.Failed.class, again).failure());
        // Even with the old login cookie, the code itself is used up at the token endpoint.
        SignInResult replay = complete.complete(s.pending(), "state-1", "code-1", null);
        SignInResult.Failed refused = assertInstanceOf(SignInResult.Failed.class, replay);
        assertEquals(SignInFailure.CODE_REFUSED, refused.failure());
        assertEquals("invalid_grant", refused.detail());
        assertTrue(refused.remaining().isEmpty());
    }

    @Test
    void stateMismatch_unknownOrMissing_failsWithoutTouchingTheTokenEndpoint() {
        SignInStart s = started("code-1", "/");
        server.setTokenEndpointFailure(new IllegalStateException("the token endpoint must not be asked"));

        for (String state : new String[] {"state-9", "", "state-1x", null}) {
            SignInResult.Failed failed = assertInstanceOf(SignInResult.Failed.class,
                    complete.complete(s.pending(), state, "code-1", null));
            assertEquals(SignInFailure.UNKNOWN_STATE, failed.failure());
            assertEquals(List.of("state-1"), states(failed.remaining()), "another browser's guess uses up nothing");
        }
        server.setTokenEndpointFailure(null);
        assertInstanceOf(SignInResult.SignedIn.class, complete.complete(s.pending(), "state-1", "code-1", null));
    }

    @Test
    void pkceMismatch_theCodeOfAnotherSignIn_isRefusedByTheTokenEndpoint() {
        SignInStart first = started("code-1", "/");
        SignInStart both = start.start(first.pending(), "/", CALLBACK);

        // state-2's verifier with code-1, which was issued for state-1's challenge.
        SignInResult.Failed failed = assertInstanceOf(SignInResult.Failed.class,
                complete.complete(both.pending(), "state-2", "code-1", null));
        assertEquals(SignInFailure.CODE_REFUSED, failed.failure());
        assertEquals(List.of("state-1"), states(failed.remaining()));
    }

    @Test
    void nonceMismatch_theIdTokenOfAnotherSignIn_isRefused() {
        SignInStart s = started("code-1", "/");
        verifier.accept("id-code-1", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of()), "nonce-other");

        SignInResult.Failed failed = assertInstanceOf(SignInResult.Failed.class,
                complete.complete(s.pending(), "state-1", "code-1", null));
        assertEquals(SignInFailure.ID_TOKEN_REJECTED, failed.failure());
        assertEquals(InvalidTokenReason.NONCE_MISMATCH.name(), failed.detail());
    }

    @Test
    void idTokenWithoutNonce_asAnEmulatorMintsIt_isRefused() {
        SignInStart s = started("code-1", "/");
        verifier.accept("id-code-1", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of()), null);

        SignInResult.Failed failed = assertInstanceOf(SignInResult.Failed.class,
                complete.complete(s.pending(), "state-1", "code-1", null));
        assertEquals(SignInFailure.ID_TOKEN_REJECTED, failed.failure());
    }

    @Test
    void missingOrMalformedCode_fails() {
        SignInStart s = started("code-1", "/");
        assertEquals(SignInFailure.MISSING_CODE, assertInstanceOf(SignInResult.Failed.class,
                complete.complete(s.pending(), "state-1", null, null)).failure());
        SignInStart t = started("code-2", "/");
        assertEquals(SignInFailure.MISSING_CODE, assertInstanceOf(SignInResult.Failed.class,
                complete.complete(t.pending(), "state-2", "a code", null)).failure());
    }

    @Test
    void authorizationServerError_forAKnownState_isRefusedWithItsReturnTo() {
        SignInStart s = started("code-1", "/back");

        SignInResult.Refused refused = assertInstanceOf(SignInResult.Refused.class,
                complete.complete(s.pending(), "state-1", null, "access_denied"));
        assertEquals("access_denied", refused.error());
        assertEquals("/back", refused.returnTo());
        assertTrue(refused.remaining().isEmpty());
        assertEquals(SignInFailure.UNKNOWN_STATE, assertInstanceOf(SignInResult.Failed.class,
                complete.complete(s.pending(), "state-7", null, "access_denied")).failure());
    }

    @Test
    void tokenEndpointDown_isUnavailable_andKeepsNothingUsedUp() {
        SignInStart s = started("code-1", "/");
        server.setTokenEndpointFailure(FakeAuthorizationServer.down());

        SignInResult.Unavailable down = assertInstanceOf(SignInResult.Unavailable.class,
                complete.complete(s.pending(), "state-1", "code-1", null));
        assertEquals(DependencyUnavailableException.Dependency.AUTHORIZATION_SERVER, down.dependency());

        server.setTokenEndpointFailure(null);
        assertInstanceOf(SignInResult.SignedIn.class, complete.complete(s.pending(), "state-1", "code-1", null));
    }

    @Test
    void keySetDown_whileVerifyingTheIdToken_isUnavailable() {
        SignInStart s = started("code-1", "/");
        verifier.failWith("id-code-1", new DependencyUnavailableException(DependencyUnavailableException.Dependency.KEY_SET, null));

        assertEquals(DependencyUnavailableException.Dependency.KEY_SET, assertInstanceOf(SignInResult.Unavailable.class,
                complete.complete(s.pending(), "state-1", "code-1", null)).dependency());
    }

    @Test
    void misconfiguredClient_isThrownForThe500Path() {
        SignInStart s = started("code-1", "/");
        server.setTokenEndpointFailure(new MisconfigurationException("invalid_client", null));

        assertThrows(MisconfigurationException.class, () -> complete.complete(s.pending(), "state-1", "code-1", null));
    }

    @Test
    void grantWithoutRefreshToken_signsNobodyIn() {
        SignInStart s = start.start(PendingSignIns.none(), "/", CALLBACK);
        PendingSignIn p = s.pending().entries().get(0);
        server.code("code-1", p.codeVerifier().value(), CALLBACK,
                FakeAuthorizationServer.grant("id-1", Duration.ofMinutes(15), null));
        verifier.accept("id-1", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of()), p.nonce().value());

        assertEquals(SignInFailure.NO_REFRESH_TOKEN, assertInstanceOf(SignInResult.Failed.class,
                complete.complete(s.pending(), "state-1", "code-1", null)).failure());
    }

    @Test
    void twoTabs_eachCallbackFindsItsOwnSignIn() {
        SignInStart one = started("code-1", "/one");
        SignInStart two = start.start(one.pending(), "/two", CALLBACK);
        PendingSignIn second = two.pending().entries().get(1);
        server.code("code-2", second.codeVerifier().value(), CALLBACK,
                FakeAuthorizationServer.grant("id-2", Duration.ofMinutes(15), "rt-2"));
        verifier.accept("id-2", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of()), second.nonce().value());

        SignInResult.SignedIn viaTwo = assertInstanceOf(SignInResult.SignedIn.class,
                complete.complete(two.pending(), "state-2", "code-2", null));
        assertEquals("/two", viaTwo.returnTo());
        SignInResult.SignedIn viaOne = assertInstanceOf(SignInResult.SignedIn.class,
                complete.complete(viaTwo.remaining(), "state-1", "code-1", null));
        assertEquals("/one", viaOne.returnTo());
        assertEquals("sid-2", viaOne.session().sid().value(), "a fresh sid at every callback");
    }

    private static List<String> states(PendingSignIns pending) {
        return pending.entries().stream().map(p -> p.state().value()).toList();
    }
}
