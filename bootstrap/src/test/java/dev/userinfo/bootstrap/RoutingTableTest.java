package dev.userinfo.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userinfo.application.ContractCase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routing table of docs/ROUTING.md, row by row: each event shape API Gateway can deliver (REST API
 * payload 1.0 and HTTP API payload 2.0; exact and greedy resources and routes, stages, custom-domain
 * mappings, trailing slashes) goes through its real Lambda handler as event JSON, and the local
 * server is asked for the path that row says the code sees. Both give the row's status and the very
 * same headers and body.
 */
class RoutingTableTest {

    private static final String API_ID = "q8w7e6r5t4";
    private static final String EXECUTE_API = API_ID + ".execute-api.eu-west-1.amazonaws.com";
    private static final String CUSTOM_DOMAIN = "api.example.com";

    private static EntryPoints entry;
    private static String token;

    /** How the event arrives: REST API proxy integration, or HTTP API payload 2.0. */
    enum Payload { REST, HTTP }

    /**
     * One row.
     *
     * @param template    REST: the {@code resource}; HTTP: the {@code routeKey}
     * @param path        REST: the event's {@code path}; HTTP: {@code rawPath}
     * @param proxy       the greedy parameter's value, or null when the template has none
     * @param stage       the stage; on the API's own endpoint a named stage is in the URL
     * @param domain      null for the API's own endpoint, else the custom domain the request came to
     * @param localPath   the path the local server is asked: the route the code must see
     */
    record Shape(String name, Payload payload, String method, String template, String path, String proxy,
            String stage, String domain, String localPath, int status) {
        @Override
        public String toString() {
            return payload + ": " + name + " -> " + status;
        }
    }

