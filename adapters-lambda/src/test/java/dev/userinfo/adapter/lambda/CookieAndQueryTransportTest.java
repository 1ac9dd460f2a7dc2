package dev.userinfo.adapter.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.RequestOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Cookies and query parameters in both payload versions, events deserialized as the Lambda runtime
 * does: several {@code Set-Cookie} values out, the request's cookies and query in.
 */
class CookieAndQueryTransportTest {

    private static final List<String> TWO_COOKIES = List.of(
            "__Host-userinfo=abc; Max-Age=600; Path=/; Secure; HttpOnly; SameSite=Strict",
            "__Host-userinfo-login=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax");
    private static final HttpResponse WITH_COOKIES = new HttpResponse(303,
            Map.of("Location", "/", "Cache-Control", "no-store"), TWO_COOKIES, "", new RequestOutcome("signed_in", null, null));

    @Test
    void restApi_cookiesGoOutAsMultiValueSetCookie_oneEntryEach_notInHeaders() {
        APIGatewayProxyResponseEvent event = RestApiEventAdapter.toResponseEvent(WITH_COOKIES);

        assertEquals(Map.of("Set-Cookie", TWO_COOKIES), event.getMultiValueHeaders());
        assertFalse(event.getHeaders().keySet().stream().anyMatch("Set-Cookie"::equalsIgnoreCase));
        assertEquals("/", event.getHeaders().get("Location"));
        assertEquals(303, event.getStatusCode());
    }

    @Test
    void httpApi_cookiesGoOutInTheCookiesList_notInHeaders() {
        APIGatewayV2HTTPResponse event = HttpApiEventAdapter.toResponseEvent(WITH_COOKIES);

        assertEquals(TWO_COOKIES, event.getCookies());
        assertFalse(event.getHeaders().keySet().stream().anyMatch("Set-Cookie"::equalsIgnoreCase));
        assertNull(event.getMultiValueHeaders());
    }

    @Test
    void withoutCookies_neitherPayloadCarriesAnEmptyCookieField() {
        HttpResponse plain = new HttpResponse(200, Map.of(), "{}", new RequestOutcome("ok", null, null));

        assertNull(RestApiEventAdapter.toResponseEvent(plain).getMultiValueHeaders());
        assertNull(HttpApiEventAdapter.toResponseEvent(plain).getCookies());
    }

    @Test
    void restApi_cookieHeaderAndQuery_reachTheRequest() {
        Map<String, Object> json = EventJson.restMap("GET", "/auth/callback",
                Map.of("Cookie", "__Host-userinfo-login=xyz; theme=dark"), null);
        json.put("queryStringParameters", Map.of("code", "c-1", "state", "s 2"));
        json.put("multiValueQueryStringParameters", Map.of("code", List.of("c-1"), "state", List.of("s 2")));

        HttpRequest request = RestApiEventAdapter.toRequest(EventJson.load(json, APIGatewayProxyRequestEvent.class), null);

        assertEquals(Optional.of("__Host-userinfo-login=xyz; theme=dark"), request.headers().first("cookie"));
        assertEquals(Optional.of("c-1"), request.query().first("code"));
        assertEquals(Optional.of("s 2"), request.query().first("state"));
    }

    @Test
    void httpApi_cookiesList_becomesOneCookieHeader_inOrder() {
        Map<String, Object> json = EventJson.httpMap("GET", "/userinfo", Map.of("x-csrf", "1"), null);
        json.put("cookies", List.of("__Host-userinfo=abc", "theme=dark"));

        HttpRequest request = HttpApiEventAdapter.toRequest(EventJson.load(json, APIGatewayV2HTTPEvent.class), null);

        assertEquals(List.of("__Host-userinfo=abc; theme=dark"), request.headers().all("Cookie"));
        assertEquals(Optional.of("1"), request.headers().first("X-CSRF"));
    }

    @Test
    void httpApi_rawQuery_isDecoded_repeatedNamesKept_malformedPartsDropped() {
        Map<String, Object> json = EventJson.httpMap("GET", "/auth/login", null, null);
        json.put("rawQueryString", "returnTo=%2Fa%2Fb%3Fx%3D1&scope=openid+email&dup=1&dup=2&bad=%zz&flag");
        Map<String, String> joined = new LinkedHashMap<>();
        joined.put("returnTo", "/a/b?x=1");
        joined.put("dup", "1,2");
        json.put("queryStringParameters", joined);

        HttpRequest request = HttpApiEventAdapter.toRequest(EventJson.load(json, APIGatewayV2HTTPEvent.class), null);

        assertEquals(Optional.of("/a/b?x=1"), request.query().first("returnTo"));
        assertEquals(Optional.of("openid email"), request.query().first("scope"));
        assertEquals(List.of("1", "2"), request.query().all("dup"));
        assertEquals(List.of(), request.query().all("bad"));
        assertEquals(List.of(""), request.query().all("flag"));
    }

    @Test
    void httpApi_withoutRawQuery_fallsBackToTheDecodedMap() {
        Map<String, Object> json = EventJson.httpMap("GET", "/auth/login", null, null);
        json.remove("rawQueryString");
        json.put("queryStringParameters", Map.of("returnTo", "/x"));

        HttpRequest request = HttpApiEventAdapter.toRequest(EventJson.load(json, APIGatewayV2HTTPEvent.class), null);

        assertEquals(Optional.of("/x"), request.query().first("returnTo"));
    }
}
