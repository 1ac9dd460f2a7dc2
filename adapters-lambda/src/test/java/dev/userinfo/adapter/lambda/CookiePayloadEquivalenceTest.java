package dev.userinfo.adapter.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.userinfo.application.ContractCase;
import dev.userinfo.application.CookieContractCases;
import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.QueryParameters;
import dev.userinfo.application.UserInfoEndpoint;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cookie-session row as a REST API (payload 1.0) event and as an HTTP API (payload 2.0) event,
 * deserialized as the Lambda runtime does: request cookies in the {@code Cookie} header (1.0) or the
 * {@code cookies} list (2.0), Set-Cookie out in {@code multiValueHeaders} (1.0) or {@code cookies}
 * (2.0); identical status, headers, cookies and body to the direct answer.
 */
class CookiePayloadEquivalenceTest {

    private static final String REQUEST_ID = "0b5e7d2a-6c1f-4a3e-8d9b-2f4e6a8c0d1e";

    private final UserInfoEndpoint endpoint = CookieContractCases.endpoint();
    private final RestApiEventAdapter rest = new RestApiEventAdapter(endpoint, AuthorizerTrust.verifyTokens());
    private final HttpApiEventAdapter http = new HttpApiEventAdapter(endpoint, AuthorizerTrust.verifyTokens());
    private final FakeLambdaContext context = new FakeLambdaContext(REQUEST_ID);

    static Stream<ContractCase> rows() {
        return CookieContractCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void sameCookieRequest_throughBothPayloadVersionsAndDirectly_givesIdenticalResponses(ContractCase row) {
        HttpResponse direct = endpoint.handle(new HttpRequest(row.method(), row.path(), Headers.of(row.requestHeaders()),
                QueryParameters.of(row.query(), null), REQUEST_ID));

        Map<String, Object> restJson = EventJson.restMap(row.method(), row.path(), row.requestHeaders(), null);
        if (!row.query().isEmpty()) {
            restJson.put("queryStringParameters", row.query());
            restJson.put("multiValueQueryStringParameters", row.query().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
        }
        APIGatewayProxyResponseEvent viaRest = rest.handle(EventJson.load(restJson, APIGatewayProxyRequestEvent.class), context);

        Map<String, String> withoutCookie = new LinkedHashMap<>(row.requestHeaders());
        String cookie = withoutCookie.remove("Cookie");
        Map<String, Object> httpJson = EventJson.httpMap(row.method(), row.path(), withoutCookie, null);
        if (cookie != null) {
            // Payload 2.0 hands the request's cookies over as a list, out of the headers.
            httpJson.put("cookies", Arrays.asList(cookie.split("; ")));
        }
        if (!row.query().isEmpty()) {
            httpJson.put("rawQueryString", row.queryString().substring(1));
            httpJson.put("queryStringParameters", row.query());
        }
        APIGatewayV2HTTPResponse viaHttp = http.handle(EventJson.load(httpJson, APIGatewayV2HTTPEvent.class), context);

        List<String> restCookies = viaRest.getMultiValueHeaders() == null ? List.of()
                : viaRest.getMultiValueHeaders().getOrDefault("Set-Cookie", List.of());
        row.assertResponse(viaRest.getStatusCode(), ignoringCase(viaRest.getHeaders())::get, restCookies, viaRest.getBody());
        row.assertResponse(viaHttp.getStatusCode(), ignoringCase(viaHttp.getHeaders())::get,
                viaHttp.getCookies() == null ? List.of() : viaHttp.getCookies(), viaHttp.getBody());

        assertEquals(direct.status(), viaRest.getStatusCode(), "REST status");
        assertEquals(direct.headers(), viaRest.getHeaders(), "REST headers");
        assertEquals(direct.body(), viaRest.getBody(), "REST body");
        assertEquals(direct.status(), viaHttp.getStatusCode(), "HTTP API status");
        assertEquals(direct.headers(), viaHttp.getHeaders(), "HTTP API headers");
        assertEquals(direct.body(), viaHttp.getBody(), "HTTP API body");
        assertEquals(normalized(direct.cookies(), row), normalized(restCookies, row), "REST cookies");
        assertEquals(normalized(direct.cookies(), row), normalized(viaHttp.getCookies() == null ? List.of() : viaHttp.getCookies(), row),
                "HTTP API cookies");
        if (direct.cookies().isEmpty()) {
            assertNull(viaRest.getMultiValueHeaders());
            assertNull(viaHttp.getCookies());
        }
    }

    private static List<String> normalized(List<String> cookies, ContractCase row) {
        return cookies.stream().map(c -> ContractCase.withoutExpires(c, row.name())).toList();
    }

    private static Map<String, String> ignoringCase(Map<String, String> headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(headers);
        return map;
    }
}
