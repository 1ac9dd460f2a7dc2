package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.session.CompleteSignIn;
import dev.userinfo.domain.session.FakeAuthorizationServer;
import dev.userinfo.domain.session.FakeIdTokenVerifier;
import dev.userinfo.domain.session.FixedRandomValues;
import dev.userinfo.domain.session.InMemorySessionSealer;
import dev.userinfo.domain.session.MutableClock;
import dev.userinfo.domain.session.PendingSignIns;
import dev.userinfo.domain.session.ResumeSession;
import dev.userinfo.domain.session.SessionPolicy;
import dev.userinfo.domain.session.SignOut;
import dev.userinfo.domain.session.StartSignIn;
import dev.userinfo.domain.session.Unsealed;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One browser through the whole cookie flow on a fake clock, its cookie jar kept as a browser keeps
 * it: sign in, read /userinfo, refresh after the access token's expiry, sign out even though the
 * revocation fails, and be refused afterwards.
 */
class CookieSessionFlowTest {

    private static final URI CALLBACK = URI.create("https://api.example.com/auth/callback");

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final FakeAuthorizationServer server = new FakeAuthorizationServer();
    private final FakeIdTokenVerifier verifier = new FakeIdTokenVerifier();
    private final InMemorySessionSealer sealer = new InMemorySessionSealer();
    private final Map<String, String> jar = new LinkedHashMap<>();
    private final UserInfoEndpoint endpoint;

    CookieSessionFlowTest() {
        FixedRandomValues random = FixedRandomValues.counting();
        GetUserInfo getUserInfo = new GetUserInfo(new InMemoryTokenParser(), new InMemoryUserAttributeLookup()
                .put("alice", "sub-alice", Map.of("nickname", "Ally"), true));
        SessionPolicy policy = SessionPolicy.defaults();
        endpoint = new UserInfoEndpoint(getUserInfo, CorsPolicy.of(List.of("https://app.example.com")),
                AccessLog.discarding(), Optional.of(new CookieSessions(new StartSignIn(server, random, clock),
                        new CompleteSignIn(server, verifier, random, clock, policy),
                        new ResumeSession(server, verifier, getUserInfo, clock, policy, FakeAuthorizationServer.CLIENT_ID),
                        new SignOut(server), sealer, clock, CookieScheme.HOST_PREFIXED,
                        CookieSessions.RedirectUris.fixed(CALLBACK), URI.create("https://app.example.com/"))));
    }

    /** Sends a request with the jar's cookies and stores what the answer sets, as a browser does. */
    private HttpResponse send(String method, String path, Map<String, String> query, boolean csrf) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!jar.isEmpty()) {
            headers.put("Cookie", String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (csrf) {
            headers.put("X-CSRF", "1");
        }
        HttpResponse response = endpoint.handle(new HttpRequest(method, path, Headers.of(headers),
                QueryParameters.of(query, null), "r"));
        for (String cookie : response.cookies()) {
            String name = cookie.substring(0, cookie.indexOf('='));
            String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
            if (cookie.contains("Max-Age=0;")) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return response;
    }

    @Test
    void signIn_read_refresh_signOutDespiteAFailedRevocation_thenRefused() {
        HttpResponse login = send("GET", "/auth/login", Map.of("returnTo", "/app"), false);
        assertEquals(302, login.status());
        var pending = ((Unsealed.Valid<PendingSignIns>) sealer.openSignIns(jar.get("__Host-userinfo-login"))).value()
                .entries().get(0);
        server.code("code-1", pending.codeVerifier().value(), CALLBACK,
                FakeAuthorizationServer.grant("id-1", Duration.ofMinutes(15), "rt-1"));
        server.refresh("rt-1", FakeAuthorizationServer.grant("id-2", Duration.ofMinutes(15), null));
        verifier.accept("id-1", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of("admins")), pending.nonce().value());
        verifier.accept("id-2", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of("admins", "beta")), null);

        HttpResponse callback = send("GET", "/auth/callback", Map.of("code", "code-1", "state", pending.state().value()), false);
        assertEquals(303, callback.status());
        assertEquals("/app", callback.header("Location"));
        assertTrue(jar.containsKey("__Host-userinfo"));
        assertTrue(!jar.containsKey("__Host-userinfo-login"), "the login cookie is gone once used");

        HttpResponse first = send("GET", "/userinfo", Map.of(), true);
        assertEquals(200, first.status());
        assertTrue(first.body().contains("\"groups\":[\"admins\"]"), first.body());
        assertEquals(List.of(), first.cookies(), "nothing to rewrite");

        clock.advance(Duration.ofMinutes(20));
        HttpResponse refreshed = send("GET", "/userinfo", Map.of(), true);
        assertEquals(200, refreshed.status());
        assertTrue(refreshed.body().contains("\"groups\":[\"admins\",\"beta\"]"), refreshed.body());
        assertEquals(List.of("rt-1"), server.refreshed());
        assertEquals(1, refreshed.cookies().size(), "the refreshed session is written back");

        server.setRevocationFailure(FakeAuthorizationServer.down());
        HttpResponse logout = send("POST", "/auth/logout", Map.of(), true);
        assertEquals(200, logout.status());
        assertTrue(logout.body().startsWith("{\"logoutUrl\":\"https://auth.example.com/logout?"), logout.body());
        assertEquals(List.of(), server.revoked());
        assertTrue(jar.isEmpty(), "both cookies cleared although the revocation failed: " + jar);

        HttpResponse after = send("GET", "/userinfo", Map.of(), true);
        assertEquals(401, after.status());
        assertEquals("{\"error\":\"missing_token\"}", after.body());
    }

    @Test
    void aFourthTabsSignIn_evictsTheFirst_whoseCallbackThenFails() {
        List<String> states = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            send("GET", "/auth/login", Map.of("returnTo", "/tab" + i), false);
            var entries = ((Unsealed.Valid<PendingSignIns>) sealer.openSignIns(jar.get("__Host-userinfo-login"))).value().entries();
            states.add(entries.get(entries.size() - 1).state().value());
        }

        HttpResponse first = send("GET", "/auth/callback", Map.of("code", "c", "state", states.get(0)), false);

        assertEquals(400, first.status());
        assertEquals("{\"error\":\"signin_failed\"}", first.body());
        assertEquals(3, ((Unsealed.Valid<PendingSignIns>) sealer.openSignIns(jar.get("__Host-userinfo-login"))).value()
                .entries().size(), "tabs 2 to 4 still pending");
    }
}
