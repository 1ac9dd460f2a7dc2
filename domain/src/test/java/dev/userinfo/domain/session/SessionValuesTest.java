package dev.userinfo.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionValuesTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void everyValueThatGrantsAccess_redactsItself() {
        String secret = "s3cr3t-value-that-must-not-leak-0123456789abcdef";
        List<Object> values = List.of(new AuthorizationCode(secret), new CodeVerifier(secret), new State(secret),
                new Nonce(secret), new RefreshToken(secret), new SessionId(secret),
                session(secret), new PendingSignIns(List.of(pending(secret, T0))));
        for (Object value : values) {
            assertFalse(value.toString().contains(secret), value.getClass().getSimpleName() + ": " + value);
        }
        assertEquals("State[redacted, 48 chars]", new State(secret).toString());
        assertEquals("Nonce[redacted, 48 chars]", new Nonce(secret).toString());
        assertEquals("CodeVerifier[redacted, 48 chars]", new CodeVerifier(secret).toString());
        assertEquals("AuthorizationCode[redacted, 48 chars]", new AuthorizationCode(secret).toString());
        assertEquals("RefreshToken[redacted, 48 chars]", new RefreshToken(secret).toString());
        assertEquals("SessionId[redacted, 48 chars]", new SessionId(secret).toString());
        assertEquals("PendingSignIns[1]", new PendingSignIns(List.of(pending(secret, T0))).toString());
        assertTrue(session(secret).toString().contains("sub=sub-1"), "the sub is what a log may name");
    }

    @ParameterizedTest
    @ValueSource(ints = {43, 128})
    void codeVerifier_of43To128UnreservedCharacters_isAccepted(int length) {
        assertEquals(length, new CodeVerifier("a-._~Z9".repeat(20).substring(0, length)).value().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "129", "space", "plus", "slash"})
    void codeVerifier_outsideRfc7636_isRefused(String kind) {
        String value = switch (kind) {
            case "42" -> "a".repeat(42);
            case "129" -> "a".repeat(129);
            case "space" -> "a".repeat(42) + " ";
            case "plus" -> "a".repeat(42) + "+";
            default -> "a".repeat(42) + "/";
        };
        assertThrows(IllegalArgumentException.class, () -> new CodeVerifier(value));
    }

    @Test
    void secrets_refuseEmptyTooLongAndNonPrintable_andAcceptTheirLongest() {
        assertThrows(IllegalArgumentException.class, () -> new State(""));
        assertThrows(IllegalArgumentException.class, () -> new State(null));
        assertThrows(IllegalArgumentException.class, () -> new State("a b"));
        assertThrows(IllegalArgumentException.class, () -> new State("a\u007f"));
        assertThrows(IllegalArgumentException.class, () -> new State("é"));
        assertThrows(IllegalArgumentException.class, () -> new State("x".repeat(State.MAX_CHARS + 1)));
        assertEquals(State.MAX_CHARS, new State("x".repeat(State.MAX_CHARS)).value().length());
        assertEquals("!~", new State("!~").value());
        assertThrows(IllegalArgumentException.class, () -> new AuthorizationCode("c".repeat(AuthorizationCode.MAX_CHARS + 1)));
        assertThrows(IllegalArgumentException.class, () -> new RefreshToken("r".repeat(RefreshToken.MAX_CHARS + 1)));
        assertThrows(IllegalArgumentException.class, () -> new SessionId("i".repeat(SessionId.MAX_CHARS + 1)));
        assertThrows(IllegalArgumentException.class, () -> new Nonce("n".repeat(Nonce.MAX_CHARS + 1)));
    }

    @Test
    void stateAndNonce_matchOnlyTheirOwnValue() {
        assertTrue(new State("abc").matches("abc"));
        assertFalse(new State("abc").matches("abd"));
        assertFalse(new State("abc").matches("abcd"));
        assertFalse(new State("abc").matches(null));
        assertTrue(new Nonce("n-1").matches("n-1"));
        assertFalse(new Nonce("n-1").matches("n-2"));
        assertFalse(new Nonce("n-1").matches(null));
    }

    @Test
    void pendingSignIns_keepTheNewestThree_dropTheExpired_andFindByState() {
        PendingSignIns three = PendingSignIns.none()
                .with(pending("a", T0)).with(pending("b", T0)).with(pending("c", T0.plusSeconds(60)));

        PendingSignIns four = three.with(pending("d", T0.plusSeconds(120)));

        assertEquals(List.of("b", "c", "d"), four.entries().stream().map(p -> p.state().value()).toList());
        assertTrue(four.find("a").isEmpty(), "the fourth tab evicted the oldest");
        assertEquals("c", four.find("c").orElseThrow().state().value());
        assertEquals(List.of("d"), four.liveAt(T0.plusSeconds(60)).entries().stream().map(p -> p.state().value()).toList());
        assertEquals(2, four.without(four.find("c").orElseThrow()).entries().size());
        PendingSignIn p = pending("e", T0);
        assertThrows(IllegalArgumentException.class, () -> new PendingSignIns(List.of(p, p, p, p)));
    }

    @Test
    void pendingSignIns_areEmptyOnlyWithoutEntries() {
        assertTrue(PendingSignIns.none().isEmpty());
        assertFalse(PendingSignIns.none().with(pending("a", T0)).isEmpty());
    }

    @Test
    void session_refusesABlankSubOrUsername_andAnAbsoluteLimitBeforeItsStart() {
        Session s = session("rt");
        assertThrows(IllegalArgumentException.class, () -> new Session(s.sid(), " ", s.username(), s.groups(), s.issuedAt(),
                s.lastSeen(), s.absoluteExpiry(), s.accessTokenExpiry(), s.refreshToken()));
        assertThrows(IllegalArgumentException.class, () -> new Session(s.sid(), s.sub(), "", s.groups(), s.issuedAt(),
                s.lastSeen(), s.absoluteExpiry(), s.accessTokenExpiry(), s.refreshToken()));
        assertThrows(IllegalArgumentException.class, () -> new Session(s.sid(), s.sub(), s.username(), s.groups(), s.issuedAt(),
                s.lastSeen(), s.issuedAt().minusSeconds(1), s.accessTokenExpiry(), s.refreshToken()));
        assertEquals(List.of(), new Session(s.sid(), s.sub(), s.username(), null, s.issuedAt(), s.lastSeen(),
                s.issuedAt(), s.accessTokenExpiry(), s.refreshToken()).groups());
    }

    @Test
    void pendingSignIn_isLiveStrictlyBeforeItsExpiry() {
        PendingSignIn p = pending("a", T0);
        assertTrue(p.isLiveAt(T0.minusNanos(1)));
        assertFalse(p.isLiveAt(T0));
    }

    @Test
    void sessionPolicy_refusesNonPositiveLimits_andAnIdleLimitBeyondTheMaxAge() {
        assertThrows(IllegalArgumentException.class, () -> new SessionPolicy(Duration.ZERO, Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> new SessionPolicy(Duration.ofHours(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new SessionPolicy(Duration.ofHours(-1), Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> new SessionPolicy(Duration.ofDays(2), Duration.ofDays(1)));
        assertEquals(Duration.ofDays(1), new SessionPolicy(Duration.ofDays(1), Duration.ofDays(1)).idleTimeout());
        assertEquals(new SessionPolicy(Duration.ofHours(8), Duration.ofDays(7)), SessionPolicy.defaults());
    }

    /** Each limit on its own, by its message: a zero or negative maxAge must not pass as "idle beyond max age". */
    @Test
    void sessionPolicy_refusesEachNonPositiveLimit_asNotPositive() {
        Duration hour = Duration.ofHours(1);
        for (Duration bad : List.of(Duration.ZERO, Duration.ofNanos(-1))) {
            assertEquals("idleTimeout and maxAge must be positive",
                    assertThrows(IllegalArgumentException.class, () -> new SessionPolicy(bad, hour)).getMessage());
            assertEquals("idleTimeout and maxAge must be positive",
                    assertThrows(IllegalArgumentException.class, () -> new SessionPolicy(hour, bad)).getMessage());
        }
        assertEquals("idleTimeout must not exceed maxAge", assertThrows(IllegalArgumentException.class,
                () -> new SessionPolicy(hour.plusNanos(1), hour)).getMessage());
    }

    /** A missing value is refused as invalid, never reaches a method call on null. */
    @Test
    void nullSubUsernameOrVerifier_isRefusedAsInvalid() {
        Session s = session("rt");
        assertThrows(IllegalArgumentException.class, () -> new Session(s.sid(), null, s.username(), s.groups(), s.issuedAt(),
                s.lastSeen(), s.absoluteExpiry(), s.accessTokenExpiry(), s.refreshToken()));
        assertThrows(IllegalArgumentException.class, () -> new Session(s.sid(), s.sub(), null, s.groups(), s.issuedAt(),
                s.lastSeen(), s.absoluteExpiry(), s.accessTokenExpiry(), s.refreshToken()));
        assertThrows(IllegalArgumentException.class, () -> new CodeVerifier(null));
    }

    @Test
    void secretsEqual_isFalseWhenEitherSideIsMissing() {
        assertFalse(Secrets.equal(null, "abc"));
        assertFalse(Secrets.equal("abc", null));
        assertFalse(Secrets.equal(null, null));
        assertTrue(Secrets.equal("abc", "abc"));
    }

    @Test
    void tokenGrant_refusesANegativeLifetime_andTakesZero() {
        dev.userinfo.domain.BearerToken id = new dev.userinfo.domain.BearerToken("header.payload.signature");
        assertEquals("accessTokenLifetime must not be negative", assertThrows(IllegalArgumentException.class,
                () -> new TokenGrant(id, Duration.ofNanos(-1), java.util.Optional.empty())).getMessage());
        assertEquals(Duration.ZERO, new TokenGrant(id, Duration.ZERO, java.util.Optional.empty()).accessTokenLifetime());
    }

    static PendingSignIn pending(String state, Instant expiresAt) {
        return new PendingSignIn(new State(state), new Nonce("n-" + state), new CodeVerifier("v".repeat(43)), "/",
                URI.create("https://api.example.com/auth/callback"), expiresAt);
    }

    static Session session(String refreshToken) {
        return new Session(new SessionId("sid-1"), "sub-1", "alice", List.of("g"), T0, T0, T0.plus(Duration.ofDays(7)),
                T0.plusSeconds(3600), new RefreshToken(refreshToken));
    }
}
