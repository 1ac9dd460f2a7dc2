package dev.userinfo.application;

import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.ProfileOrigin;
import dev.userinfo.domain.UserInfo;
import dev.userinfo.domain.UserInfoResult;
import dev.userinfo.domain.VerifiedIdentity;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP contract of {@code /userinfo}, once, for every entry point: routing, CORS, bearer
 * extraction, the mapping of every outcome to a status, and the JSON bodies. The Lambda handlers and
 * the local server only translate their wire shapes to {@link HttpRequest} and back, so they answer
 * byte for byte alike.
 */
public final class UserInfoEndpoint {

    /** The one route this service answers. */
    public static final String PATH = "/userinfo";

    static final String ALLOWED_METHODS = "GET, OPTIONS";
    static final String EXPOSED_HEADERS = "WWW-Authenticate, Retry-After";
    static final String PREFLIGHT_MAX_AGE = "600";
    static final String RETRY_AFTER_SECONDS = "5";
    static final String REALM = "Bearer realm=\"userinfo\"";
    static final String JSON = "application/json; charset=utf-8";

    private static final System.Logger LOG = System.getLogger(UserInfoEndpoint.class.getName());

    private final GetUserInfo getUserInfo;
    private final CorsPolicy cors;
    private final AccessLog accessLog;

    public UserInfoEndpoint(GetUserInfo getUserInfo, CorsPolicy cors, AccessLog accessLog) {
        this.getUserInfo = Objects.requireNonNull(getUserInfo, "getUserInfo");
        this.cors = Objects.requireNonNull(cors, "cors");
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
    }

    /** Answers a request whose token this service verifies itself. */
    public HttpResponse handle(HttpRequest request) {
        return respond(request, this::verifyAndLookUp);
    }

    /**
     * Answers a request that an API Gateway authorizer already verified. An empty identity means the
     * authorizer handed over no claims: that is a 401, never a fall-back to the unverified token.
     */
    public HttpResponse handlePreVerified(HttpRequest request, Optional<VerifiedIdentity> identity) {
        return respond(request, r -> identity
                .map(getUserInfo::executeVerified)
                .orElseGet(() -> new UserInfoResult.InvalidToken(InvalidTokenReason.NO_AUTHORIZER_CLAIMS, null)));
    }

    private UserInfoResult verifyAndLookUp(HttpRequest request) {
        BearerExtraction.Result token = BearerExtraction.extract(request.headers().first("Authorization"));
        if (token instanceof BearerExtraction.Result.Present present) {
            return getUserInfo.execute(Optional.of(present.token()));
        }
        if (token instanceof BearerExtraction.Result.UnsupportedScheme) {
            return new UserInfoResult.InvalidToken(InvalidTokenReason.UNSUPPORTED_SCHEME, null);
        }
        return getUserInfo.execute(Optional.empty());
    }

    private HttpResponse respond(HttpRequest request, Function<HttpRequest, UserInfoResult> resolve) {
        long started = System.nanoTime();
        HttpResponse response;
        try {
            response = route(request, resolve);
        } catch (RuntimeException e) {
            response = internalError(request, e);
        }
        boolean isRoute = isUserInfo(request.path());
        accessLog.record(new AccessLogEntry(
                request.requestId(),
                loggableMethod(request.method()),
                isRoute ? PATH : "other",
                isRoute ? null : LoggablePath.of(request.path()),
                response.status(),
                response.outcome().label(),
                response.outcome().reason(),
                response.outcome().sub(),
                (System.nanoTime() - started) / 1_000_000.0,
                response.outcome().profile()));
        return response;
    }

    private HttpResponse route(HttpRequest request, Function<HttpRequest, UserInfoResult> resolve) {
        Optional<String> origin = request.headers().first("Origin").filter(cors::allows);
        if (!isUserInfo(request.path())) {
            return error(404, "not_found", origin, Map.of(), RequestOutcome.of("not_found"));
        }
        switch (request.method()) {
            case "GET":
                return answer(resolve.apply(request), origin, request);
            case "OPTIONS":
                return preflight(request, origin);
            default:
                return error(405, "method_not_allowed", origin, Map.of("Allow", ALLOWED_METHODS),
                        RequestOutcome.of("method_not_allowed"));
        }
    }

    /**
     * Whether a path is this service's route. One trailing slash names the same route, because API
     * Gateway routes {@code /userinfo/} to the {@code /userinfo} resource or route (REST and HTTP
     * APIs alike) and the local server must answer as the Lambda does; anything else is compared
     * exactly, case included (docs/ROUTING.md).
     */
    static boolean isUserInfo(String path) {
        return PATH.equals(path) || (PATH + "/").equals(path);
    }

