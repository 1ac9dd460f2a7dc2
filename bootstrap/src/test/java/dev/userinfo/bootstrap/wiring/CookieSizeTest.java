package dev.userinfo.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.adapter.cognito.cookie.JweSessionSealer;
import dev.userinfo.adapter.cognito.cookie.SecureRandomValues;
import dev.userinfo.adapter.cognito.cookie.SessionKeys;
import dev.userinfo.application.AccessLog;
import dev.userinfo.application.CookieScheme;
import dev.userinfo.application.CookieSessions;
import dev.userinfo.application.CorsPolicy;
import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.InMemoryTokenParser;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.application.QueryParameters;
import dev.userinfo.application.UserInfoEndpoint;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.session.CompleteSignIn;
import dev.userinfo.domain.session.FakeAuthorizationServer;
import dev.userinfo.domain.session.FakeIdTokenVerifier;
import dev.userinfo.domain.session.PendingSignIn;
import dev.userinfo.domain.session.ResumeSession;
import dev.userinfo.domain.session.SessionPolicy;
import dev.userinfo.domain.session.SignOut;
import dev.userinfo.domain.session.StartSignIn;
import dev.userinfo.domain.session.Unsealed;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The cookies' real sizes (BFF.md, Cookies): a session sealed by the production sealer, written by the
 * production cookie codec, after a sign-in through the endpoint, with a refresh token of Cognito's
 * size (a 1.9 KB JWE). Prints the figures the README gives; asserts the 4,096-byte limit per cookie.
 */
class CookieSizeTest {

    private static final URI CALLBACK = URI.create("https://app.example.com/auth/callback");
    private static final String KEY = "k2026-01:" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    private static final int REFRESH_TOKEN_CHARS = 1900;

