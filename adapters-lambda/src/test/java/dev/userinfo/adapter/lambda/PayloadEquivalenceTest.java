package dev.userinfo.adapter.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.userinfo.application.ContractCase;
import dev.userinfo.application.ContractCases;
import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.UserInfoEndpoint;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the contract table, sent three ways: as a REST API event, as an HTTP API event, and to
 * the application directly. All three must give the same status, headers and body, byte for byte.
 */
class PayloadEquivalenceTest {

    private static final String REQUEST_ID = "8f2c1f0e-3b7a-4c55-9a51-0d6f8e2b1c44";

    private final UserInfoEndpoint endpoint = ContractCases.endpoint();
    private final RestApiEventAdapter rest = new RestApiEventAdapter(endpoint, AuthorizerTrust.verifyTokens());
    private final HttpApiEventAdapter http = new HttpApiEventAdapter(endpoint, AuthorizerTrust.verifyTokens());
    private final FakeLambdaContext context = new FakeLambdaContext(REQUEST_ID);

    static Stream<ContractCase> rows() {
        return ContractCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void sameRequest_throughBothPayloadVersionsAndDirectly_givesIdenticalResponses(ContractCase row) {
        HttpResponse direct = endpoint.handle(
                new HttpRequest(row.method(), row.path(), Headers.of(row.requestHeaders()), REQUEST_ID));
        APIGatewayProxyResponseEvent viaRest = rest.handle(
                EventJson.rest(row.method(), row.path(), row.requestHeaders(), null), context);
        APIGatewayV2HTTPResponse viaHttp = http.handle(
                EventJson.http(row.method(), row.path(), row.requestHeaders(), null), context);

        row.assertResponse(viaRest.getStatusCode(), ignoringCase(viaRest.getHeaders())::get,
                viaRest.getMultiValueHeaders() == null ? java.util.List.of() : viaRest.getMultiValueHeaders().get("Set-Cookie"),
                viaRest.getBody());

        assertEquals(direct.status(), viaRest.getStatusCode(), "REST status");
        assertEquals(direct.headers(), viaRest.getHeaders(), "REST headers");
        assertEquals(direct.body(), viaRest.getBody(), "REST body");
        assertFalse(viaRest.getIsBase64Encoded(), "REST body is text");

        assertEquals(direct.status(), viaHttp.getStatusCode(), "HTTP API status");
        assertEquals(direct.headers(), viaHttp.getHeaders(), "HTTP API headers");
        assertEquals(direct.body(), viaHttp.getBody(), "HTTP API body");
        assertFalse(viaHttp.getIsBase64Encoded(), "HTTP API body is text");
    }

    private static Map<String, String> ignoringCase(Map<String, String> headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(headers);
        return map;
    }
}
