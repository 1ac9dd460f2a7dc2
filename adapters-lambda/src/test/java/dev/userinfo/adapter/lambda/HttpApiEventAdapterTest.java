package dev.userinfo.adapter.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.userinfo.application.ContractCases;
import dev.userinfo.domain.TokenUse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpApiEventAdapterTest {

    private final FakeLambdaContext context = new FakeLambdaContext("d00dfeed-1111-2222-3333-444455556666");
    private final HttpApiEventAdapter verifying =
            new HttpApiEventAdapter(ContractCases.endpoint(), AuthorizerTrust.verifyTokens());
    private final HttpApiEventAdapter trusting = new HttpApiEventAdapter(ContractCases.endpoint(),
            AuthorizerTrust.trustAuthorizer(Set.of("client-1"), Set.of(TokenUse.ID, TokenUse.ACCESS)));

    static Map<String, String> aliceJwtClaims() {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("aud", "client-1");
        claims.put("auth_time", "1773342000");
        claims.put("cognito:groups", "[admins beta]");
        claims.put("cognito:username", "alice");
        claims.put("email", "alice@example.com");
        claims.put("email_verified", "true");
        claims.put("exp", "1773345838");
        claims.put("iat", "1773342238");
        claims.put("iss", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123");
        claims.put("sub", "sub-alice");
        claims.put("token_use", "id");
        return claims;
    }

    @Test
    void noHeaderMap_isAMissingToken401() {
        APIGatewayV2HTTPResponse response = verifying.handle(EventJson.http("GET", "/userinfo", null, null), context);

        assertEquals(401, response.getStatusCode());
        assertEquals("{\"error\":\"missing_token\"}", response.getBody());
    }

    @Test
    void namedStage_prefixInRawPath_isNotPartOfTheRoute() {
        Map<String, Object> json = EventJson.httpMap("GET", "/prod/userinfo", Map.of("authorization", "Bearer tok.alice.id"), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> rc = (Map<String, Object>) json.get("requestContext");
        rc.put("stage", "prod");

        APIGatewayV2HTTPResponse response = verifying.handle(EventJson.load(json, APIGatewayV2HTTPEvent.class), context);

        assertEquals(200, response.getStatusCode());
        assertEquals(RestApiEventAdapterTest.ALICE_BODY, response.getBody());
    }

    @Test
    void namedStage_unknownPathBehindIt_is404() {
        Map<String, Object> json = EventJson.httpMap("GET", "/prod/other", Map.of("authorization", "Bearer tok.alice.id"), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> rc = (Map<String, Object>) json.get("requestContext");
        rc.put("stage", "prod");

        APIGatewayV2HTTPResponse response = verifying.handle(EventJson.load(json, APIGatewayV2HTTPEvent.class), context);

        assertEquals(404, response.getStatusCode());
    }

    @Test
    void customDomain_pathStartingWithTheStagesName_isNotStripped_soIs404() {
        Map<String, Object> json = EventJson.httpMap("GET", "/prod/userinfo", Map.of("authorization", "Bearer tok.alice.id"), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> rc = (Map<String, Object>) json.get("requestContext");
        rc.put("stage", "prod");
        rc.put("domainName", "api.example.com");
        rc.put("domainPrefix", "api");

        APIGatewayV2HTTPResponse response = verifying.handle(EventJson.load(json, APIGatewayV2HTTPEvent.class), context);

        assertEquals(404, response.getStatusCode());
    }

    @Test
    void nullEvent_isA404_notAnException() {
        APIGatewayV2HTTPResponse response = verifying.handle(null, context);

        assertEquals(404, response.getStatusCode());
        assertEquals("{\"error\":\"not_found\"}", response.getBody());
    }

    @Test
    void withoutALambdaContext_theApiGatewayRequestIdIsUsed() {
        Map<String, Object> json = EventJson.httpMap("GET", "/userinfo", Map.of("authorization", "tok.boom.sig"), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> rc = (Map<String, Object>) json.get("requestContext");
        rc.put("requestId", "apigw-req-43");

        APIGatewayV2HTTPResponse response = verifying.handle(EventJson.load(json, APIGatewayV2HTTPEvent.class), null);

        assertEquals("{\"error\":\"internal_error\",\"requestId\":\"apigw-req-43\"}", response.getBody());
    }

    @Test
    void explicitRouteKey_namesThePath() {
        Map<String, Object> json = EventJson.httpMap("GET", "/api/userinfo", Map.of("authorization", "Bearer tok.alice.id"), null);
        json.put("routeKey", "GET /userinfo");

        APIGatewayV2HTTPResponse response = verifying.handle(EventJson.load(json, APIGatewayV2HTTPEvent.class), context);

        assertEquals(200, response.getStatusCode());
    }

    @Test
    void trusting_takesJwtAuthorizerClaims_withBracketedArrays() {
        APIGatewayV2HTTPResponse response = trusting.handle(
                EventJson.http("GET", "/userinfo", Map.of("origin", ContractCases.APP_ORIGIN), aliceJwtClaims()), context);

        assertEquals(200, response.getStatusCode());
        assertEquals(RestApiEventAdapterTest.ALICE_BODY, response.getBody());
        assertEquals(ContractCases.APP_ORIGIN, response.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void trusting_claimsOfAUsernameSinceHeldByAnotherSub_are401_notTheNewHoldersProfile() {
        Map<String, String> claims = aliceJwtClaims();
        claims.put("cognito:username", "kim");
        claims.put("sub", "sub-kim-one");
        claims.put("email", "kim.one@example.com");

        APIGatewayV2HTTPResponse response = trusting.handle(EventJson.http("GET", "/userinfo", Map.of(), claims), context);

        assertEquals(401, response.getStatusCode());
        assertEquals("{\"error\":\"invalid_token\"}", response.getBody());
        assertFalse(response.getBody().contains("kim.two"));
    }

    @Test
    void trusting_withoutJwtClaims_is401_neverTheHeaderToken() {
        APIGatewayV2HTTPResponse response = trusting.handle(
                EventJson.http("GET", "/userinfo", Map.of("authorization", "Bearer tok.alice.id"), null), context);

        assertEquals(401, response.getStatusCode());
        assertEquals("{\"error\":\"invalid_token\"}", response.getBody());
    }

    @Test
    void lambdaRequestId_isTheIdInThe500Body() {
        APIGatewayV2HTTPResponse response = verifying.handle(
                EventJson.http("GET", "/userinfo", Map.of("authorization", "tok.boom.sig"), null), context);

        assertEquals(500, response.getStatusCode());
        assertEquals("{\"error\":\"internal_error\",\"requestId\":\"d00dfeed-1111-2222-3333-444455556666\"}",
                response.getBody());
    }

    /**
     * The route a payload 2.0 event names (docs/ROUTING.md): a route key's own path, with greedy
     * parameters filled in; on the {@code $default} route, {@code rawPath} less a named stage, which
     * only a request to the API's own endpoint carries (a custom domain's API mapping never reaches
     * {@code rawPath}, and nor does the stage behind it).
     */
    @ParameterizedTest(name = "{0} {1} stage={3} domainPrefix={5} -> {6}")
    @CsvSource(nullValues = "null", value = {
        "GET /userinfo,     /userinfo,            null,          $default, a1b2c3, a1b2c3, /userinfo",
        "GET /userinfo,     /prod/userinfo,       null,          prod,     a1b2c3, a1b2c3, /userinfo",
        "ANY /userinfo,     /userinfo/,           null,          $default, a1b2c3, a1b2c3, /userinfo",
        "GET /,             /,                    null,          $default, a1b2c3, a1b2c3, /",
        "ANY /{proxy+},     /prod/userinfo,       userinfo,      prod,     a1b2c3, a1b2c3, /userinfo",
        "ANY /{proxy+},     /userinfo,            userinfo,      prod,     a1b2c3, api,    /userinfo",
        "ANY /{proxy+},     /admin/users,         admin/users,   $default, a1b2c3, a1b2c3, /admin/users",
        "ANY /api/{proxy+}, /api/userinfo,        userinfo,      $default, a1b2c3, a1b2c3, /api/userinfo",
        "ANY /{proxy+},     /prod/userinfo,       null,          prod,     a1b2c3, a1b2c3, /userinfo",
        "$default,          /userinfo,            null,          $default, a1b2c3, a1b2c3, /userinfo",
        "$default,          /userinfo/,           null,          $default, a1b2c3, a1b2c3, /userinfo/",
        "$default,          /prod/userinfo,       null,          prod,     a1b2c3, a1b2c3, /userinfo",
        "$default,          /prod,                null,          prod,     a1b2c3, a1b2c3, /",
        "$default,          /production/userinfo, null,          prod,     a1b2c3, a1b2c3, /production/userinfo",
        "$default,          /devices,             null,          dev,      a1b2c3, a1b2c3, /devices",
        "$default,          /userinfo,            null,          prod,     a1b2c3, api,    /userinfo",
        "$default,          /prod/userinfo,       null,          prod,     a1b2c3, api,    /prod/userinfo",
        "$default,          /prod/userinfo,       null,          prod,     null,   null,   /userinfo",
        "null,              /userinfo,            null,          null,     null,   null,   /userinfo",
        "null,              null,                 null,          null,     null,   null,   null",
    })
    void route_asApiGatewayDeliversIt(String routeKey, String rawPath, String proxy, String stage, String apiId,
            String domainPrefix, String route) {
        Map<String, String> parameters = proxy == null ? null : Map.of("proxy", proxy);

        assertEquals(route, HttpApiEventAdapter.path(routeKey, rawPath, parameters, stage, apiId, domainPrefix));
    }
}
