package dev.userinfo.application;

import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract table of DESIGN.md as data: at least one row per line of the table, plus the header
 * rules (CORS on errors, exact origins, case-insensitive names). {@link #endpoint()} builds the
 * endpoint over fakes that give each token in these rows its outcome.
 */
public final class ContractCases {

    public static final String APP_ORIGIN = "https://app.example.com";
    public static final String DEV_ORIGIN = "http://localhost:5173";
    public static final String EVIL_ORIGIN = "https://evil.example.com";
    /**
     * As a deployer may write them: the app's origin with its default port, which browsers never send
     * ({@code Origin: https://app.example.com}); it must match all the same (RFC 6454 normalization).
     */
    public static final List<String> ALLOWED_ORIGINS = List.of(APP_ORIGIN + ":443", "http://localhost:*");

    /** What a preflight allows by default: the token, and the tracing headers instrumented SPAs add. */
    public static final String ALLOWED_HEADERS =
            "Authorization, Content-Type, traceparent, tracestate, baggage, sentry-trace";

    public static final String ALICE_BODY = "{\"name\":\"alice\",\"email\":\"alice@example.com\",\"nickname\":\"Ally\","
            + "\"sub\":\"sub-alice\",\"email_verified\":true,\"groups\":[\"admins\",\"beta\"]}";
    static final String ZOE_BODY = "{\"name\":\"zoë\",\"email\":null,\"nickname\":\"Zoë 🌱\","
            + "\"sub\":\"sub-zoe\",\"email_verified\":null,\"groups\":[]}";

    private static final String REALM = "Bearer realm=\"userinfo\"";
    private static final String INVALID = REALM
            + ", error=\"invalid_token\", error_description=\"The token is not valid for this service\"";
    private static final String EXPIRED = REALM
            + ", error=\"invalid_token\", error_description=\"The token has expired\"";

    private ContractCases() {
    }

    /** The endpoint wired over fakes that know every token these rows send. */
    public static UserInfoEndpoint endpoint() {
        return endpoint(AccessLog.discarding());
    }

    public static UserInfoEndpoint endpoint(AccessLog log) {
        Instant exp = Instant.parse("2099-01-01T00:00:00Z");
        InMemoryTokenParser tokens = new InMemoryTokenParser()
                .accept("tok.alice.id", new VerifiedIdentity("alice", "sub-alice", TokenUse.ID, "client-1",
                        "alice@example.com", List.of("admins", "beta"), exp))
                .accept("tok.zoe.access", new VerifiedIdentity("zoë", "sub-zoe", TokenUse.ACCESS, "client-1",
                        null, List.of(), exp))
                .accept("tok.gone.id", new VerifiedIdentity("gone", "sub-gone", TokenUse.ID, "client-1",
                        null, List.of(), exp))
                .accept("tok.disabled.id", new VerifiedIdentity("dora", "sub-dora", TokenUse.ID, "client-1",
                        null, List.of(), exp))
                .accept("tok.pooldown.id", new VerifiedIdentity("paul", "sub-paul", TokenUse.ID, "client-1",
                        null, List.of(), exp))
                // kim was deleted and a new kim created since: the username now names another sub.
                .accept("tok.reused.id", new VerifiedIdentity("kim", "sub-kim-one", TokenUse.ID, "client-1",
                        "kim.one@example.com", List.of(), exp))
                .reject("tok.forged.sig", InvalidTokenReason.BAD_SIGNATURE)
                .reject("tok.expired.sig", InvalidTokenReason.EXPIRED)
                .failWith("tok.keysdown.sig", new DependencyUnavailableException(
                        DependencyUnavailableException.Dependency.KEY_SET, null))
                .failWith("tok.boom.sig", new IllegalStateException("secret detail tok.boom.sig"));
        InMemoryUserAttributeLookup users = new InMemoryUserAttributeLookup()
                .put("alice", "sub-alice",
                        Map.of("email", "alice@example.com", "nickname", "Ally", "email_verified", "true"), true)
                .put("zoë", "sub-zoe", Map.of("nickname", "Zoë 🌱"), true)
                .put("dora", "sub-dora", Map.of("nickname", "Dora"), false)
                .put("paul", "sub-paul", Map.of(), true)
                .put("kim", "sub-kim-two", Map.of("email", "kim.two@example.com", "nickname", "Kim Two"), true);
        UserAttributeLookup lookup = (username, sub) -> {
            if ("paul".equals(username)) {
                throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.USER_POOL, null);
            }
            return users.lookup(username, sub);
        };
        return new UserInfoEndpoint(new GetUserInfo(tokens, lookup), CorsPolicy.of(ALLOWED_ORIGINS), log);
    }

    /** Every row. */
    public static List<ContractCase> all() {
        List<ContractCase> rows = new ArrayList<>();
        // 200
        rows.add(get("valid ID token with Bearer scheme -> 200 with the profile",
                Map.of("Authorization", "Bearer tok.alice.id"), 200, Map.of(), ALICE_BODY));
        rows.add(get("bare token as the original frontend sent it -> 200",
                Map.of("Authorization", "tok.alice.id"), 200, Map.of(), ALICE_BODY));
        rows.add(get("scheme in lower case and header name in lower case -> 200",
                Map.of("authorization", "bearer tok.alice.id"), 200, Map.of(), ALICE_BODY));
        rows.add(get("scheme in upper case with extra spaces -> 200",
                Map.of("AUTHORIZATION", "BEARER   tok.alice.id  "), 200, Map.of(), ALICE_BODY));
        rows.add(new ContractCase("trailing slash, which API Gateway routes to the same resource -> 200", "GET",
                "/userinfo/", Map.of("Authorization", "Bearer tok.alice.id"), 200, base(), ALICE_BODY));
        rows.add(get("access token, absent values are null and groups empty, non-ASCII kept -> 200",
                Map.of("Authorization", "Bearer tok.zoe.access"), 200, Map.of(), ZOE_BODY));
        rows.add(get("valid token from an allowed origin -> 200 with CORS headers",
                Map.of("Authorization", "Bearer tok.alice.id", "Origin", APP_ORIGIN), 200, cors(APP_ORIGIN), ALICE_BODY));
        rows.add(get("allowed port-wildcard origin -> 200 with that origin",
                Map.of("Authorization", "Bearer tok.alice.id", "origin", DEV_ORIGIN), 200, cors(DEV_ORIGIN), ALICE_BODY));
        rows.add(get("disallowed origin -> 200 without CORS headers, origin never reflected",
                Map.of("Authorization", "Bearer tok.alice.id", "Origin", EVIL_ORIGIN), 200, Map.of(), ALICE_BODY));
        rows.add(get("look-alike origin (allowed host as a prefix) -> no CORS headers",
                Map.of("Authorization", "Bearer tok.alice.id", "Origin", "http://localhost.evil.example.com:5173"),
                200, Map.of(), ALICE_BODY));
        // 401 missing
        rows.add(get("no Authorization header -> 401 missing_token",
                Map.of(), 401, Map.of("WWW-Authenticate", REALM), error("missing_token")));
        rows.add(get("blank Authorization header -> 401 missing_token",
                Map.of("Authorization", "   "), 401, Map.of("WWW-Authenticate", REALM), error("missing_token")));
        rows.add(get("Bearer scheme with no token -> 401 missing_token",
                Map.of("Authorization", "Bearer "), 401, Map.of("WWW-Authenticate", REALM), error("missing_token")));
        rows.add(get("no token from an allowed origin -> 401 with CORS headers so the app can read it",
                Map.of("Origin", APP_ORIGIN), 401, with(cors(APP_ORIGIN), "WWW-Authenticate", REALM),
                error("missing_token")));
        // 401 invalid
        rows.add(get("malformed token -> 401 invalid_token",
                Map.of("Authorization", "Bearer not-a-jwt"), 401, Map.of("WWW-Authenticate", INVALID),
                error("invalid_token")));
        rows.add(get("forged signature -> 401 invalid_token",
                Map.of("Authorization", "Bearer tok.forged.sig"), 401, Map.of("WWW-Authenticate", INVALID),
                error("invalid_token")));
        rows.add(get("expired token -> 401 invalid_token saying it expired",
                Map.of("Authorization", "Bearer tok.expired.sig"), 401, Map.of("WWW-Authenticate", EXPIRED),
                error("invalid_token")));
        rows.add(get("other scheme (Basic) -> 401 invalid_token",
                Map.of("Authorization", "Basic YWxpY2U6cGFzc3dvcmQ="), 401, Map.of("WWW-Authenticate", INVALID),
                error("invalid_token")));
        rows.add(get("a token that would verify, under another scheme (Basic) -> 401 invalid_token, never 200",
                Map.of("Authorization", "Basic tok.alice.id"), 401, Map.of("WWW-Authenticate", INVALID),
                error("invalid_token")));
        rows.add(get("forged token from an allowed origin -> 401 with CORS headers",
                Map.of("Authorization", "Bearer tok.forged.sig", "Origin", APP_ORIGIN), 401,
                with(cors(APP_ORIGIN), "WWW-Authenticate", INVALID), error("invalid_token")));
        rows.add(get("user deleted since the token was issued -> 401 invalid_token",
                Map.of("Authorization", "Bearer tok.gone.id"), 401, Map.of("WWW-Authenticate", INVALID),
                error("invalid_token")));
        rows.add(get("username deleted and created again (another sub) since the token was issued -> 401 invalid_token",
                Map.of("Authorization", "Bearer tok.reused.id"), 401, Map.of("WWW-Authenticate", INVALID),
                error("invalid_token")));
        // 403
        rows.add(get("user disabled -> 403 user_disabled",
                Map.of("Authorization", "Bearer tok.disabled.id"), 403, Map.of(), error("user_disabled")));
        // 503
        rows.add(get("key set unreachable -> 503 with Retry-After",
                Map.of("Authorization", "Bearer tok.keysdown.sig"), 503, Map.of("Retry-After", "5"),
                error("temporarily_unavailable")));
        rows.add(get("user pool unreachable -> 503 with Retry-After and CORS headers",
                Map.of("Authorization", "Bearer tok.pooldown.id", "Origin", APP_ORIGIN), 503,
                with(cors(APP_ORIGIN), "Retry-After", "5"), error("temporarily_unavailable")));
        // 500
        rows.add(get("unexpected failure -> 500 internal_error with the request id, no exception text",
                Map.of("Authorization", "Bearer tok.boom.sig"), 500, Map.of(),
                "{\"error\":\"internal_error\",\"requestId\":\"" + ContractCase.ANY_REQUEST_ID + "\"}"));
        // preflight
        rows.add(new ContractCase("preflight from an allowed origin -> 204 with CORS headers", "OPTIONS", "/userinfo",
                Map.of("Origin", APP_ORIGIN, "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Headers", "authorization"),
                204, preflight(APP_ORIGIN), ""));
        rows.add(new ContractCase("preflight of a traced SPA (OpenTelemetry, Sentry) -> 204 allowing its headers",
                "OPTIONS", "/userinfo",
                Map.of("Origin", APP_ORIGIN, "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Headers", "authorization,baggage,sentry-trace,traceparent,tracestate"),
                204, preflight(APP_ORIGIN), ""));
        rows.add(new ContractCase("preflight asking for other headers -> 204 with the allowlist, never an echo",
                "OPTIONS", "/userinfo",
                Map.of("Origin", APP_ORIGIN, "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Headers", "authorization,x-evil"),
                204, preflight(APP_ORIGIN), ""));
        rows.add(new ContractCase("preflight from a disallowed origin -> 403 origin_not_allowed", "OPTIONS", "/userinfo",
                Map.of("Origin", EVIL_ORIGIN, "Access-Control-Request-Method", "GET"),
                403, base(), error("origin_not_allowed")));
        rows.add(new ContractCase("OPTIONS without Origin -> 204 with Allow", "OPTIONS", "/userinfo",
                Map.of(), 204, with(base(), "Allow", "GET, OPTIONS"), ""));
        // 405
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            rows.add(new ContractCase(method + " /userinfo -> 405 with Allow", method, "/userinfo",
                    Map.of("Authorization", "Bearer tok.alice.id"), 405, with(base(), "Allow", "GET, OPTIONS"),
                    error("method_not_allowed")));
        }
        rows.add(new ContractCase("POST from an allowed origin -> 405 with CORS headers", "POST", "/userinfo",
                Map.of("Origin", APP_ORIGIN), 405, with(cors(APP_ORIGIN), "Allow", "GET, OPTIONS"),
                error("method_not_allowed")));
        // 404
        for (String path : List.of("/", "/user", "/userinfo/extra", "/USERINFO", "/health2", "/userinfo//",
                "//userinfo", "/api/userinfo", "/prod/userinfo")) {
            rows.add(new ContractCase("GET " + path + " -> 404", "GET", path,
                    Map.of("Authorization", "Bearer tok.alice.id"), 404, base(), error("not_found")));
        }
        rows.add(new ContractCase("unknown path from an allowed origin -> 404 with CORS headers", "GET", "/nope",
                Map.of("Origin", APP_ORIGIN), 404, cors(APP_ORIGIN), error("not_found")));
        return rows;
    }

    private static ContractCase get(String name, Map<String, String> requestHeaders, int status,
            Map<String, String> extraOrCors, String body) {
        Map<String, String> headers = extraOrCors.containsKey("Content-Type") ? extraOrCors : with(base(), extraOrCors);
        return new ContractCase(name, "GET", "/userinfo", requestHeaders, status, headers, body);
    }

    private static String error(String code) {
        return "{\"error\":\"" + code + "\"}";
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
        h.put("Access-Control-Expose-Headers", "WWW-Authenticate, Retry-After");
        return h;
    }

    private static Map<String, String> preflight(String origin) {
        Map<String, String> h = cors(origin);
        h.put("Access-Control-Allow-Methods", "GET, OPTIONS");
        h.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        h.put("Access-Control-Max-Age", "600");
        h.put("Allow", "GET, OPTIONS");
        return h;
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return h;
    }

    private static Map<String, String> with(Map<String, String> headers, Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putAll(extra);
        return h;
    }
}
