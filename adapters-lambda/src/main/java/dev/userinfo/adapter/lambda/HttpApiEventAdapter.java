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

    private static final String DEFAULT_ROUTE = "$default";

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
                path(event.getRouteKey(), event.getRawPath(), rc == null ? null : rc.getStage()),
                Headers.of(event.getHeaders()),
                LambdaRequestIds.of(context, rc == null ? null : rc.getRequestId()));
    }

    /**
     * The route as the API defines it. A named stage prefixes {@code rawPath} ({@code /prod/userinfo})
     * while the route key ({@code GET /userinfo}) does not; the catch-all {@code $default} route and
     * greedy routes name no path, and only then is {@code rawPath}, less the stage, the one to route on.
     */
    static String path(String routeKey, String rawPath, String stage) {
        if (routeKey != null && !DEFAULT_ROUTE.equals(routeKey) && routeKey.indexOf('{') < 0) {
            int space = routeKey.indexOf(' ');
            if (space > 0) {
                return routeKey.substring(space + 1);
            }
        }
        if (rawPath == null || stage == null || stage.isEmpty() || DEFAULT_ROUTE.equals(stage)) {
            return rawPath;
        }
        String prefix = "/" + stage;
        if (rawPath.equals(prefix)) {
            return "/";
        }
        return rawPath.startsWith(prefix + "/") ? rawPath.substring(prefix.length()) : rawPath;
    }

    private static Map<String, ?> claims(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        if (rc == null || rc.getAuthorizer() == null || rc.getAuthorizer().getJwt() == null) {
            return null;
        }
        return rc.getAuthorizer().getJwt().getClaims();
    }
}
