package dev.userinfo.adapter.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.UserInfoEndpoint;
import java.util.LinkedHashMap;
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
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(new LinkedHashMap<>(response.headers()))
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    static HttpRequest toRequest(APIGatewayV2HTTPEvent event, Context context) {
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        String method = rc != null && rc.getHttp() != null ? rc.getHttp().getMethod() : null;
        return new HttpRequest(
                method,
                path(event.getRouteKey(), event.getRawPath(), event.getPathParameters(),
                        rc == null ? null : rc.getStage(), rc == null ? null : rc.getApiId(),
                        rc == null ? null : rc.getDomainPrefix()),
                Headers.of(event.getHeaders()),
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

    private static Map<String, ?> claims(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        if (rc == null || rc.getAuthorizer() == null || rc.getAuthorizer().getJwt() == null) {
            return null;
        }
        return rc.getAuthorizer().getJwt().getClaims();
    }
}
