package dev.userinfo.adapter.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.userinfo.application.ContractCases;
import dev.userinfo.domain.TokenUse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestApiEventAdapterTest {

    static final String ALICE_BODY = "{\"name\":\"alice\",\"email\":\"alice@example.com\",\"nickname\":\"Ally\","
            + "\"sub\":\"sub-alice\",\"email_verified\":true,\"groups\":[\"admins\",\"beta\"]}";
    static final String INVALID_CHALLENGE = "Bearer realm=\"userinfo\", error=\"invalid_token\", "
            + "error_description=\"The token is not valid for this service\"";

    private final FakeLambdaContext context = new FakeLambdaContext("c0ffee00-1111-2222-3333-444455556666");
    private final RestApiEventAdapter verifying =
            new RestApiEventAdapter(ContractCases.endpoint(), AuthorizerTrust.verifyTokens());
    private final RestApiEventAdapter trusting = new RestApiEventAdapter(ContractCases.endpoint(),
            AuthorizerTrust.trustAuthorizer(Set.of("client-1"), Set.of(TokenUse.ID, TokenUse.ACCESS)));

    static Map<String, Object> aliceRestClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "sub-alice");
        claims.put("cognito:groups", "admins,beta");
        claims.put("email_verified", "true");
        claims.put("iss", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123");
        claims.put("cognito:username", "alice");
        claims.put("aud", "client-1");
        claims.put("token_use", "id");
        claims.put("auth_time", "1773342000");
        claims.put("exp", "Thu Mar 12 20:03:58 UTC 2026");
        claims.put("iat", "Thu Mar 12 19:03:58 UTC 2026");
        claims.put("email", "alice@example.com");
        return claims;
    }

    @Test
    void nullHeaderMaps_areAMissingToken401_notAnException() {
        APIGatewayProxyResponseEvent response = verifying.handle(EventJson.rest("GET", "/userinfo", null, null), context);

        assertEquals(401, response.getStatusCode());
        assertEquals("{\"error\":\"missing_token\"}", response.getBody());
        assertEquals("Bearer realm=\"userinfo\"", response.getHeaders().get("WWW-Authenticate"));
    }

    @Test
    void tokenOnlyInMultiValueHeaders_isFound() {
        Map<String, Object> json = EventJson.restMap("GET", "/userinfo", null, null);
        json.put("multiValueHeaders", Map.of("authorization", List.of("Bearer tok.alice.id")));

        APIGatewayProxyResponseEvent response =
                verifying.handle(EventJson.load(json, APIGatewayProxyRequestEvent.class), context);

        assertEquals(200, response.getStatusCode());
        assertEquals(ALICE_BODY, response.getBody());
    }

    @Test
    void lambdaRequestId_isTheIdInThe500Body() {
        APIGatewayProxyResponseEvent response = verifying.handle(
                EventJson.rest("GET", "/userinfo", Map.of("Authorization", "Bearer tok.boom.sig"), null), context);

        assertEquals(500, response.getStatusCode());
        assertEquals("{\"error\":\"internal_error\",\"requestId\":\"c0ffee00-1111-2222-3333-444455556666\"}",
                response.getBody());
    }

    @Test
    void withoutALambdaContext_theApiGatewayRequestIdIsUsed() {
        Map<String, Object> json = EventJson.restMap("GET", "/userinfo", Map.of("Authorization", "tok.boom.sig"), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> rc = (Map<String, Object>) json.get("requestContext");
        rc.put("requestId", "apigw-req-42");

        APIGatewayProxyResponseEvent response =
                verifying.handle(EventJson.load(json, APIGatewayProxyRequestEvent.class), null);

        assertEquals("{\"error\":\"internal_error\",\"requestId\":\"apigw-req-42\"}", response.getBody());
    }

    @Test
    void customDomainBasePath_inPath_routesOnTheResource() {
        Map<String, Object> json = EventJson.restMap("GET", "/userinfo", Map.of("Authorization", "Bearer tok.alice.id"), null);
        json.put("path", "/v1/userinfo");

        APIGatewayProxyResponseEvent response =
                verifying.handle(EventJson.load(json, APIGatewayProxyRequestEvent.class), context);

        assertEquals(200, response.getStatusCode());
    }

    @Test
    void greedyProxyResource_routesOnThePath_unknownPathIs404() {
        APIGatewayProxyResponseEvent response = verifying.handle(
                EventJson.rest("GET", "/admin", Map.of("Authorization", "Bearer tok.alice.id"), null), context);

        assertEquals(404, response.getStatusCode());
        assertEquals("{\"error\":\"not_found\"}", response.getBody());
    }

    @Test
    void nullEvent_isA404_notAnException() {
        APIGatewayProxyResponseEvent response = verifying.handle(null, context);

        assertEquals(404, response.getStatusCode());
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("Content-Type"));
    }

    @Test
    void verifying_ignoresAuthorizerClaims_andJudgesTheHeaderToken() {
        APIGatewayProxyResponseEvent response = verifying.handle(EventJson.rest("GET", "/userinfo",
                Map.of("Authorization", "Bearer tok.forged.sig"), aliceRestClaims()), context);

        assertEquals(401, response.getStatusCode());
        assertEquals(INVALID_CHALLENGE, response.getHeaders().get("WWW-Authenticate"));
    }

    @Test
    void trusting_takesCognitoAuthorizerClaims_withoutAnyTokenInTheHeaders() {
        APIGatewayProxyResponseEvent response = trusting.handle(
                EventJson.rest("GET", "/userinfo", Map.of("Origin", ContractCases.APP_ORIGIN), aliceRestClaims()),
                context);

        assertEquals(200, response.getStatusCode());
        assertEquals(ALICE_BODY, response.getBody());
        assertEquals(ContractCases.APP_ORIGIN, response.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void trusting_claimsOfAUsernameSinceHeldByAnotherSub_are401_notTheNewHoldersProfile() {
        // The authorizer verified kim's old token; the pool's kim is now someone else (sub-kim-two).
        Map<String, Object> claims = aliceRestClaims();
        claims.put("cognito:username", "kim");
        claims.put("sub", "sub-kim-one");
        claims.put("email", "kim.one@example.com");

        APIGatewayProxyResponseEvent response = trusting.handle(
                EventJson.rest("GET", "/userinfo", Map.of(), claims), context);

        assertEquals(401, response.getStatusCode());
        assertEquals("{\"error\":\"invalid_token\"}", response.getBody());
        assertEquals(INVALID_CHALLENGE, response.getHeaders().get("WWW-Authenticate"));
    }

    @Test
    void trusting_withoutClaims_is401_evenWithAValidTokenInTheHeader() {
        APIGatewayProxyResponseEvent response = trusting.handle(
                EventJson.rest("GET", "/userinfo", Map.of("Authorization", "Bearer tok.alice.id"), null), context);

        assertEquals(401, response.getStatusCode());
        assertEquals("{\"error\":\"invalid_token\"}", response.getBody());
        assertEquals(INVALID_CHALLENGE, response.getHeaders().get("WWW-Authenticate"));
    }

    @Test
    void trusting_claimsForAnotherAppClient_are401() {
        Map<String, Object> claims = aliceRestClaims();
        claims.put("aud", "someone-elses-client");

        APIGatewayProxyResponseEvent response = trusting.handle(
                EventJson.rest("GET", "/userinfo", Map.of("Authorization", "Bearer tok.alice.id"), claims), context);

        assertEquals(401, response.getStatusCode());
        assertEquals("{\"error\":\"invalid_token\"}", response.getBody());
    }

    @Test
    void trusting_preflightWithoutClaims_isStillAnswered() {
        APIGatewayProxyResponseEvent response = trusting.handle(EventJson.rest("OPTIONS", "/userinfo",
                Map.of("Origin", ContractCases.APP_ORIGIN, "Access-Control-Request-Method", "GET"), null), context);

        assertEquals(204, response.getStatusCode());
        assertEquals("GET, OPTIONS", response.getHeaders().get("Access-Control-Allow-Methods"));
        assertTrue(response.getBody().isEmpty());
    }

    /**
     * The route a payload 1.0 event names (docs/ROUTING.md): the resource's own path with its
     * parameters filled in, so neither the stage nor a custom domain's base path mapping (both in
     * {@code path} or {@code requestContext.path}, never in {@code resource}) ever reaches it.
     */
    @ParameterizedTest(name = "{0} {1} {2} stage={3} -> {4}")
    @CsvSource(nullValues = "null", value = {
        "/userinfo,        /userinfo,         null,        prod,     /userinfo",
        "/userinfo,        /userinfo/,        null,        prod,     /userinfo",
        "/userinfo,        /v1/userinfo,      null,        prod,     /userinfo",
        "/userinfo,        /auth/v1/userinfo, null,        prod,     /userinfo",
        "/{proxy+},        /userinfo,         userinfo,    prod,     /userinfo",
        "/{proxy+},        /v1/userinfo,      userinfo,    prod,     /userinfo",
        "/{proxy+},        /userinfo/,        userinfo/,   prod,     /userinfo/",
        "/{proxy+},        /admin/users,      admin/users, prod,     /admin/users",
        "/{proxy+},        /v1/USERINFO,      USERINFO,    prod,     /USERINFO",
        "/api/{proxy+},    /api/userinfo,     userinfo,    prod,     /api/userinfo",
        "/api/{proxy+},    /v1/api/userinfo,  userinfo,    prod,     /api/userinfo",
        "/{name},          /v1/userinfo,      userinfo,    prod,     /userinfo",
        "/,                /,                 null,        prod,     /",
        "/,                /v1,               null,        prod,     /",
        "/{proxy+},        /userinfo,         null,        prod,     /userinfo",
        "/{proxy,          /userinfo,         userinfo,    prod,     /userinfo",
        "$default,         /prod/userinfo,    null,        prod,     /userinfo",
        "$default,         /userinfo,         null,        $default, /userinfo",
        "null,             /userinfo,         null,        null,     /userinfo",
        "null,             null,              null,        null,     null",
    })
    void route_asApiGatewayDeliversIt(String resource, String path, String parameter, String stage, String route) {
        Map<String, String> parameters = parameter == null ? null
                : Map.of(resource.contains("{name}") ? "name" : "proxy", parameter);

        assertEquals(route, RestApiEventAdapter.path(resource, path, parameters, stage));
    }
}
