package dev.userinfo.application;

import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.ProfileOrigin;
import dev.userinfo.domain.UserInfo;
import dev.userinfo.domain.UserInfoResult;
import dev.userinfo.domain.VerifiedIdentity;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP contract of {@code /userinfo}, once, for every entry point: routing, CORS, bearer
 * extraction, the mapping of every outcome to a status, and the JSON bodies; with cookie sessions on,
 * the {@code /auth/*} routes and cookie-authenticated {@code GET /userinfo} as well
 * ({@link CookieSessions}). The Lambda handlers and the local server only translate their wire shapes
 * to {@link HttpRequest} and back, so they answer byte for byte alike.
 */
public final class UserInfoEndpoint {

    /** The one route of bearer mode. */
    public static final String PATH = "/userinfo";

    static final String ALLOWED_METHODS = "GET, OPTIONS";
    static final String REALM = "Bearer realm=\"userinfo\"";

    private static final System.Logger LOG = System.getLogger(UserInfoEndpoint.class.getName());

    private final GetUserInfo getUserInfo;
    private final AccessLog accessLog;
    private final Responses responses;
    private final Optional<CookieSessions> sessions;

    /** Bearer mode only: {@code /auth/*} are unknown paths, and cookies are ignored. */
    public UserInfoEndpoint(GetUserInfo getUserInfo, CorsPolicy cors, AccessLog accessLog) {
        this(getUserInfo, cors, accessLog, Optional.empty());
    }

    /**
     * @param sessions cookie sessions, when on: the {@code /auth/*} routes, cookie-authenticated
     *                 {@code GET /userinfo}, and {@code Access-Control-Allow-Credentials: true} for the
     *                 allowed origins; a request with a bearer token is still answered by the token
     */
    public UserInfoEndpoint(GetUserInfo getUserInfo, CorsPolicy cors, AccessLog accessLog,
            Optional<CookieSessions> sessions) {
        this.getUserInfo = Objects.requireNonNull(getUserInfo, "getUserInfo");
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.responses = new Responses(Objects.requireNonNull(cors, "cors"), sessions.isPresent());
    }

    /** Answers a request whose token (or session cookie) this service verifies itself. */
    public HttpResponse handle(HttpRequest request) {
        return respond(request, this::verifyAndLookUp, true);
    }

    /**
     * Answers a request that an API Gateway authorizer already verified. An empty identity means the
     * authorizer handed over no claims: that is a 401, never a fall-back to the unverified token.
     * Session cookies play no part (a trusted authorizer and cookie sessions exclude each other).
     */
    public HttpResponse handlePreVerified(HttpRequest request, Optional<VerifiedIdentity> identity) {
        return respond(request, r -> identity
                .map(getUserInfo::executeVerified)
                .orElseGet(() -> new UserInfoResult.InvalidToken(InvalidTokenReason.NO_AUTHORIZER_CLAIMS, null)), false);
    }

    private UserInfoResult verifyAndLookUp(HttpRequest request) {
        BearerExtraction.Result token = bearer(request);
        if (token instanceof BearerExtraction.Result.Present present) {
            return getUserInfo.execute(Optional.of(present.token()));
        }
        if (token instanceof BearerExtraction.Result.UnsupportedScheme) {
            return new UserInfoResult.InvalidToken(InvalidTokenReason.UNSUPPORTED_SCHEME, null);
        }
        return getUserInfo.execute(Optional.empty());
    }

    private static BearerExtraction.Result bearer(HttpRequest request) {
        return BearerExtraction.extract(request.headers().first("Authorization"));
    }

    private HttpResponse respond(HttpRequest request, Function<HttpRequest, UserInfoResult> resolve, boolean cookies) {
        long started = System.nanoTime();
        HttpResponse response;
        try {
            response = route(request, resolve, cookies);
        } catch (RuntimeException e) {
            response = internalError(request, e);
        }
        String route = routeName(request.path());
        accessLog.record(new AccessLogEntry(
                request.requestId(),
                loggableMethod(request.method()),
                route,
                route.equals("other") ? LoggablePath.of(request.path()) : null,
                response.status(),
                response.outcome().label(),
                response.outcome().reason(),
                response.outcome().sub(),
                (System.nanoTime() - started) / 1_000_000.0,
                response.outcome().profile()));
        return response;
    }

    private String routeName(String path) {
        if (isUserInfo(path)) {
            return PATH;
        }
        return sessions.flatMap(s -> s.route(path)).orElse("other");
    }

    private HttpResponse route(HttpRequest request, Function<HttpRequest, UserInfoResult> resolve, boolean cookies) {
        Optional<String> origin = responses.allowedOrigin(request);
        if (!isUserInfo(request.path())) {
            if (cookies && sessions.isPresent() && sessions.get().route(request.path()).isPresent()) {
                return sessions.get().handle(request, responses);
            }
            return responses.error(ErrorCode.NOT_FOUND, origin, Map.of(), List.of(), RequestOutcome.of("not_found"));
        }
        switch (request.method()) {
            case "GET":
                // The bearer token decides whenever there is one; a session cookie only without.
                if (cookies && sessions.isPresent() && bearer(request) instanceof BearerExtraction.Result.Missing) {
                    Optional<HttpResponse> bySession = sessions.get().userInfo(request, responses);
                    if (bySession.isPresent()) {
                        return bySession.get();
                    }
                }
                return answer(resolve.apply(request), origin, request);
            case "OPTIONS":
                return responses.preflight(request, ALLOWED_METHODS);
            default:
                return responses.error(ErrorCode.METHOD_NOT_ALLOWED, origin, Map.of("Allow", ALLOWED_METHODS), List.of(),
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

    /** The one place where each outcome of the bearer use case becomes a status. */
    private HttpResponse answer(UserInfoResult result, Optional<String> origin, HttpRequest request) {
        if (result instanceof UserInfoResult.Found found) {
            return userInfo(found.userInfo(), origin, List.of(),
                    new RequestOutcome("ok", null, found.identity().sub(), profileLabel(found.origin())));
        }
        if (result instanceof UserInfoResult.MissingToken) {
            return responses.error(ErrorCode.MISSING_TOKEN, origin, Map.of("WWW-Authenticate", REALM), List.of(),
                    RequestOutcome.of("missing_token"));
        }
        if (result instanceof UserInfoResult.InvalidToken invalid) {
            String description = invalid.reason() == InvalidTokenReason.EXPIRED
                    ? "The token has expired"
                    : "The token is not valid for this service";
            String challenge = REALM + ", error=\"invalid_token\", error_description=\"" + description + "\"";
            return responses.error(ErrorCode.INVALID_TOKEN, origin, Map.of("WWW-Authenticate", challenge), List.of(),
                    new RequestOutcome("invalid_token", invalid.reason().name(), invalid.sub()));
        }
        if (result instanceof UserInfoResult.UserDisabled disabled) {
            return responses.error(ErrorCode.USER_DISABLED, origin, Map.of(), List.of(),
                    new RequestOutcome("user_disabled", null, disabled.sub()));
        }
        if (result instanceof UserInfoResult.Unavailable unavailable) {
            return responses.error(ErrorCode.TEMPORARILY_UNAVAILABLE, origin,
                    Map.of("Retry-After", Responses.RETRY_AFTER_SECONDS), List.of(),
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

    /** The 200 answer, the same body for a bearer token and a session. */
    HttpResponse userInfo(UserInfo info, Optional<String> origin, List<String> cookies, RequestOutcome outcome) {
        return userInfo(responses, info, origin, cookies, outcome);
    }

    static HttpResponse userInfo(Responses responses, UserInfo info, Optional<String> origin, List<String> cookies,
            RequestOutcome outcome) {
        return new HttpResponse(200, responses.baseHeaders(origin), cookies, new WireBodies.UserInfoBody(
                info.name(), info.email(), info.nickname(), info.sub(), info.emailVerified(), info.groups()).json(), outcome);
    }

    private HttpResponse internalError(HttpRequest request, RuntimeException e) {
        // The class name and where it came from are enough to find the bug; exception messages are
        // not logged because a library may have put request data (even a token) into one.
        StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        String kind = e instanceof MisconfigurationException ? "misconfiguration" : "unexpected";
        LOG.log(Level.ERROR, () -> "request " + request.requestId() + " failed (" + kind + "): "
                + e.getClass().getName() + (where == null ? "" : " at " + where));
        return responses.internalError(request, new RequestOutcome("internal_error", kind, null));
    }

    private static String loggableMethod(String method) {
        return method.length() <= 16 && method.chars().allMatch(c -> c >= 'A' && c <= 'Z') ? method : "other";
    }
}
