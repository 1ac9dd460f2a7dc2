package dev.userinfo.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The headers every answer carries and the JSON bodies, for the bearer contract and the cookie
 * sessions alike: {@code Content-Type}, {@code Cache-Control: no-store}, {@code Vary: Origin}, and the
 * CORS headers whenever the origin is allowed, on errors too. With cookie sessions on,
 * {@code Access-Control-Allow-Credentials: true} joins them, for an exactly reflected origin only,
 * never {@code *} (Fetch Standard, CORS protocol, "credentialed requests").
 */
final class Responses {

    static final String JSON = "application/json; charset=utf-8";
    static final String EXPOSED_HEADERS = "WWW-Authenticate, Retry-After";
    static final String PREFLIGHT_MAX_AGE = "600";
    static final String RETRY_AFTER_SECONDS = "5";

    private final CorsPolicy cors;
    private final boolean credentials;

    Responses(CorsPolicy cors, boolean credentials) {
        this.cors = Objects.requireNonNull(cors, "cors");
        this.credentials = credentials;
    }

    CorsPolicy cors() {
        return cors;
    }

    /** The request's {@code Origin} when the allowlist has it: the only origin ever reflected. */
    Optional<String> allowedOrigin(HttpRequest request) {
        return request.headers().first("Origin").filter(cors::allows);
    }

    Map<String, String> baseHeaders(Optional<String> allowedOrigin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.put("Cache-Control", "no-store");
        headers.put("Vary", "Origin");
        allowedOrigin.ifPresent(o -> {
            headers.put("Access-Control-Allow-Origin", o);
            if (credentials) {
                headers.put("Access-Control-Allow-Credentials", "true");
            }
            headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        });
        return headers;
    }

    /** A preflight's answer: the allowed methods of the route, the allowed request headers. */
    HttpResponse preflight(HttpRequest request, String allowedMethods) {
        Optional<String> allowedOrigin = allowedOrigin(request);
        if (request.headers().first("Origin").isPresent() && allowedOrigin.isEmpty()) {
            // A browser would refuse the answer anyway; saying so plainly helps whoever debugs it.
            return error(ErrorCode.ORIGIN_NOT_ALLOWED, Optional.empty(), Map.of(), List.of(),
                    RequestOutcome.of("origin_not_allowed"));
        }
        Map<String, String> headers = baseHeaders(allowedOrigin);
        if (allowedOrigin.isPresent()) {
            headers.put("Access-Control-Allow-Methods", allowedMethods);
            headers.put("Access-Control-Allow-Headers", cors.allowedHeaders());
            headers.put("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
        }
        headers.put("Allow", allowedMethods);
        return new HttpResponse(204, headers, "", RequestOutcome.of("preflight"));
    }

    /** An error answer: the code's status and body, the base headers, then {@code extra}. */
    HttpResponse error(ErrorCode code, Optional<String> origin, Map<String, String> extra, List<String> cookies,
            RequestOutcome outcome) {
        Map<String, String> headers = baseHeaders(origin);
        headers.putAll(extra);
        return new HttpResponse(code.status(), headers, cookies, new WireBodies.ErrorBody(code.code(), null).json(),
                outcome);
    }

    /** The 500 answer: the request id in the body, never an exception's text. */
    HttpResponse internalError(HttpRequest request, RequestOutcome outcome) {
        return new HttpResponse(ErrorCode.INTERNAL_ERROR.status(), baseHeaders(allowedOrigin(request)),
                new WireBodies.ErrorBody(ErrorCode.INTERNAL_ERROR.code(), request.requestId()).json(), outcome);
    }
}