    /** A JWE-shaped refresh token of {@code chars} characters, as Cognito issues them (RSA-OAEP + A256GCM). */
    static String refreshToken(int chars) {
        byte[] bytes = new byte[chars];
        new SecureRandom().nextBytes(bytes);
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"cty\":\"JWT\",\"enc\":\"A256GCM\",\"alg\":\"RSA-OAEP\"}".getBytes(StandardCharsets.UTF_8));
        String token = header + "." + body.substring(0, 342) + "." + body.substring(342, 358) + ".";
        token += body.substring(358, 358 + chars - token.length() - 23) + "." + body.substring(400, 422);
        assertEquals(chars, token.length());
        return token;
    }

    /** Typical group names, 16 to 20 characters: {@code team-platform-01}, {@code app-billing-admins-02}. */
    static List<String> groups(int count) {
        List<String> groups = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            groups.add((i % 2 == 0 ? "team-platform-" : "app-billing-admins-") + String.format("%02d", i));
        }
        return groups;
    }

    /** The Set-Cookie values of a sign-in whose ID token lists {@code groups}. */
    private static List<String> signIn(List<String> groups) {
        Clock clock = Clock.systemUTC();
        SecureRandomValues random = new SecureRandomValues();
        JweSessionSealer sealer = new JweSessionSealer(SessionKeys.parse(KEY), random);
        FakeAuthorizationServer server = new FakeAuthorizationServer();
        FakeIdTokenVerifier verifier = new FakeIdTokenVerifier();
        GetUserInfo getUserInfo = new GetUserInfo(new InMemoryTokenParser(), new InMemoryUserAttributeLookup());
        CookieSessions sessions = new CookieSessions(new StartSignIn(server, random, clock),
                new CompleteSignIn(server, verifier, random, clock, SessionPolicy.defaults()),
                new ResumeSession(server, verifier, getUserInfo, clock, SessionPolicy.defaults(), "client-1"),
                new SignOut(server), sealer, clock, CookieScheme.HOST_PREFIXED, CookieSessions.RedirectUris.fixed(CALLBACK),
                URI.create("https://app.example.com/"));
        UserInfoEndpoint endpoint = new UserInfoEndpoint(getUserInfo, CorsPolicy.of(List.of("https://app.example.com")),
                AccessLog.discarding(), Optional.of(sessions));

        HttpResponse login = endpoint.handle(new HttpRequest("GET", "/auth/login", Headers.empty(),
                QueryParameters.of(Map.of("returnTo", "/"), null), "r"));
        String loginCookie = login.cookies().get(0).substring(0, login.cookies().get(0).indexOf(';'));
        PendingSignIn pending = ((Unsealed.Valid<dev.userinfo.domain.session.PendingSignIns>) sealer.openSignIns(
                loginCookie.substring(loginCookie.indexOf('=') + 1))).value().entries().get(0);
        server.code("code", pending.codeVerifier().value(), CALLBACK,
                FakeAuthorizationServer.grant("id", Duration.ofMinutes(60), refreshToken(REFRESH_TOKEN_CHARS)));
        verifier.accept("id", FakeIdTokenVerifier.identity("5f3c2a1e-6b7d-4e5f-9a0b-1c2d3e4f5a6b",
                "8f3c2a1e-6b7d-4e5f-9a0b-1c2d3e4f5a6b", groups), pending.nonce().value());
        HttpResponse callback = endpoint.handle(new HttpRequest("GET", "/auth/callback",
                Headers.of(Map.of("Cookie", loginCookie)), QueryParameters.of(Map.of("code", "code", "state",
                pending.state().value()), null), "r"));
        assertTrue(callback.status() == 303 || callback.status() == 400, callback.status() + " " + callback.body());
        return callback.status() == 303 ? callback.cookies().subList(0, callback.cookies().size() - 1) : List.of();
    }

    @Test
    void withA19KbRefreshTokenAndAHandfulOfGroups_theSessionIsOneCookieWellUnder4096Bytes() {
        List<String> cookies = signIn(groups(5));

        assertEquals(1, cookies.size());
        int bytes = cookies.get(0).getBytes(StandardCharsets.US_ASCII).length;
        assertTrue(bytes <= 4096, bytes + " bytes");
        System.out.println("session cookie, 1,900-char refresh token, 5 groups: " + bytes + " bytes (Set-Cookie value)");
        System.out.println("login cookie, 1 pending sign-in: " + loginCookieBytes(1));
    }

    @Test
    void howManyGroupsFit_inOneCookie_andInTwo() {
        int one = 0;
        int two = 0;
        for (int n = 0; n <= 200; n += 1) {
            List<String> cookies = signIn(groups(n));
            if (cookies.size() == 1) {
                one = n;
            }
            if (cookies.size() == 2) {
                two = n;
                assertTrue(cookies.stream().allMatch(c -> c.getBytes(StandardCharsets.US_ASCII).length <= 4096));
            }
            if (cookies.isEmpty()) {
                break;
            }
        }
        System.out.println("groups of 16-21 characters that fit: one cookie " + one + ", two cookies " + two);
        assertTrue(one >= 20, "a typical handful fits one cookie: " + one);
        assertTrue(two > one, "two cookies hold more: " + two);
        assertTrue(signIn(groups(two + 1)).isEmpty(), "beyond two cookies: 400 session_too_large");
    }

    private static int loginCookieBytes(int pending) {
        Clock clock = Clock.systemUTC();
        SecureRandomValues random = new SecureRandomValues();
        JweSessionSealer sealer = new JweSessionSealer(SessionKeys.parse(KEY), random);
        dev.userinfo.domain.session.PendingSignIns signIns = dev.userinfo.domain.session.PendingSignIns.none();
        StartSignIn start = new StartSignIn(new FakeAuthorizationServer(), random, clock);
        for (int i = 0; i < pending; i++) {
            signIns = start.start(signIns, "/" + "p".repeat(511), CALLBACK).pending();
        }
        return ("__Host-userinfo-login=" + sealer.sealSignIns(signIns)
                + "; Max-Age=600; Expires=Thu, 01 Jan 2026 00:00:00 GMT; Path=/; Secure; HTTPOnly; SameSite=Lax").length();
    }

    @Test
    void theLoginCookie_withThreePendingSignInsOfTheLongestReturnTo_staysWithin4096Bytes() {
        int bytes = loginCookieBytes(3);
        System.out.println("login cookie, 3 pending sign-ins with 512-char returnTo: " + bytes + " bytes");
        assertTrue(bytes <= 4096, bytes + " bytes");
    }
}
