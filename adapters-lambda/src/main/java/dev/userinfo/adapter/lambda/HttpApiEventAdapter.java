package dev.userinfo.adapter.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.QueryParameters;
import dev.userinfo.application.UserInfoEndpoint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0): the event becomes an {@link HttpRequest}, the endpoint's
 * {@link HttpResponse} becomes the response. HTTP APIs lower-case header names and may send no
 * header map at all; {@link Headers} takes both in its stride.
 */
public final class HttpApiEventAdapter {

    private final EndpointCall call;

    public HttpApiEventAdapter(UserInfoEndpoint endpoint, AuthorizerTrust trust) {
        this.call = new EndpointCall(endpoint, trust);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        APIGatewayV2HTTPEvent e = event == null ? new APIGatewayV2HTTPEvent() : event;
        HttpResponse response = call.answer(toRequest(e, context), () -> claims(e));
        return toResponseEvent(response);
    }

    /** The response event; cookies go in payload 2.0's own {@code cookies} list, one value each. */
    static APIGatewayV2HTTPResponse toResponseEvent(HttpResponse response) {
        APIGatewayV2HTTPResponse.APIGatewayV2HTTPResponseBuilder builder = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(new LinkedHashMap<>(response.headers()))
                .withBody(response.body())
                .withIsBase64Encoded(false);
        if (!response.cookies().isEmpty()) {
            builder.withCookies(List.copyOf(response.cookies()));
        }
        return builder.build();
    }

    static HttpRequest toRequest(APIGatewayV2HTTPEvent event, Context context) {
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        String method = rc != null && rc.getHttp() != null ? rc.getHttp().getMethod() : null;
        return new HttpRequest(
                method,
                path(event.getRouteKey(), event.getRawPath(), event.getPathParameters(),
                        rc == null ? null : rc.getStage(), rc == null ? null : rc.getApiId(),
                        rc == null ? null : rc.getDomainPrefix()),
                headers(event),
                query(event),
                LambdaRequestIds.of(context, rc == null ? null : rc.getRequestId()));
    }

    /**
     * The route as the API defines it (docs/ROUTING.md). A route key ({@code GET /userinfo},
     * {@code ANY /{proxy+}}) names it, with greedy parameters filled in; it holds no stage. The
     * catch-all {@code $default} route names no path, and then {@code rawPath} is the route, less a
     * named stage when the request came to the API's own endpoint (its {@code domainPrefix} is the API
     * id): there the stage is the first segment, while a custom domain's API mapping leaves both the
     * mapping and the stage out of {@code rawPath} (API Gateway's payload format 2.0 documentation).
     *
     * @return the route, or null when the event names neither
     */
    static String path(String routeKey, String rawPath, Map<String, String> pathParameters, String stage,
            String apiId, String domainPrefix) {
        if (routeKey != null && !ApiGatewayRoutes.DEFAULT.equals(routeKey)) {
            int space = routeKey.indexOf(' ');
            String filled = space > 0 ? ApiGatewayRoutes.fill(routeKey.substring(space + 1), pathParameters) : null;
            if (filled != null) {
                return filled;
            }
        }
        Boolean viaApiEndpoint = apiId == null || domainPrefix == null ? null : apiId.equals(domainPrefix);
        return ApiGatewayRoutes.withoutStage(rawPath, stage, viaApiEndpoint);
    }

    /**
     * Payload 2.0 takes the {@code Cookie} header out of {@code headers} and hands its pairs over in
     * {@code cookies}; they go back into one {@code Cookie} header (RFC 6265 §5.4 joins pairs with
     * {@code "; "}) so the contract reads cookies the same way from every entry point.
     */
    static Headers headers(APIGatewayV2HTTPEvent event) {
        List<String> cookies = event.getCookies();
        if (cookies == null || cookies.isEmpty()) {
            return Headers.of(event.getHeaders());
        }
        List<String> pairs = cookies.stream().filter(c -> c != null && !c.isBlank()).toList();
        Map<String, List<String>> cookieHeader = pairs.isEmpty() ? Map.of() : Map.of("Cookie", List.of(String.join("; ", pairs)));
        return Headers.of(event.getHeaders(), cookieHeader);
    }

    /**
     * The query parameters. {@code queryStringParameters} joins repeated names with commas, which
     * cannot be told from a value holding one, so the raw query string is decoded when it is there
     * (as {@code application/x-www-form-urlencoded}, the way browsers build a query).
     */
    static QueryParameters query(APIGatewayV2HTTPEvent event) {
        String raw = event.getRawQueryString();
        if (raw == null || raw.isEmpty()) {
            return QueryParameters.of(event.getQueryStringParameters(), null);
        }
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name != null && value != null) {
                decoded.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return QueryParameters.of(null, decoded);
    }

    /** A percent-decoded part; {@code null} when it is not well-formed (a stray {@code %}), so it is dropped. */
    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, ?> claims(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        if (rc == null || rc.getAuthorizer() == null || rc.getAuthorizer().getJwt() == null) {
            return null;
        }
        return rc.getAuthorizer().getJwt().getClaims();
    }
}