    private HttpResponse preflight(HttpRequest request, Optional<String> allowedOrigin) {
        Optional<String> sentOrigin = request.headers().first("Origin");
        if (sentOrigin.isPresent() && allowedOrigin.isEmpty()) {
            // A browser would refuse the answer anyway; saying so plainly helps whoever debugs it.
            return error(403, "origin_not_allowed", Optional.empty(), Map.of(), RequestOutcome.of("origin_not_allowed"));
        }
        Map<String, String> headers = baseHeaders(allowedOrigin);
        if (allowedOrigin.isPresent()) {
            headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
            headers.put("Access-Control-Allow-Headers", cors.allowedHeaders());
            headers.put("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
        }
        headers.put("Allow", ALLOWED_METHODS);
        return new HttpResponse(204, headers, "", RequestOutcome.of("preflight"));
    }

    /** The one place where each outcome of the use case becomes a status. */
    private HttpResponse answer(UserInfoResult result, Optional<String> origin, HttpRequest request) {
        if (result instanceof UserInfoResult.Found found) {
            return new HttpResponse(200, baseHeaders(origin), toBody(found.userInfo()).json(),
                    new RequestOutcome("ok", null, found.identity().sub(), profileLabel(found.origin())));
        }
        if (result instanceof UserInfoResult.MissingToken) {
            return error(401, "missing_token", origin, Map.of("WWW-Authenticate", REALM),
                    RequestOutcome.of("missing_token"));
        }
        if (result instanceof UserInfoResult.InvalidToken invalid) {
            String description = invalid.reason() == InvalidTokenReason.EXPIRED
                    ? "The token has expired"
                    : "The token is not valid for this service";
            String challenge = REALM + ", error=\"invalid_token\", error_description=\"" + description + "\"";
            return error(401, "invalid_token", origin, Map.of("WWW-Authenticate", challenge),
                    new RequestOutcome("invalid_token", invalid.reason().name(), invalid.sub()));
        }
        if (result instanceof UserInfoResult.UserDisabled disabled) {
            return error(403, "user_disabled", origin, Map.of(),
                    new RequestOutcome("user_disabled", null, disabled.sub()));
        }
        if (result instanceof UserInfoResult.Unavailable unavailable) {
            return error(503, "temporarily_unavailable", origin, Map.of("Retry-After", RETRY_AFTER_SECONDS),
                    new RequestOutcome("temporarily_unavailable", unavailable.dependency().name(), null));
        }
        throw new IllegalStateException("unmapped result " + result.getClass().getSimpleName()
                + " for request " + request.requestId());
    }

    /** The access log's name for where a profile came from. */
    static String profileLabel(ProfileOrigin origin) {
        return switch (origin) {
            case POOL -> "pool";
            case POOL_STALE -> "stale";
            case ID_TOKEN -> "id_token";
        };
    }

    private HttpResponse internalError(HttpRequest request, RuntimeException e) {
        // The class name and where it came from are enough to find the bug; exception messages are
        // not logged because a library may have put request data (even a token) into one.
        StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        String kind = e instanceof MisconfigurationException ? "misconfiguration" : "unexpected";
        LOG.log(Level.ERROR, () -> "request " + request.requestId() + " failed (" + kind + "): "
                + e.getClass().getName() + (where == null ? "" : " at " + where));
        Optional<String> origin = request.headers().first("Origin").filter(cors::allows);
        Map<String, String> headers = baseHeaders(origin);
        return new HttpResponse(500, headers, new WireBodies.ErrorBody("internal_error", request.requestId()).json(),
                new RequestOutcome("internal_error", kind, null));
    }

    private HttpResponse error(int status, String code, Optional<String> origin, Map<String, String> extra,
            RequestOutcome outcome) {
        Map<String, String> headers = baseHeaders(origin);
        headers.putAll(extra);
        return new HttpResponse(status, headers, new WireBodies.ErrorBody(code, null).json(), outcome);
    }

    private static Map<String, String> baseHeaders(Optional<String> allowedOrigin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.put("Cache-Control", "no-store");
        headers.put("Vary", "Origin");
        allowedOrigin.ifPresent(o -> {
            headers.put("Access-Control-Allow-Origin", o);
            headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        });
        return headers;
    }

    private static WireBodies.UserInfoBody toBody(UserInfo info) {
        return new WireBodies.UserInfoBody(
                info.name(), info.email(), info.nickname(), info.sub(), info.emailVerified(), info.groups());
    }

    private static String loggableMethod(String method) {
        return method.length() <= 16 && method.chars().allMatch(c -> c >= 'A' && c <= 'Z') ? method : "other";
    }
}