    static List<Shape> shapes() {
        List<Shape> rows = new ArrayList<>();
        // REST API, proxy integration (payload 1.0)
        rows.add(rest("resource /userinfo, stage prod: GET /prod/userinfo", "GET", "/userinfo", "/userinfo", null, null, "/userinfo", 200));
        rows.add(rest("resource /userinfo, trailing slash: GET /prod/userinfo/", "GET", "/userinfo", "/userinfo/", null, null, "/userinfo/", 200));
        rows.add(rest("resource /userinfo, POST (method ANY)", "POST", "/userinfo", "/userinfo", null, null, "/userinfo", 405));
        rows.add(rest("resource /userinfo, custom domain, base path v1", "GET", "/userinfo", "/v1/userinfo", null, CUSTOM_DOMAIN, "/userinfo", 200));
        rows.add(rest("resource /userinfo, custom domain, base path auth/v1", "GET", "/userinfo", "/auth/v1/userinfo", null, CUSTOM_DOMAIN, "/userinfo", 200));
        rows.add(rest("resource /{proxy+}: GET /prod/userinfo", "GET", "/{proxy+}", "/userinfo", "userinfo", null, "/userinfo", 200));
        rows.add(rest("resource /{proxy+}, custom domain, base path v1", "GET", "/{proxy+}", "/v1/userinfo", "userinfo", CUSTOM_DOMAIN, "/userinfo", 200));
        rows.add(rest("resource /{proxy+}, trailing slash", "GET", "/{proxy+}", "/userinfo/", "userinfo", null, "/userinfo/", 200));
        rows.add(rest("resource /{proxy+}, another path", "GET", "/{proxy+}", "/admin/users", "admin/users", null, "/admin/users", 404));
        rows.add(rest("resource /{proxy+}, a path below the route", "GET", "/{proxy+}", "/userinfo/extra", "userinfo/extra", null, "/userinfo/extra", 404));
        rows.add(rest("resource /{proxy+}, another case", "GET", "/{proxy+}", "/USERINFO", "USERINFO", null, "/USERINFO", 404));
        rows.add(rest("resource /{proxy+}, custom domain, the stage's name in the path", "GET", "/{proxy+}", "/v1/prod/userinfo", "prod/userinfo", CUSTOM_DOMAIN, "/prod/userinfo", 404));
        rows.add(rest("root resource /: GET /prod/", "GET", "/", "/", null, null, "/", 404));
        rows.add(rest("root resource /, custom domain: GET /v1", "GET", "/", "/v1", null, CUSTOM_DOMAIN, "/", 404));
        rows.add(rest("resource /api/{proxy+}: GET /prod/api/userinfo", "GET", "/api/{proxy+}", "/api/userinfo", "userinfo", null, "/api/userinfo", 404));
        rows.add(rest("resource /api/{proxy+}, custom domain, base path v1", "GET", "/api/{proxy+}", "/v1/api/userinfo", "userinfo", CUSTOM_DOMAIN, "/api/userinfo", 404));
        // HTTP API (payload 2.0)
        rows.add(http("route GET /userinfo, $default stage", "GET", "GET /userinfo", "/userinfo", null, "$default", null, "/userinfo", 200));
        rows.add(http("route GET /userinfo, stage prod: GET /prod/userinfo", "GET", "GET /userinfo", "/prod/userinfo", null, "prod", null, "/userinfo", 200));
        rows.add(http("route GET /userinfo, trailing slash", "GET", "GET /userinfo", "/userinfo/", null, "$default", null, "/userinfo/", 200));
        rows.add(http("route ANY /userinfo, POST", "POST", "ANY /userinfo", "/userinfo", null, "$default", null, "/userinfo", 405));
        rows.add(http("route GET /userinfo, custom domain, API mapping v1 to stage prod", "GET", "GET /userinfo", "/userinfo", null, "prod", CUSTOM_DOMAIN, "/userinfo", 200));
        rows.add(http("$default route, $default stage", "GET", "$default", "/userinfo", null, "$default", null, "/userinfo", 200));
        rows.add(http("$default route, $default stage, trailing slash", "GET", "$default", "/userinfo/", null, "$default", null, "/userinfo/", 200));
        rows.add(http("$default route, $default stage, another path", "GET", "$default", "/admin/users", null, "$default", null, "/admin/users", 404));
        rows.add(http("$default route, $default stage, another case", "GET", "$default", "/USERINFO", null, "$default", null, "/USERINFO", 404));
        rows.add(http("$default route, $default stage, the root", "GET", "$default", "/", null, "$default", null, "/", 404));
        rows.add(http("$default route, stage prod: GET /prod/userinfo", "GET", "$default", "/prod/userinfo", null, "prod", null, "/userinfo", 200));
        rows.add(http("$default route, stage prod, the stage's root: GET /prod", "GET", "$default", "/prod", null, "prod", null, "/", 404));
        rows.add(http("$default route, custom domain, API mapping v1 to stage prod", "GET", "$default", "/userinfo", null, "prod", CUSTOM_DOMAIN, "/userinfo", 200));
        rows.add(http("$default route, custom domain, the stage's name in the path", "GET", "$default", "/prod/userinfo", null, "prod", CUSTOM_DOMAIN, "/prod/userinfo", 404));
        rows.add(http("route ANY /{proxy+}, stage prod", "GET", "ANY /{proxy+}", "/prod/userinfo", "userinfo", "prod", null, "/userinfo", 200));
        rows.add(http("route ANY /{proxy+}, another path", "GET", "ANY /{proxy+}", "/admin/users", "admin/users", "$default", null, "/admin/users", 404));
        rows.add(http("route ANY /api/{proxy+}", "GET", "ANY /api/{proxy+}", "/api/userinfo", "userinfo", "$default", null, "/api/userinfo", 404));
        return rows;
    }

    private static Shape rest(String name, String method, String resource, String path, String proxy, String domain,
            String localPath, int status) {
        return new Shape(name, Payload.REST, method, resource, path, proxy, "prod", domain, localPath, status);
    }

    private static Shape http(String name, String method, String routeKey, String rawPath, String proxy, String stage,
            String domain, String localPath, int status) {
        return new Shape(name, Payload.HTTP, method, routeKey, rawPath, proxy, stage, domain, localPath, status);
    }

