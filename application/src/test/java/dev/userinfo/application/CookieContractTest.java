package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cookie-session row, straight into the application; the adapters replay the same rows over their wires. */
class CookieContractTest {

    private final List<AccessLogEntry> log = new ArrayList<>();
    private final UserInfoEndpoint endpoint = CookieContractCases.endpoint(log::add);

    static Stream<ContractCase> rows() {
        return CookieContractCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void cookieRow(ContractCase row) {
        HttpResponse response = endpoint.handle(new HttpRequest(row.method(), row.path(), Headers.of(row.requestHeaders()),
                QueryParameters.of(row.query(), null), "req-1"));

        row.assertResponse(response.status(), response::header, response.cookies(), response.body());
        assertTrue(ContractCase.CONTRACT_HEADER_NAMES.containsAll(response.headers().keySet()),
                () -> "unexpected headers " + response.headers().keySet());
    }

    @Test
    void redirectTargets_getASigninErrorBeforeAnyFragment() {
        assertEquals("/a?signin_error=x", CookieSessions.withQueryParameter("/a", "signin_error", "x"));
        assertEquals("/a?b=1&signin_error=x#f", CookieSessions.withQueryParameter("/a?b=1#f", "signin_error", "x"));
        assertEquals("/a?signin_error=x#f?g", CookieSessions.withQueryParameter("/a#f?g", "signin_error", "x"));
        assertEquals("?signin_error=x#f", CookieSessions.withQueryParameter("#f", "signin_error", "x"));
        assertEquals("/?signin_error=a+b%26c", CookieSessions.withQueryParameter("/", "signin_error", "a b&c"));
    }

    @Test
    void everyErrorCodeOfBfdMd_appearsInTheTable() {
        String bodies = String.join(" ", CookieContractCases.all().stream().map(ContractCase::body).toList());
        for (String code : List.of("invalid_session", "session_expired", "csrf_rejected", "signin_failed", "user_disabled",
                "temporarily_unavailable", "missing_token", "method_not_allowed", "origin_not_allowed")) {
            assertTrue(bodies.contains("\"" + code + "\""), code);
        }
    }

    @Test
    void theAccessLog_namesTheAuthRoutes_andNeverACookieCodeOrState() {
        for (ContractCase row : CookieContractCases.all()) {
            endpoint.handle(new HttpRequest(row.method(), row.path(), Headers.of(row.requestHeaders()),
                    QueryParameters.of(row.query(), null), "req-1"));
        }
        JsonAccessLog format = new JsonAccessLog(System.out);
        assertTrue(log.stream().anyMatch(e -> "/auth/callback".equals(e.route()) && "signed_in".equals(e.outcome())
                && "sub-alice".equals(e.sub())));
        assertTrue(log.stream().anyMatch(e -> "/auth/login".equals(e.route()) && "signin_started".equals(e.outcome())));
        assertEquals(List.of("REVOKED", "NOT_REVOKED", "NOT_REVOKED"), log.stream()
                .filter(e -> "/auth/logout".equals(e.route()) && e.status() == 200).map(AccessLogEntry::reason).toList(),
                "with a session, without one, with a tampered one");
        assertTrue(log.stream().anyMatch(e -> "csrf_rejected".equals(e.outcome()) && "NO_CSRF_HEADER".equals(e.reason())));
        assertTrue(log.stream().anyMatch(e -> "session_expired".equals(e.outcome()) && "IDLE_LIMIT".equals(e.reason())));
        assertEquals("other", log.stream().filter(e -> e.status() == 404).findFirst().orElseThrow().route());
        for (AccessLogEntry entry : log) {
            String line = format.format(entry);
            for (String secret : List.of("sealed-", "code-alice", "state-1", "nonce-1", "verifier-", "rt-alice", "@example.com")) {
                assertFalse(line.contains(secret), line);
            }
        }
    }

    /** The callback is a navigation: any other method is a 405 naming GET, never a sign-in completed by a POST. */
    @Test
    void callbackAndLogin_answerOnlyGet() {
        for (String path : List.of("/auth/callback", "/auth/login")) {
            HttpResponse response = endpoint.handle(new HttpRequest("POST", path, Headers.of(java.util.Map.of()),
                    QueryParameters.of(java.util.Map.of("code", "code-alice", "state", "state-1"), null), "req-1"));
            assertEquals(405, response.status(), path);
            assertEquals("GET", response.header("Allow"), path);
        }
    }

    /** A failed callback's log reason: the failure alone, or the failure and its detail after a colon. */
    @Test
    void failedSignIns_logTheFailure_andItsDetailOnlyWhenThereIsOne() {
        for (ContractCase row : CookieContractCases.all()) {
            endpoint.handle(new HttpRequest(row.method(), row.path(), Headers.of(row.requestHeaders()),
                    QueryParameters.of(row.query(), null), "req-1"));
        }
        List<String> reasons = log.stream().filter(e -> "signin_failed".equals(e.outcome())).map(AccessLogEntry::reason).toList();
        assertTrue(reasons.contains("UNKNOWN_STATE"), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("CODE_REFUSED:") || r.startsWith("ID_TOKEN_REJECTED:")),
                reasons.toString());
        assertFalse(reasons.stream().anyMatch(r -> r.endsWith(":null")), reasons.toString());
    }

    /**
     * A request an API Gateway authorizer verified never reaches the cookie routes or the session: the
     * auth paths are unknown there, and a session cookie does not stand in for the missing token.
     */
    @Test
    void preVerifiedRequests_ignoreCookieRoutesAndSessions() {
        java.util.Map<String, String> withSession = java.util.Map.of("Cookie", "__Host-userinfo=sealed-alice", "X-CSRF", "1");
        for (String path : List.of("/auth/login", "/auth/callback", "/auth/logout")) {
            HttpResponse response = endpoint.handlePreVerified(new HttpRequest("GET", path, Headers.of(withSession),
                    QueryParameters.of(java.util.Map.of(), null), "req-1"), java.util.Optional.empty());
            assertEquals(404, response.status(), path);
        }
        HttpResponse userInfo = endpoint.handlePreVerified(new HttpRequest("GET", "/userinfo", Headers.of(withSession),
                QueryParameters.of(java.util.Map.of(), null), "req-1"), java.util.Optional.empty());
        assertEquals(401, userInfo.status());
        assertEquals(List.of(), userInfo.cookies());
    }
}
