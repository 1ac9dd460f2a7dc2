package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.bootstrap.embedded.DevUsers;
import dev.userinfo.bootstrap.embedded.SignInServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local server's default embedded mode with its cookie sessions on, over real HTTP against its
 * own sign-in server, nothing configured: sign-in through the login page, {@code /userinfo} by cookie,
 * a refresh once the access token is due, sign-out with the refresh token revoked (a kept copy of the
 * cookie is then refused), Cognito's sign-out back to the app. Every {@code Set-Cookie} is asserted
 * whole: the plain-http localhost variant (no {@code __Host-}, no {@code Secure}).
 */
class EmbeddedCookieSessionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "http://localhost:5173";
    /** Netty's cookie encoder writes {@code Expires} in RFC 1123 form, GMT. */
    private static final Pattern EXPIRES = Pattern.compile("; Expires=([^;]+);");
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private LocalServer start(Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("PORT", "0");
        server = LocalServer.start(all, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return server;
    }

    private int port() {
        return URI.create(server.baseUrl()).getPort();
    }

    private URI at(String host, String pathAndQuery) {
        return URI.create("http://" + host + ":" + port() + pathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The cookie's {@code name=value} from a {@code Set-Cookie} value. */
    private static String pair(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String value(String setCookie) {
        return pair(setCookie).substring(pair(setCookie).indexOf('=') + 1);
    }

    /**
     * Asserts a {@code Set-Cookie} that stores a cookie, whole: the value a compact JWE (five
     * base64url parts), then exactly these attributes, {@code Expires} {@code maxAge} seconds from now.
     */
    private static void assertStored(String name, long maxAge, String sameSite, String setCookie) {
        Matcher expires = EXPIRES.matcher(setCookie);
        assertTrue(expires.find(), setCookie);
        Matcher maxAgeSent = Pattern.compile("; Max-Age=(\\d+);").matcher(setCookie);
        assertTrue(maxAgeSent.find(), setCookie);
        // The time left to a limit set a moment earlier (the session's absExp is fixed when its ID token is verified).
        long sent = Long.parseLong(maxAgeSent.group(1));
        assertTrue(sent <= maxAge && sent >= maxAge - 5, setCookie);
        String value = value(setCookie);
        assertEquals(name + "=" + value + "; Max-Age=" + sent + "; Expires=" + expires.group(1)
                + "; Path=/; HTTPOnly; SameSite=" + sameSite, setCookie);
        assertTrue(value.matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"),
                "a dir JWE has an empty encrypted key: " + value);
        long at = ZonedDateTime.parse(expires.group(1), RFC_1123).toEpochSecond();
        long expected = Instant.now().getEpochSecond() + sent;
        assertTrue(Math.abs(at - expected) <= 5, "Expires " + expires.group(1) + " is not " + sent + " s from now");
    }

    /** A deletion as sent: empty value, {@code Max-Age=0}, {@code Expires} now (checked, then shown as {@code <now>}). */
    private static String deleted(String name, String sameSite) {
        return name + "=; Max-Age=0; Expires=<now>; Path=/; HTTPOnly; SameSite=" + sameSite;
    }

    /** The {@code Set-Cookie} values with each deletion's {@code Expires} checked to be now and shown as {@code <now>}. */
    private static List<String> cookies(HttpResponse<String> response) {
        List<String> out = new ArrayList<>();
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            Matcher expires = EXPIRES.matcher(setCookie);
            if (setCookie.contains("; Max-Age=0;") && expires.find()) {
                long at = ZonedDateTime.parse(expires.group(1), RFC_1123).toEpochSecond();
                assertTrue(Math.abs(at - Instant.now().getEpochSecond()) <= 5, setCookie);
                setCookie = setCookie.replace(expires.group(1), "<now>");
            }
            out.add(setCookie);
        }
        return out;
    }

    /** The login, the sign-in server's login page, and the callback: the session cookie's Set-Cookie. */
    private String signIn(String host, String username, String returnTo) throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(at(host, "/auth/login?returnTo="
                + URLEncoder.encode(returnTo, StandardCharsets.UTF_8))));
        assertEquals(302, login.statusCode(), login.body());
        List<String> loginCookies = login.headers().allValues("Set-Cookie");
        assertEquals(1, loginCookies.size(), loginCookies.toString());
        assertStored("userinfo-login", 600, "Lax", loginCookies.get(0));

        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        SignInServer.Endpoints signIn = server.identity().signIn().orElseThrow();
        assertEquals(signIn.authorizationEndpoint().getPath(), authorize.getPath());
        assertEquals(signIn.domain().getAuthority(), authorize.getAuthority());
        Map<String, String> query = query(authorize);
        assertEquals("code", query.get("response_type"));
        assertEquals(signIn.clientId(), query.get("client_id"));
        // Derived from the host the browser used: localhost and 127.0.0.1 are different sites.
        assertEquals("http://" + host + ":" + port() + "/auth/callback", query.get("redirect_uri"));
        assertEquals("openid email profile", query.get("scope"));
        assertEquals("S256", query.get("code_challenge_method"));

        URI callback = new LoginPageBrowser().signInAs(authorize, username);
        assertTrue(callback.toString().startsWith("http://" + host + ":" + port() + "/auth/callback?code="), callback.toString());
        HttpResponse<String> done = send(HttpRequest.newBuilder(callback).header("Cookie", pair(loginCookies.get(0))));
        assertEquals(303, done.statusCode(), done.body());
        assertEquals(returnTo, done.headers().firstValue("Location").orElseThrow());
        List<String> set = done.headers().allValues("Set-Cookie");
        assertEquals(2, set.size(), set.toString());
        assertStored("userinfo", 7 * 24 * 3600, "Strict", set.get(0));
        assertEquals(deleted("userinfo-login", "Lax"), cookies(done).get(1));
        return set.get(0);
    }

    private HttpResponse<String> userinfo(String host, String sessionSetCookie, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(at(host, "/userinfo")).header("Cookie", pair(sessionSetCookie));
        headers.forEach(request::header);
        return send(request);
    }

    private JsonNode devUser(String username) throws Exception {
        JsonNode users = JSON.readTree(send(HttpRequest.newBuilder(at("localhost", "/dev/users"))).body()).get("users");
        for (JsonNode user : users) {
            if (user.get("username").asText().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no dev user " + username + ": " + users);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void signIn_userinfo_refresh_logout_revoked_signedOut() throws Exception {
        start(Map.of());
        // A short access token, as the dev page's switch sets it: the session is due for a refresh at once
        // (atExp - 60 s), so the first /userinfo refreshes.
        HttpResponse<String> lifetime = send(HttpRequest.newBuilder(at("localhost", "/dev/settings"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tokenLifetimeSeconds\":60}")));
        assertEquals(200, lifetime.statusCode(), lifetime.body());

        String session = signIn("localhost", "alice", "/dev");
        assertEquals(0, devUser("alice").get("refreshes").asLong());
        String sub = DevUsers.builtIn().find("alice").orElseThrow().sub();
        String aliceJson = "{\"name\":\"alice\",\"email\":\"alice@example.com\",\"nickname\":\"Alice\",\"sub\":\"" + sub
                + "\",\"email_verified\":true,\"groups\":[\"admins\"]}";

        HttpResponse<String> noCsrf = userinfo("localhost", session, Map.of());
        assertEquals(403, noCsrf.statusCode());
        assertEquals("{\"error\":\"csrf_rejected\"}", noCsrf.body());
        assertEquals(List.of(), noCsrf.headers().allValues("Set-Cookie"));

        HttpResponse<String> first = userinfo("localhost", session, Map.of("X-CSRF", "1", "Origin", APP));
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(aliceJson, first.body());
        assertEquals(APP, first.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("true", first.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());
        assertEquals(1, devUser("alice").get("refreshes").asLong(), "the due session refreshed at the token endpoint");
        List<String> rewritten = first.headers().allValues("Set-Cookie");
        assertEquals(1, rewritten.size(), rewritten.toString());
        assertStored("userinfo", 7 * 24 * 3600, "Strict", rewritten.get(0));
        assertNotEquals(value(session), value(rewritten.get(0)), "the refreshed session is sealed anew");
        String kept = session;
        session = rewritten.get(0);

        HttpResponse<String> hostile = userinfo("localhost", session, Map.of("X-CSRF", "1", "Origin", "https://evil.example"));
        assertEquals(403, hostile.statusCode());
        assertEquals("{\"error\":\"csrf_rejected\"}", hostile.body());
        assertFalse(hostile.headers().firstValue("Access-Control-Allow-Origin").isPresent());

        HttpResponse<String> logout = send(HttpRequest.newBuilder(at("localhost", "/auth/logout"))
                .header("Cookie", pair(session)).header("X-CSRF", "1").header("Origin", APP)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, logout.statusCode(), logout.body());
        assertEquals(List.of(deleted("userinfo", "Strict"), deleted("userinfo-login", "Lax")),
                cookies(logout));
        SignInServer.Endpoints signIn = server.identity().signIn().orElseThrow();
        String logoutUrl = JSON.readTree(logout.body()).get("logoutUrl").asText();
        assertEquals(signIn.logoutEndpoint() + "?client_id=" + signIn.clientId() + "&logout_uri="
                + URLEncoder.encode(APP + "/", StandardCharsets.UTF_8), logoutUrl);

        // The sign-in server accepts that logout_uri for the dev client and sends the browser back to the app.
        HttpResponse<String> cognitoLogout = send(HttpRequest.newBuilder(URI.create(logoutUrl)));
        assertEquals(302, cognitoLogout.statusCode(), cognitoLogout.body());
        assertEquals(APP + "/", cognitoLogout.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> after = send(HttpRequest.newBuilder(at("localhost", "/userinfo")).header("X-CSRF", "1"));
        assertEquals(401, after.statusCode());
        assertEquals("{\"error\":\"missing_token\"}", after.body());

        // A copy of the cookie kept from before the logout: its refresh token was revoked, so its next
        // refresh meets invalid_grant and the session ends (BFF.md, "Refresh and revocation").
        HttpResponse<String> replayed = userinfo("localhost", kept, Map.of("X-CSRF", "1"));
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertEquals("{\"error\":\"session_expired\"}", replayed.body());
        assertEquals(List.of(deleted("userinfo", "Strict")), cookies(replayed));
    }

    @Test
    void aSessionNotDue_answersWithoutRefreshOrSetCookie_onTheHostItWasMadeOn_only() throws Exception {
        start(Map.of());
        String session = signIn("127.0.0.1", "jose", "http://127.0.0.1:3000/app");

        HttpResponse<String> answer = userinfo("127.0.0.1", session, Map.of("X-CSRF", "1"));
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"name\":\"jose\""), answer.body());
        assertEquals(List.of(), answer.headers().allValues("Set-Cookie"), "lastSeen is rewritten at most every 5 minutes");
        assertEquals(0, devUser("jose").get("refreshes").asLong());

        // No Origin on the logout: the sign-out ends on the dev page of the host the browser used.
        HttpResponse<String> logout = send(HttpRequest.newBuilder(at("127.0.0.1", "/auth/logout"))
                .header("Cookie", pair(session)).header("X-CSRF", "1").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, logout.statusCode(), logout.body());
        assertTrue(JSON.readTree(logout.body()).get("logoutUrl").asText().endsWith("&logout_uri="
                + URLEncoder.encode("http://127.0.0.1:" + port() + "/dev", StandardCharsets.UTF_8)), logout.body());
    }

    @Test
    void revokedByAGlobalSignOut_theNextRefreshEndsTheSession() throws Exception {
        start(Map.of());
        send(HttpRequest.newBuilder(at("localhost", "/dev/settings")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tokenLifetimeSeconds\":60}")));
        String session = signIn("localhost", "alice", "/");

        HttpResponse<String> signOut = send(HttpRequest.newBuilder(at("localhost", "/dev/users/alice/global-sign-out"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(200, signOut.statusCode(), signOut.body());

        HttpResponse<String> answer = userinfo("localhost", session, Map.of("X-CSRF", "1"));
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals("{\"error\":\"session_expired\"}", answer.body());
        assertEquals(List.of(deleted("userinfo", "Strict")), cookies(answer));
        assertTrue(answer.headers().firstValue("WWW-Authenticate").isPresent());
    }

    @Test
    void cookieSessionsOff_noAuthRoutes() throws Exception {
        start(Map.of("COOKIE_SESSIONS", "false"));

        HttpResponse<String> login = send(HttpRequest.newBuilder(at("localhost", "/auth/login")));
        assertEquals(404, login.statusCode(), login.body());
        assertEquals(List.of(), login.headers().allValues("Set-Cookie"));
    }

    @Test
    void sessionLogoutUri_whenSet_isWhereEverySignOutEnds() throws Exception {
        start(Map.of("SESSION_LOGOUT_URI", "https://app.example.com/signed-out"));
        String session = signIn("localhost", "alice", "/");

        HttpResponse<String> logout = send(HttpRequest.newBuilder(at("localhost", "/auth/logout"))
                .header("Cookie", pair(session)).header("X-CSRF", "1").header("Origin", APP)
                .POST(HttpRequest.BodyPublishers.noBody()));
        String logoutUrl = JSON.readTree(logout.body()).get("logoutUrl").asText();
        assertTrue(logoutUrl.endsWith("&logout_uri=" + URLEncoder.encode("https://app.example.com/signed-out",
                StandardCharsets.UTF_8)), logoutUrl);
        HttpResponse<String> cognitoLogout = send(HttpRequest.newBuilder(URI.create(logoutUrl)));
        assertEquals(302, cognitoLogout.statusCode(), cognitoLogout.body());
        assertEquals("https://app.example.com/signed-out", cognitoLogout.headers().firstValue("Location").orElseThrow());
    }
}
