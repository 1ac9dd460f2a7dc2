package dev.userinfo.bootstrap.lambda;

import static dev.userinfo.bootstrap.lambda.LambdaFixtures.ALICE_BODY;
import static dev.userinfo.bootstrap.lambda.LambdaFixtures.ORIGIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.userinfo.adapter.lambda.FakeLambdaContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.application.JsonAccessLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event fixtures under {@code events/}, read with the Lambda runtime's own deserialization and
 * sent through the real handler classes, wired over in-memory fakes.
 */
class LambdaHandlerFixturesTest {

    private static final String INVALID_CHALLENGE = "Bearer realm=\"userinfo\", error=\"invalid_token\", "
            + "error_description=\"The token is not valid for this service\"";

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final JsonAccessLog log = new JsonAccessLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8));
    private final InMemoryUserAttributeLookup users = LambdaFixtures.users();
    private final FakeLambdaContext context = new FakeLambdaContext("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    private LambdaRestApiHandler rest(boolean trust) {
        return new LambdaRestApiHandler(LambdaFixtures.wiring(trust, LambdaFixtures.tokens(), users, log, () -> { }));
    }

    private LambdaHttpApiHandler http(boolean trust) {
        return new LambdaHttpApiHandler(LambdaFixtures.wiring(trust, LambdaFixtures.tokens(), users, log, () -> { }));
    }

    private APIGatewayProxyResponseEvent rest(boolean trust, String fixture) {
        return rest(trust).handleRequest(EventLoader.loadApiGatewayRestEvent("events/" + fixture), context);
    }

    private APIGatewayV2HTTPResponse http(boolean trust, String fixture) {
        return http(trust).handleRequest(EventLoader.loadApiGatewayHttpEvent("events/" + fixture), context);
    }

    private String logText() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void restWithCognitoAuthorizer_trusted_answersFromTheClaims() {
        APIGatewayProxyResponseEvent response = rest(true, "rest-cognito-authorizer.json");

        assertEquals(200, response.getStatusCode());
        assertEquals(ALICE_BODY, response.getBody());
        assertEquals(ORIGIN, response.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
        assertEquals(1, users.lookupCount(), "the pool is still asked for the profile");
    }

    @Test
    void restWithCognitoAuthorizer_verifying_answersFromTheHeaderToken() {
        APIGatewayProxyResponseEvent response = rest(false, "rest-cognito-authorizer.json");

        assertEquals(200, response.getStatusCode());
        assertEquals(ALICE_BODY, response.getBody());
    }

    @Test
    void restWithoutAuthorizer_verifying_acceptsTheBareToken() {
        APIGatewayProxyResponseEvent response = rest(false, "rest-no-authorizer.json");

        assertEquals(200, response.getStatusCode());
        assertEquals(ALICE_BODY, response.getBody());
        assertEquals(ORIGIN, response.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void restWithoutAuthorizer_trusted_is401WithCors_andTheTokenIsNotUsed() {
        APIGatewayProxyResponseEvent response = rest(true, "rest-no-authorizer.json");

        assertEquals(401, response.getStatusCode());
        assertEquals("{\"error\":\"invalid_token\"}", response.getBody());
        assertEquals(INVALID_CHALLENGE, response.getHeaders().get("WWW-Authenticate"));
        assertEquals(ORIGIN, response.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals(0, users.lookupCount());
    }

    @Test
    void httpApiWithJwtAuthorizer_trusted_readsLowerCaseHeadersAndBracketedGroups() {
        APIGatewayV2HTTPResponse response = http(true, "http-jwt-authorizer.json");

        assertEquals(200, response.getStatusCode());
        assertEquals(ALICE_BODY, response.getBody());
        assertEquals(ORIGIN, response.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void httpApiWithJwtAuthorizer_verifying_answersFromTheHeaderToken() {
        APIGatewayV2HTTPResponse response = http(false, "http-jwt-authorizer.json");

        assertEquals(200, response.getStatusCode());
        assertEquals(ALICE_BODY, response.getBody());
    }

    @Test
    void nullHeaders_areAMissingToken401_onBothPayloadVersions() {
        APIGatewayProxyResponseEvent viaRest = rest(false, "rest-null-headers.json");
        APIGatewayV2HTTPResponse viaHttp = http(false, "http-null-headers.json");

        assertEquals(401, viaRest.getStatusCode());
        assertEquals(401, viaHttp.getStatusCode());
        assertEquals("{\"error\":\"missing_token\"}", viaRest.getBody());
        assertEquals(viaRest.getBody(), viaHttp.getBody());
        assertEquals(viaRest.getHeaders(), viaHttp.getHeaders());
        assertEquals("Bearer realm=\"userinfo\"", viaRest.getHeaders().get("WWW-Authenticate"));
    }

    @Test
    void preflight_is204WithCorsHeaders_onBothPayloadVersions_evenWhenTheAuthorizerIsTrusted() {
        APIGatewayProxyResponseEvent viaRest = rest(true, "rest-options-preflight.json");
        APIGatewayV2HTTPResponse viaHttp = http(true, "http-options-preflight.json");

        assertEquals(204, viaRest.getStatusCode());
        assertEquals(204, viaHttp.getStatusCode());
        assertEquals(Map.of(
                "Content-Type", "application/json; charset=utf-8",
                "Cache-Control", "no-store",
                "Vary", "Origin",
                "Access-Control-Allow-Origin", ORIGIN,
                "Access-Control-Expose-Headers", "WWW-Authenticate, Retry-After",
                "Access-Control-Allow-Methods", "GET, OPTIONS",
                "Access-Control-Allow-Headers", "Authorization, Content-Type, traceparent, tracestate, baggage, sentry-trace",
                "Access-Control-Max-Age", "600",
                "Allow", "GET, OPTIONS"), viaRest.getHeaders());
        assertEquals(viaRest.getHeaders(), viaHttp.getHeaders());
        assertEquals("", viaRest.getBody());
        assertEquals("", viaHttp.getBody());
    }

    @Test
    void wrongPath_is404_onBothPayloadVersions() {
        APIGatewayProxyResponseEvent viaRest = rest(false, "rest-wrong-path.json");
        APIGatewayV2HTTPResponse viaHttp = http(false, "http-wrong-path.json");

        assertEquals(404, viaRest.getStatusCode());
        assertEquals(404, viaHttp.getStatusCode());
        assertEquals("{\"error\":\"not_found\"}", viaRest.getBody());
        assertEquals("{\"error\":\"not_found\"}", viaHttp.getBody());
        assertEquals(0, users.lookupCount());
    }

    /** What only the local server answers (its health check, its copy of the OpenAPI document) is a 404 in the Lambda. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/openapi.json", "/health"})
    void localServerOnlyPaths_are404_onBothPayloadVersions(String path) {
        var restEvent = EventLoader.loadApiGatewayRestEvent("events/rest-wrong-path.json");
        restEvent.setPath(path);
        restEvent.setPathParameters(Map.of("proxy", path.substring(1)));
        var httpEvent = EventLoader.loadApiGatewayHttpEvent("events/http-wrong-path.json");
        httpEvent.setRawPath(path);

        APIGatewayProxyResponseEvent viaRest = rest(false).handleRequest(restEvent, context);
        APIGatewayV2HTTPResponse viaHttp = http(false).handleRequest(httpEvent, context);

        assertEquals(404, viaRest.getStatusCode());
        assertEquals(404, viaHttp.getStatusCode());
        assertEquals("{\"error\":\"not_found\"}", viaRest.getBody());
        assertEquals("{\"error\":\"not_found\"}", viaHttp.getBody());
    }

    @Test
    void post_is405WithAllow_onBothPayloadVersions() {
        APIGatewayProxyResponseEvent viaRest = rest(false, "rest-post.json");
        APIGatewayV2HTTPResponse viaHttp = http(false, "http-post.json");

        assertEquals(405, viaRest.getStatusCode());
        assertEquals(405, viaHttp.getStatusCode());
        assertEquals("GET, OPTIONS", viaRest.getHeaders().get("Allow"));
        assertEquals("{\"error\":\"method_not_allowed\"}", viaRest.getBody());
        assertEquals(viaRest.getHeaders(), viaHttp.getHeaders());
        assertEquals(viaRest.getBody(), viaHttp.getBody());
    }

    @Test
    void eachRequest_writesOneJsonLogLine_withTheLambdaRequestIdAndSub_butNoTokenOrEmail() throws Exception {
        rest(false, "rest-cognito-authorizer.json");
        http(true, "http-jwt-authorizer.json");
        rest(false, "rest-null-headers.json");

        String[] lines = logText().strip().split("\n");
        assertEquals(3, lines.length, logText());
        ObjectMapper json = new ObjectMapper();
        JsonNode ok = json.readTree(lines[0]);
        assertEquals("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", ok.get("requestId").asText());
        assertEquals(200, ok.get("status").asInt());
        assertEquals("ok", ok.get("outcome").asText());
        assertEquals(LambdaFixtures.ALICE_SUB, ok.get("sub").asText());
        assertTrue(ok.get("latencyMs").isNumber());
        assertEquals("missing_token", json.readTree(lines[2]).get("outcome").asText());
        assertFalse(logText().contains(LambdaFixtures.TOKEN.substring(0, 20)), "no token in the log");
        assertFalse(logText().contains("alice@example.com"), "no email in the log");
    }
}
