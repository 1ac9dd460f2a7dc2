package dev.userinfo.application;

import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.VerifiedIdentity;
import dev.userinfo.domain.session.CodeVerifier;
import dev.userinfo.domain.session.CompleteSignIn;
import dev.userinfo.domain.session.FakeAuthorizationServer;
import dev.userinfo.domain.session.FakeIdTokenVerifier;
import dev.userinfo.domain.session.FixedRandomValues;
import dev.userinfo.domain.session.InMemorySessionSealer;
import dev.userinfo.domain.session.InvalidGrantException;
import dev.userinfo.domain.session.MutableClock;
import dev.userinfo.domain.session.Nonce;
import dev.userinfo.domain.session.PendingSignIn;
import dev.userinfo.domain.session.PendingSignIns;
import dev.userinfo.domain.session.RefreshToken;
import dev.userinfo.domain.session.ResumeSession;
import dev.userinfo.domain.session.Session;
import dev.userinfo.domain.session.SessionId;
import dev.userinfo.domain.session.SessionPolicy;
import dev.userinfo.domain.session.SignOut;
import dev.userinfo.domain.session.StartSignIn;
import dev.userinfo.domain.session.State;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cookie-session rows of the contract (BFF.md, Endpoints, Cookies, CSRF), with their exact
 * {@code Set-Cookie} values: replayed directly, through Javalin, and as REST 1.0 and HTTP API 2.0
 * events, like {@link ContractCases}. {@link #endpoint()} builds the endpoint over fakes that give each
 * cookie, code and refresh token in these rows its outcome, on a clock standing at {@link #NOW}; the
 * fakes hold no state one row could change for another, so one endpoint serves every entry point.
 */
public final class CookieContractCases {

    public static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    public static final URI CALLBACK = URI.create("https://api.example.com/auth/callback");
    public static final URI APP_HOME = URI.create("https://app.example.com/");
    static final String ALLOWED_HEADERS =
            "Authorization, Content-Type, X-CSRF, traceparent, tracestate, baggage, sentry-trace";
    static final String ALICE_BODY = ContractCases.ALICE_BODY;
    static final String ALICE_REFRESHED_BODY = ALICE_BODY.replace("[\"admins\",\"beta\"]", "[\"admins\",\"beta\",\"gamma\"]");
    static final String LOGIN_LOCATION_PREFIX = FakeAuthorizationServer.DOMAIN + "/oauth2/authorize?client_id=client-1"
            + "&state=state-1&nonce=nonce-1&verifier=";
    static final String REALM = "Bearer realm=\"userinfo\"";

    private static final String SESSION = "__Host-userinfo";
    private static final String LOGIN = "__Host-userinfo-login";
    private static final String STRICT = "; Path=/; Secure; HTTPOnly; SameSite=Strict";
    private static final String LAX = "; Path=/; Secure; HTTPOnly; SameSite=Lax";
    private static final CodeVerifier VERIFIER = FixedRandomValues.constant().codeVerifier();

    private CookieContractCases() {
    }

    private static Session session(String sid, String sub, String username, Duration age, Duration sinceSeen,
            Duration accessTokenLeft, String refreshToken) {
        Instant issued = NOW.minus(age);
        return new Session(new SessionId(sid), sub, username, List.of("admins", "beta"), issued, NOW.minus(sinceSeen),
                issued.plus(Duration.ofDays(7)), NOW.plus(accessTokenLeft), new RefreshToken(refreshToken));
    }

    private static Session alice() {
        return session("sid-a", "sub-alice", "alice", Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(14), "rt-alice");
    }

    private static PendingSignIns pending(String returnTo, Instant expiresAt) {
        return new PendingSignIns(List.of(new PendingSignIn(new State("state-1"), new Nonce("nonce-1"), VERIFIER, returnTo,
                CALLBACK, expiresAt)));
    }

    /** The endpoint over fakes, cookie sessions on, CORS allowing the app and localhost, X-CSRF among the headers. */
    public static UserInfoEndpoint endpoint() {
        return endpoint(AccessLog.discarding());
    }

    public static UserInfoEndpoint endpoint(AccessLog log) {
        MutableClock clock = new MutableClock(NOW);
        FixedRandomValues random = FixedRandomValues.constant();
        FakeAuthorizationServer server = new FakeAuthorizationServer().reusableCodes()
                .code("code-alice", VERIFIER.value(), CALLBACK, FakeAuthorizationServer.grant("id-alice", Duration.ofMinutes(15), "rt-alice"))
                .code("code-no-nonce", VERIFIER.value(), CALLBACK, FakeAuthorizationServer.grant("id-no-nonce", Duration.ofMinutes(15), "rt-x"))
                .code("code-big", VERIFIER.value(), CALLBACK, FakeAuthorizationServer.grant("id-big", Duration.ofMinutes(15), "rt-big"))
                .codeFails("code-down", FakeAuthorizationServer.down())
                .refresh("rt-alice", FakeAuthorizationServer.grant("id-alice-refreshed", Duration.ofMinutes(15), "rt-alice-2"))
                .refreshFails("rt-revoked", new InvalidGrantException("invalid_grant"))
                .refreshFails("rt-down", FakeAuthorizationServer.down());
        FakeIdTokenVerifier verifier = new FakeIdTokenVerifier()
                .accept("id-alice", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of("admins", "beta")), "nonce-1")
                .accept("id-no-nonce", FakeIdTokenVerifier.identity("alice", "sub-alice", List.of()), null)
                .accept("id-big", FakeIdTokenVerifier.identity("big", "sub-big", List.of("admins", "beta")), "nonce-1")
                .accept("id-alice-refreshed", FakeIdTokenVerifier.identity("alice", "sub-alice",
                        List.of("admins", "beta", "gamma")), null);
        InMemoryUserAttributeLookup users = new InMemoryUserAttributeLookup()
                .put("alice", "sub-alice", Map.of("email", "alice@example.com", "nickname", "Ally", "email_verified", "true"), true)
                .put("dora", "sub-dora", Map.of("nickname", "Dora"), false)
                .put("paul", "sub-paul", Map.of(), true);
        UserAttributeLookup lookup = (username, sub) -> {
            if ("paul".equals(username)) {
                throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.USER_POOL, null);
            }
            return users.lookup(username, sub);
        };
        Session due = session("sid-a", "sub-alice", "alice", Duration.ofMinutes(14), Duration.ofMinutes(1), Duration.ofSeconds(30), "rt-alice");
        Session oldKey = session("sid-old", "sub-alice", "alice", Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(14), "rt-alice");
        Session seen = session("sid-a", "sub-alice", "alice", Duration.ofMinutes(6), Duration.ofMinutes(6), Duration.ofMinutes(14), "rt-alice");
        Session disabledSeen = session("sid-o", "sub-dora", "dora", Duration.ofMinutes(6), Duration.ofMinutes(6), Duration.ofMinutes(14), "rt-o");
        Session poolDownSeen = session("sid-p", "sub-paul", "paul", Duration.ofMinutes(6), Duration.ofMinutes(6), Duration.ofMinutes(14), "rt-p");
        Session manyGroups = session("sid-m", "sub-alice", "alice", Duration.ofMinutes(6), Duration.ofMinutes(6), Duration.ofMinutes(14), "rt-alice");
        InMemorySessionSealer sealer = new InMemorySessionSealer()
                .register("sealed-alice", alice())
                .registerUnderOldKey("sealed-under-old-key", oldKey)
                .register("resealed-under-current-key", oldKey)
                .register("sealed-alice-due", due)
                .register("sealed-alice-refreshed", new Session(due.sid(), due.sub(), due.username(),
                        List.of("admins", "beta", "gamma"), due.issuedAt(), due.lastSeen(), due.absoluteExpiry(),
                        NOW.plus(Duration.ofMinutes(15)), new RefreshToken("rt-alice-2")))
                .register("sealed-alice-seen-6-min-ago", seen)
                .register("sealed-alice-seen-now", seen.seenAt(NOW))
                .register("sealed-revoked", session("sid-r", "sub-alice", "alice", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ZERO, "rt-revoked"))
                .register("sealed-refresh-down", session("sid-d", "sub-alice", "alice", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ZERO, "rt-down"))
                .register("sealed-idle", session("sid-i", "sub-alice", "alice", Duration.ofHours(9), Duration.ofHours(8), Duration.ofMinutes(14), "rt-alice"))
                .register("sealed-absolute", session("sid-x", "sub-alice", "alice", Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofMinutes(14), "rt-alice"))
                .register("sealed-gone", session("sid-g", "sub-gone", "gone", Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(14), "rt-g"))
                .register("sealed-disabled", session("sid-o", "sub-dora", "dora", Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(14), "rt-o"))
                .register("sealed-pool-down", session("sid-p", "sub-paul", "paul", Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(14), "rt-p"))
                .register("sealed-new-session", new Session(new SessionId("sid-1"), "sub-alice", "alice", List.of("admins", "beta"),
                        NOW, NOW, NOW.plus(Duration.ofDays(7)), NOW.plus(Duration.ofMinutes(15)), new RefreshToken("rt-alice")))
                .register("sealed-login-for-app", pending("/app", NOW.plus(Duration.ofMinutes(5))))
                .register("sealed-login-started-app", pending("/app", NOW.plus(SessionPolicy.SIGN_IN_LIFETIME)))
                .register("sealed-login-started-home", pending("/", NOW.plus(SessionPolicy.SIGN_IN_LIFETIME)))
                .register("sealed-login-started-spa", pending("http://localhost:5173/app", NOW.plus(SessionPolicy.SIGN_IN_LIFETIME)))
                .register("sealed-disabled-seen-6-min-ago", disabledSeen)
                .register("sealed-disabled-seen-now", disabledSeen.seenAt(NOW))
                .register("sealed-pool-down-seen-6-min-ago", poolDownSeen)
                .register("sealed-pool-down-seen-now", poolDownSeen.seenAt(NOW))
                .register("sealed-many-groups-seen-6-min-ago", manyGroups)
                // What a session too large for two cookies seals to: 9,000 characters.
                .register("x".repeat(9000), manyGroups.seenAt(NOW))
                .register("y".repeat(9000), new Session(new SessionId("sid-1"), "sub-big", "big", List.of("admins", "beta"),
                        NOW, NOW, NOW.plus(Duration.ofDays(7)), NOW.plus(Duration.ofMinutes(15)), new RefreshToken("rt-big")));
        SessionPolicy policy = SessionPolicy.defaults();
        InMemoryTokenParser bearer = new InMemoryTokenParser().accept("tok.alice.id", new VerifiedIdentity("alice", "sub-alice",
                TokenUse.ID, "client-1", "alice@example.com", List.of("admins", "beta"), Instant.parse("2099-01-01T00:00:00Z")));
        GetUserInfo getUserInfo = new GetUserInfo(bearer, lookup);
        CookieSessions sessions = new CookieSessions(
                new StartSignIn(server, random, clock),
                new CompleteSignIn(server, verifier, random, clock, policy),
                new ResumeSession(server, verifier, getUserInfo, clock, policy, FakeAuthorizationServer.CLIENT_ID),
                new SignOut(server), sealer, clock, CookieScheme.HOST_PREFIXED, CookieSessions.RedirectUris.fixed(CALLBACK),
                APP_HOME);
        List<String> headers = new ArrayList<>(CorsPolicy.DEFAULT_ALLOWED_HEADERS);
        headers.add(2, "X-CSRF");
        return new UserInfoEndpoint(getUserInfo, CorsPolicy.of(ContractCases.ALLOWED_ORIGINS, headers), log, Optional.of(sessions));
    }

    private static String session(String value, long maxAge) {
        return SESSION + "=" + value + "; Max-Age=" + maxAge + "; Expires=" + ContractCase.EXPIRES + STRICT;
    }

    private static String deleted(String name) {
        return name + "=; Max-Age=0; Expires=" + ContractCase.EXPIRES + (name.equals(LOGIN) ? LAX : STRICT);
    }

    private static String login(String value) {
        return LOGIN + "=" + value + "; Max-Age=600; Expires=" + ContractCase.EXPIRES + LAX;
    }

    private static Map<String, String> cookie(String value) {
        return Map.of("Cookie", SESSION + "=" + value, "X-CSRF", "1");
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> map = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, String> base() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json; charset=utf-8");
        h.put("Cache-Control", "no-store");
        h.put("Vary", "Origin");
        return h;
    }

    private static Map<String, String> cors(String origin) {
        Map<String, String> h = base();
        h.put("Access-Control-Allow-Origin", origin);
        h.put("Access-Control-Allow-Credentials", "true");
        h.put("Access-Control-Expose-Headers", "WWW-Authenticate, Retry-After");
        return h;
    }

    private static String error(String code) {
        return "{\"error\":\"" + code + "\"}";
    }

    private static ContractCase row(String name, String method, String path, Map<String, String> requestHeaders,
            Map<String, String> query, int status, Map<String, String> headers, String body, List<String> setCookies) {
        return new ContractCase(name, method, path, requestHeaders, status, headers, body, query, setCookies);
    }

    /** Every cookie-session row. */
    public static List<ContractCase> all() {
        long sevenDaysLessAMinute = Duration.ofDays(7).minusMinutes(1).getSeconds();
        long sevenDays = Duration.ofDays(7).getSeconds();
        List<ContractCase> rows = new ArrayList<>();
        // GET /userinfo with the session cookie
        rows.add(row("session cookie with X-CSRF -> 200 with the bearer mode's body, cookie left alone", "GET", "/userinfo",
                cookie("sealed-alice"), Map.of(), 200, base(), ALICE_BODY, List.of()));
        rows.add(row("session cookie from the allowed app origin -> 200 with credentialed CORS", "GET", "/userinfo",
                with(cookie("sealed-alice"), "Origin", ContractCases.APP_ORIGIN, "Sec-Fetch-Site", "same-site"), Map.of(), 200,
                cors(ContractCases.APP_ORIGIN), ALICE_BODY, List.of()));
        rows.add(row("session split over two cookies -> joined, 200", "GET", "/userinfo",
                Map.of("Cookie", SESSION + ".0=sealed-al; theme=dark; " + SESSION + ".1=ice", "X-CSRF", "1"), Map.of(), 200,
                base(), ALICE_BODY, List.of()));
        rows.add(row("session sealed under an old key -> 200, sealed again under the current one", "GET", "/userinfo",
                cookie("sealed-under-old-key"), Map.of(), 200, base(), ALICE_BODY,
                List.of(session("resealed-under-current-key", sevenDaysLessAMinute))));
        rows.add(row("access token due within 60 s -> refreshed inline: new groups, rotated refresh token, cookie rewritten",
                "GET", "/userinfo", cookie("sealed-alice-due"), Map.of(), 200, base(), ALICE_REFRESHED_BODY,
                List.of(session("sealed-alice-refreshed", Duration.ofDays(7).minusMinutes(14).getSeconds()))));
        rows.add(row("last seen 6 minutes ago -> lastSeen rewritten", "GET", "/userinfo", cookie("sealed-alice-seen-6-min-ago"),
                Map.of(), 200, base(), ALICE_BODY, List.of(session("sealed-alice-seen-now", Duration.ofDays(7).minusMinutes(6).getSeconds()))));
        rows.add(row("refresh refused (invalid_grant) -> 401 session_expired, cookie cleared", "GET", "/userinfo",
                cookie("sealed-revoked"), Map.of(), 401, with(base(), "WWW-Authenticate", REALM), error("session_expired"),
                List.of(deleted(SESSION))));
        rows.add(row("token endpoint down on refresh -> 503 with Retry-After, cookie kept", "GET", "/userinfo",
                cookie("sealed-refresh-down"), Map.of(), 503, with(base(), "Retry-After", "5"), error("temporarily_unavailable"),
                List.of()));
        rows.add(row("idle 8 hours -> 401 session_expired, cookie cleared", "GET", "/userinfo", cookie("sealed-idle"), Map.of(),
                401, with(base(), "WWW-Authenticate", REALM), error("session_expired"), List.of(deleted(SESSION))));
        rows.add(row("7 days old -> 401 session_expired, cookie cleared", "GET", "/userinfo", cookie("sealed-absolute"), Map.of(),
                401, with(base(), "WWW-Authenticate", REALM), error("session_expired"), List.of(deleted(SESSION))));
        rows.add(row("user deleted -> 401 session_expired, cookie cleared", "GET", "/userinfo", cookie("sealed-gone"), Map.of(),
                401, with(base(), "WWW-Authenticate", REALM), error("session_expired"), List.of(deleted(SESSION))));
        rows.add(row("user disabled -> 403 user_disabled, cookie kept", "GET", "/userinfo", cookie("sealed-disabled"), Map.of(),
                403, base(), error("user_disabled"), List.of()));
        rows.add(row("user pool down -> 503 with Retry-After, cookie kept", "GET", "/userinfo", cookie("sealed-pool-down"), Map.of(),
                503, with(base(), "Retry-After", "5"), error("temporarily_unavailable"), List.of()));
        long sixMinutesIn = Duration.ofDays(7).minusMinutes(6).getSeconds();
        rows.add(row("user disabled, last seen 6 minutes ago -> 403, lastSeen still rewritten", "GET", "/userinfo",
                cookie("sealed-disabled-seen-6-min-ago"), Map.of(), 403, base(), error("user_disabled"),
                List.of(session("sealed-disabled-seen-now", sixMinutesIn))));
        rows.add(row("user pool down, last seen 6 minutes ago -> 503, lastSeen still rewritten", "GET", "/userinfo",
                cookie("sealed-pool-down-seen-6-min-ago"), Map.of(), 503, with(base(), "Retry-After", "5"),
                error("temporarily_unavailable"), List.of(session("sealed-pool-down-seen-now", sixMinutesIn))));
        rows.add(row("a rewrite too large for two cookies -> 400 session_too_large, cookie cleared", "GET", "/userinfo",
                cookie("sealed-many-groups-seen-6-min-ago"), Map.of(), 400, base(), error("session_too_large"),
                List.of(deleted(SESSION))));
        rows.add(row("tampered session cookie -> 401 invalid_session, cookie cleared", "GET", "/userinfo", cookie("sealed-alicX"),
                Map.of(), 401, with(base(), "WWW-Authenticate", REALM), error("invalid_session"), List.of(deleted(SESSION))));
        rows.add(row("tampered split cookie -> 401 invalid_session, both halves and the whole cleared", "GET", "/userinfo",
                Map.of("Cookie", SESSION + ".0=sealed-al; " + SESSION + ".1=icX", "X-CSRF", "1"), Map.of(), 401,
                with(base(), "WWW-Authenticate", REALM), error("invalid_session"),
                List.of(deleted(SESSION), deleted(SESSION + ".0"), deleted(SESSION + ".1"))));
        rows.add(row("session cookie without X-CSRF -> 403 csrf_rejected, cookie untouched", "GET", "/userinfo",
                Map.of("Cookie", SESSION + "=sealed-alice"), Map.of(), 403, base(), error("csrf_rejected"), List.of()));
        rows.add(row("X-CSRF other than 1 -> 403 csrf_rejected", "GET", "/userinfo", with(cookie("sealed-alice"), "X-CSRF", "yes"),
                Map.of(), 403, base(), error("csrf_rejected"), List.of()));
        rows.add(row("session cookie from a foreign Origin -> 403 csrf_rejected, no CORS", "GET", "/userinfo",
                with(cookie("sealed-alice"), "Origin", ContractCases.EVIL_ORIGIN), Map.of(), 403, base(), error("csrf_rejected"),
                List.of()));
        rows.add(row("Sec-Fetch-Site: cross-site -> 403 csrf_rejected", "GET", "/userinfo",
                with(cookie("sealed-alice"), "Sec-Fetch-Site", "cross-site"), Map.of(), 403, base(), error("csrf_rejected"),
                List.of()));
        rows.add(row("bearer token and a bad cookie -> the bearer token decides: 200", "GET", "/userinfo",
                Map.of("Authorization", "Bearer tok.alice.id", "Cookie", SESSION + "=garbage"), Map.of(), 200, base(), ALICE_BODY,
                List.of()));
        rows.add(row("an invalid bearer token and a good cookie -> the bearer token decides: 401 invalid_token", "GET", "/userinfo",
                with(cookie("sealed-alice"), "Authorization", "Bearer tok.forged"), Map.of(), 401,
                with(base(), "WWW-Authenticate", REALM + ", error=\"invalid_token\", error_description=\"The token is not valid for this service\""),
                error("invalid_token"), List.of()));
        rows.add(row("neither a token nor a session cookie (only others) -> 401 missing_token", "GET", "/userinfo",
                Map.of("Cookie", "theme=dark; " + LOGIN + "=sealed-login-for-app", "X-CSRF", "1"), Map.of(), 401,
                with(base(), "WWW-Authenticate", REALM), error("missing_token"), List.of()));
        rows.add(row("preflight for /userinfo -> 204, X-CSRF allowed, credentials", "OPTIONS", "/userinfo",
                Map.of("Origin", ContractCases.APP_ORIGIN, "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Headers", "x-csrf"), Map.of(), 204,
                with(cors(ContractCases.APP_ORIGIN), "Access-Control-Allow-Methods", "GET, OPTIONS",
                        "Access-Control-Allow-Headers", ALLOWED_HEADERS, "Access-Control-Max-Age", "600", "Allow", "GET, OPTIONS"),
                "", List.of()));
        // GET /auth/login
        rows.add(row("login -> 302 to the authorization endpoint, login cookie set", "GET", "/auth/login",
                Map.of(), Map.of("returnTo", "/app"), 302,
                with(base(), "Location", LOGIN_LOCATION_PREFIX + VERIFIER.value() + "&redirect_uri=https%3A%2F%2Fapi.example.com%2Fauth%2Fcallback"),
                "", List.of(login("sealed-login-started-app"))));
        for (String hostile : List.of("//evil.example.com", "/\\evil.example.com", "https://evil.example.com/x", "%2F%2Fevil.example.com",
                "/%5Cevil.example.com", "/a\r\nLocation: https://evil.example.com", "/" + "a".repeat(512))) {
            rows.add(row("login with returnTo " + hostile.replace("\r\n", "\\r\\n").substring(0, Math.min(40, hostile.length()))
                            + " -> returns to /", "GET", "/auth/login", Map.of(), Map.of("returnTo", hostile), 302,
                    with(base(), "Location", LOGIN_LOCATION_PREFIX + VERIFIER.value() + "&redirect_uri=https%3A%2F%2Fapi.example.com%2Fauth%2Fcallback"),
                    "", List.of(login("sealed-login-started-home"))));
        }
        rows.add(row("login returning to an SPA on an allowed origin -> kept", "GET", "/auth/login", Map.of(),
                Map.of("returnTo", "http://localhost:5173/app"), 302,
                with(base(), "Location", LOGIN_LOCATION_PREFIX + VERIFIER.value() + "&redirect_uri=https%3A%2F%2Fapi.example.com%2Fauth%2Fcallback"),
                "", List.of(login("sealed-login-started-spa"))));
        rows.add(row("POST /auth/login -> 405", "POST", "/auth/login", Map.of(), Map.of(), 405, with(base(), "Allow", "GET"),
                error("method_not_allowed"), List.of()));
        // GET /auth/callback
        Map<String, String> loginCookie = Map.of("Cookie", LOGIN + "=sealed-login-for-app");
        rows.add(row("callback with its state and code -> 303 to returnTo, session set, login cookie cleared", "GET",
                "/auth/callback", loginCookie, Map.of("code", "code-alice", "state", "state-1"), 303,
                with(base(), "Location", "/app"), "", List.of(session("sealed-new-session", sevenDays), deleted(LOGIN))));
        rows.add(row("callback with an unknown state -> 400 signin_failed, the pending sign-in kept", "GET", "/auth/callback",
                loginCookie, Map.of("code", "code-alice", "state", "state-9"), 400, base(), error("signin_failed"),
                List.of(login("sealed-login-for-app"))));
        rows.add(row("callback without the login cookie -> 400 signin_failed", "GET", "/auth/callback", Map.of(),
                Map.of("code", "code-alice", "state", "state-1"), 400, base(), error("signin_failed"), List.of(deleted(LOGIN))));
        rows.add(row("callback with a tampered login cookie -> 400 signin_failed", "GET", "/auth/callback",
                Map.of("Cookie", LOGIN + "=sealed-login-for-apX"), Map.of("code", "code-alice", "state", "state-1"), 400, base(),
                error("signin_failed"), List.of(deleted(LOGIN))));
        rows.add(row("callback whose ID token lacks the nonce -> 400 signin_failed", "GET", "/auth/callback", loginCookie,
                Map.of("code", "code-no-nonce", "state", "state-1"), 400, base(), error("signin_failed"), List.of(deleted(LOGIN))));
        rows.add(row("callback with a code the server refuses -> 400 signin_failed", "GET", "/auth/callback", loginCookie,
                Map.of("code", "code-used", "state", "state-1"), 400, base(), error("signin_failed"), List.of(deleted(LOGIN))));
        rows.add(row("callback with Cognito's error -> 303 to returnTo with signin_error", "GET", "/auth/callback", loginCookie,
                Map.of("error", "access_denied", "state", "state-1"), 303, with(base(), "Location", "/app?signin_error=access_denied"),
                "", List.of(deleted(LOGIN))));
        rows.add(row("callback with an error that is no OAuth error code -> passed on as unknown_error", "GET", "/auth/callback",
                loginCookie, Map.of("error", "<script>alert(1)</script>", "state", "state-1"), 303,
                with(base(), "Location", "/app?signin_error=unknown_error"), "", List.of(deleted(LOGIN))));
        rows.add(row("callback whose session would not fit two cookies -> 400 session_too_large", "GET", "/auth/callback",
                loginCookie, Map.of("code", "code-big", "state", "state-1"), 400, base(), error("session_too_large"),
                List.of(deleted(SESSION), deleted(LOGIN))));
        rows.add(row("callback while the token endpoint is down -> 503 with Retry-After, cookies kept", "GET", "/auth/callback",
                loginCookie, Map.of("code", "code-down", "state", "state-1"), 503, with(base(), "Retry-After", "5"),
                error("temporarily_unavailable"), List.of()));
        // POST /auth/logout
        rows.add(row("logout with X-CSRF -> 200 with Cognito's logout URL, both cookies cleared", "POST", "/auth/logout",
                Map.of("Cookie", SESSION + "=sealed-alice; " + LOGIN + "=sealed-login-for-app", "X-CSRF", "1",
                        "Origin", ContractCases.APP_ORIGIN), Map.of(), 200, cors(ContractCases.APP_ORIGIN),
                "{\"logoutUrl\":\"https://auth.example.com/logout?client_id=client-1&logout_uri=https%3A%2F%2Fapp.example.com%2F\"}",
                List.of(deleted(SESSION), deleted(LOGIN))));
        rows.add(row("logout without a session -> 200, cookies cleared all the same", "POST", "/auth/logout",
                Map.of("X-CSRF", "1"), Map.of(), 200, base(),
                "{\"logoutUrl\":\"https://auth.example.com/logout?client_id=client-1&logout_uri=https%3A%2F%2Fapp.example.com%2F\"}",
                List.of(deleted(SESSION), deleted(LOGIN))));
        rows.add(row("logout with a tampered session cookie -> 200, nothing revoked, cookies cleared", "POST", "/auth/logout",
                Map.of("Cookie", SESSION + "=sealed-alicX", "X-CSRF", "1"), Map.of(), 200, base(),
                "{\"logoutUrl\":\"https://auth.example.com/logout?client_id=client-1&logout_uri=https%3A%2F%2Fapp.example.com%2F\"}",
                List.of(deleted(SESSION), deleted(LOGIN))));
        rows.add(row("logout without X-CSRF -> 403 csrf_rejected, nothing cleared", "POST", "/auth/logout",
                Map.of("Cookie", SESSION + "=sealed-alice"), Map.of(), 403, base(), error("csrf_rejected"), List.of()));
        rows.add(row("GET /auth/logout -> 405, logout is POST only", "GET", "/auth/logout", cookie("sealed-alice"), Map.of(), 405,
                with(base(), "Allow", "POST, OPTIONS"), error("method_not_allowed"), List.of()));
        rows.add(row("preflight for /auth/logout -> 204 allowing POST with X-CSRF and credentials", "OPTIONS", "/auth/logout",
                Map.of("Origin", ContractCases.APP_ORIGIN, "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "x-csrf"), Map.of(), 204,
                with(cors(ContractCases.APP_ORIGIN), "Access-Control-Allow-Methods", "POST, OPTIONS",
                        "Access-Control-Allow-Headers", ALLOWED_HEADERS, "Access-Control-Max-Age", "600", "Allow", "POST, OPTIONS"),
                "", List.of()));
        rows.add(row("preflight for /auth/logout from a foreign origin -> 403", "OPTIONS", "/auth/logout",
                Map.of("Origin", ContractCases.EVIL_ORIGIN, "Access-Control-Request-Method", "POST"), Map.of(), 403, base(),
                error("origin_not_allowed"), List.of()));
        rows.add(row("another /auth path -> 404", "GET", "/auth/other", Map.of(), Map.of(), 404, base(), error("not_found"), List.of()));
        return rows;
    }
}
