package dev.userinfo.adapter.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.QueryParameters;
import dev.userinfo.application.UserInfoEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway REST API, proxy integration (payload 1.0): the event becomes an {@link HttpRequest},
 * the endpoint's {@link HttpResponse} becomes the response event. Nothing else is decided here.
 */
public final class RestApiEventAdapter {

    private final EndpointCall call;

    public RestApiEventAdapter(UserInfoEndpoint endpoint, AuthorizerTrust trust) {
        this.call = new EndpointCall(endpoint, trust);
    }

    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
        APIGatewayProxyRequestEvent e = event == null ? new APIGatewayProxyRequestEvent() : event;
        HttpResponse response = call.answer(toRequest(e, context), () -> claims(e));
        return toResponseEvent(response);
    }

    /**
     * The response event. Cookies go in {@code multiValueHeaders}, one {@code Set-Cookie} value per
     * entry, which API Gateway sends as separate header lines; {@code headers} cannot repeat a name.
     */
    static APIGatewayProxyResponseEvent toResponseEvent(HttpResponse response) {
        APIGatewayProxyResponseEvent event = new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(new LinkedHashMap<>(response.headers()))
                .withBody(response.body())
                .withIsBase64Encoded(false);
        if (!response.cookies().isEmpty()) {
            event.setMultiValueHeaders(Map.of(HttpResponse.SET_COOKIE, List.copyOf(response.cookies())));
        }
        return event;
    }

    static HttpRequest toRequest(APIGatewayProxyRequestEvent event, Context context) {
        APIGatewayProxyRequestEvent.ProxyRequestContext rc = event.getRequestContext();
        return new HttpRequest(
                event.getHttpMethod(),
                path(event.getResource(), event.getPath(), event.getPathParameters(), rc == null ? null : rc.getStage()),
                Headers.of(event.getHeaders(), event.getMultiValueHeaders()),
                QueryParameters.of(event.getQueryStringParameters(), event.getMultiValueQueryStringParameters()),
                LambdaRequestIds.of(context, rc == null ? null : rc.getRequestId()));
    }

    /**
     * The route as the API defines it (docs/ROUTING.md): the resource's path with its parameters
     * filled in ({@code /{proxy+}} with {@code proxy=userinfo} is {@code /userinfo}). {@code path}
     * carries a custom domain's base path mapping ({@code /v1/userinfo}) and {@code requestContext.path}
     * the stage too, {@code resource} neither, so routing on it answers the same behind every mapping.
     * {@code path} is the fallback only when the event names no resource, or parameters it lacks; an
     * HTTP API's {@code $default} route in payload 1.0 names {@code $default}, and then {@code path}
     * less a named stage is the route.
     *
     * @return the route, or null when the event names neither
     */
    static String path(String resource, String path, Map<String, String> pathParameters, String stage) {
        if (resource == null || resource.isEmpty()) {
            return path;
        }
        if (ApiGatewayRoutes.DEFAULT.equals(resource)) {
            return ApiGatewayRoutes.withoutStage(path, stage, null);
        }
        String filled = ApiGatewayRoutes.fill(resource, pathParameters);
        return filled != null ? filled : path;
    }

    private static Map<String, ?> claims(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyRequestEvent.ProxyRequestContext rc = event.getRequestContext();
        if (rc == null || rc.getAuthorizer() == null) {
            return null;
        }
        Object claims = rc.getAuthorizer().get("claims");
        if (!(claims instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k != null) {
                copy.put(k.toString(), v);
            }
        });
        return copy;
    }
}