    @BeforeAll
    static void start() {
        entry = EntryPoints.start(Map.of());
        token = entry.mintIdToken("alice");
    }

    @AfterAll
    static void stop() {
        entry.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void eachEventShape_isAnsweredByItsLambdaHandler_asTheLocalServerAnswersItsRoute(Shape shape) {
        int status;
        Map<String, String> headers;
        String body;
        if (shape.payload() == Payload.REST) {
            var response = entry.rest(restEvent(shape));
            status = response.getStatusCode();
            headers = response.getHeaders();
            body = response.getBody();
        } else {
            var response = entry.http(httpEvent(shape));
            status = response.getStatusCode();
            headers = response.getHeaders();
            body = response.getBody();
        }
        HttpResponse<String> local = entry.local(shape.method(), shape.localPath(),
                Map.of("Authorization", "Bearer " + token), null);

        assertEquals(shape.status(), status, "the Lambda's status");
        assertEquals(shape.status(), local.statusCode(), "the local server's status for " + shape.localPath());
        assertEquals(body, local.body(), "the same body");
        Map<String, String> lambdaHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        lambdaHeaders.putAll(headers);
        for (String name : ContractCase.CONTRACT_HEADER_NAMES) {
            assertEquals(lambdaHeaders.get(name), local.headers().firstValue(name).orElse(null), "header " + name);
        }
    }

    private static ObjectNode restEvent(Shape shape) {
        ObjectNode event = EntryPoints.fixture("rest-no-authorizer.json");
        event.put("resource", shape.template());
        event.put("path", shape.path());
        event.put("httpMethod", shape.method());
        if (shape.proxy() == null) {
            event.putNull("pathParameters");
        } else {
            event.putObject("pathParameters").put("proxy", shape.proxy());
        }
        withToken(event, "headers", value -> event.textNode(value));
        withToken(event, "multiValueHeaders", value -> event.arrayNode().add(value));
        ObjectNode rc = (ObjectNode) event.get("requestContext");
        rc.put("resourcePath", shape.template());
        rc.put("httpMethod", shape.method());
        rc.put("stage", shape.stage());
        // requestContext.path is the whole path the client asked for: the stage on the API's own
        // endpoint, the base path mapping (already in the event's path) on a custom domain.
        rc.put("path", shape.domain() == null ? "/" + shape.stage() + shape.path() : shape.path());
        rc.put("domainName", shape.domain() == null ? EXECUTE_API : shape.domain());
        rc.put("domainPrefix", shape.domain() == null ? API_ID : shape.domain().substring(0, shape.domain().indexOf('.')));
        rc.put("apiId", API_ID);
        return event;
    }

    private static ObjectNode httpEvent(Shape shape) {
        ObjectNode event = EntryPoints.fixture("http-jwt-authorizer.json");
        event.put("routeKey", shape.template());
        event.put("rawPath", shape.path());
        if (shape.proxy() != null) {
            event.putObject("pathParameters").put("proxy", shape.proxy());
        }
        withToken(event, "headers", value -> event.textNode(value));
        ObjectNode rc = (ObjectNode) event.get("requestContext");
        rc.remove("authorizer");
        rc.put("routeKey", shape.template());
        rc.put("stage", shape.stage());
        ((ObjectNode) rc.get("http")).put("method", shape.method()).put("path", shape.path());
        rc.put("domainName", shape.domain() == null ? EXECUTE_API : shape.domain());
        rc.put("domainPrefix", shape.domain() == null ? API_ID : shape.domain().substring(0, shape.domain().indexOf('.')));
        rc.put("apiId", API_ID);
        return event;
    }

    /** The fixture's token replaced by one the embedded mode issued; no Origin, as the local request has none. */
    private static void withToken(ObjectNode event, String field,
            Function<String, com.fasterxml.jackson.databind.JsonNode> value) {
        ObjectNode headers = (ObjectNode) event.get(field);
        headers.remove("origin");
        headers.set("authorization", value.apply("Bearer " + token));
    }
}
