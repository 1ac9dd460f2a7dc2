package dev.userinfo.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sign-in through the Lambda's cookie sessions, in a JVM whose classpath is the Lambda zip plus
 * this class alone: the REST handler built as the Lambda runtime builds it (its secret read from
 * {@code SESSION_SECRET_ARN} through the SDK), {@code GET /auth/login}, the browser's visit to the
 * authorization endpoint it redirects to (a stand-in that redirects back with a code), and
 * {@code GET /auth/callback} with the login cookie. Prints each answer for {@link LambdaZipIT}. It
 * must stay a single class file with no nested or anonymous classes, since only this file is copied
 * next to the zip's contents.
 */
public final class LambdaCookieSessionChild {

    static final String LOGIN = "LOGIN ";
    static final String CALLBACK = "CALLBACK ";
    static final String SET_COOKIE = "SET-COOKIE ";

    private LambdaCookieSessionChild() {
    }

    public static void main(String[] args) throws Exception {
        LambdaRestApiHandler handler = new LambdaRestApiHandler();

        APIGatewayProxyResponseEvent login = handler.handleRequest(event("/auth/login", Map.of("returnTo", "/app"),
                Map.of()), null);
        String location = header(login, "Location");
        System.out.println(LOGIN + login.getStatusCode() + " " + location);
        List<String> loginCookies = setCookies(login);
        loginCookies.forEach(c -> System.out.println(SET_COOKIE + c));

        // The browser at the authorization endpoint, which sends it back to the callback with a code.
        HttpResponse<String> authorize = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString());
        URI back = URI.create(authorize.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = new HashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String cookie = loginCookies.get(0).substring(0, loginCookies.get(0).indexOf(';'));
        APIGatewayProxyResponseEvent callback = handler.handleRequest(event(back.getPath(), query, Map.of("Cookie", cookie)),
                null);
        System.out.println(CALLBACK + callback.getStatusCode() + " " + header(callback, "Location") + " " + callback.getBody());
        setCookies(callback).forEach(c -> System.out.println(SET_COOKIE + c));
    }

    private static APIGatewayProxyRequestEvent event(String path, Map<String, String> query, Map<String, String> headers) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId("cookie-boot");
        context.setStage("prod");
        return new APIGatewayProxyRequestEvent()
                .withResource(path)
                .withPath(path)
                .withHttpMethod("GET")
                .withQueryStringParameters(query)
                .withHeaders(headers)
                .withRequestContext(context);
    }

    private static String header(APIGatewayProxyResponseEvent response, String name) {
        return response.getHeaders() == null ? null : response.getHeaders().get(name);
    }

    private static List<String> setCookies(APIGatewayProxyResponseEvent response) {
        return response.getMultiValueHeaders() == null ? List.of()
                : response.getMultiValueHeaders().getOrDefault("Set-Cookie", List.of());
    }
}
