package dev.userinfo.adapter.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds API Gateway events as the JSON API Gateway sends, and reads them back with the Lambda
 * runtime's own deserialization ({@link EventLoader}), so a test sees exactly the objects a handler
 * gets in production, nulls and all.
 */
public final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
    }

    /** A REST API (payload 1.0) proxy event; {@code claims} as a Cognito authorizer passes them, or null. */
    static APIGatewayProxyRequestEvent rest(String method, String path, Map<String, String> headers,
            Map<String, Object> claims) {
        return load(restMap(method, path, headers, claims), APIGatewayProxyRequestEvent.class);
    }

    /** The REST event as a mutable JSON tree, for a test that changes one part of it. */
    static Map<String, Object> restMap(String method, String path, Map<String, String> headers,
            Map<String, Object> claims) {
        boolean known = "/userinfo".equals(path);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", known ? "/userinfo" : "/{proxy+}");
        event.put("path", path);
        event.put("httpMethod", method);
        event.put("headers", headers);
        Map<String, List<String>> multi = null;
        if (headers != null) {
            multi = new LinkedHashMap<>();
            for (var h : headers.entrySet()) {
                multi.put(h.getKey(), List.of(h.getValue()));
            }
        }
        event.put("multiValueHeaders", multi);
        event.put("queryStringParameters", null);
        event.put("multiValueQueryStringParameters", null);
        event.put("pathParameters", known ? null : Map.of("proxy", path.substring(1)));
        event.put("stageVariables", null);
        Map<String, Object> rc = new LinkedHashMap<>();
        rc.put("accountId", "123456789012");
        rc.put("resourceId", "abc123");
        rc.put("stage", "prod");
        rc.put("requestId", "apigw-" + Integer.toHexString(path.hashCode()));
        rc.put("resourcePath", event.get("resource"));
        rc.put("httpMethod", method);
        rc.put("path", "/prod" + path);
        rc.put("apiId", "a1b2c3d4e5");
        rc.put("protocol", "HTTP/1.1");
        rc.put("identity", Map.of("sourceIp", "203.0.113.7", "userAgent", "test"));
        if (claims != null) {
            rc.put("authorizer", Map.of("claims", claims));
        }
        event.put("requestContext", rc);
        event.put("body", null);
        event.put("isBase64Encoded", false);
        return event;
    }

    /** An HTTP API (payload 2.0) event on the {@code $default} route; header names lower-cased as HTTP APIs send them. */
    static APIGatewayV2HTTPEvent http(String method, String path, Map<String, String> headers,
            Map<String, String> jwtClaims) {
        return load(httpMap(method, path, headers, jwtClaims), APIGatewayV2HTTPEvent.class);
    }

    /** The HTTP API event as a mutable JSON tree, for a test that changes one part of it. */
    static Map<String, Object> httpMap(String method, String path, Map<String, String> headers,
            Map<String, String> jwtClaims) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        if (headers != null) {
            Map<String, String> lower = new LinkedHashMap<>();
            headers.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> a + "," + b));
            event.put("headers", lower);
        }
        Map<String, Object> rc = new LinkedHashMap<>();
        rc.put("accountId", "123456789012");
        rc.put("apiId", "a1b2c3d4e5");
        rc.put("domainName", "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com");
        rc.put("domainPrefix", "a1b2c3d4e5");
        rc.put("http", Map.of("method", method, "path", path, "protocol", "HTTP/1.1",
                "sourceIp", "203.0.113.7", "userAgent", "test"));
        rc.put("requestId", "apigw-" + Integer.toHexString(path.hashCode()));
        rc.put("routeKey", "$default");
        rc.put("stage", "$default");
        rc.put("time", "12/Mar/2026:19:03:58 +0000");
        rc.put("timeEpoch", 1_773_342_238_000L);
        if (jwtClaims != null) {
            rc.put("authorizer", Map.of("jwt", Map.of("claims", jwtClaims, "scopes", List.of())));
        }
        event.put("requestContext", rc);
        event.put("isBase64Encoded", false);
        return event;
    }

    /**
     * An event, as JSON API Gateway would send (a map or a Jackson tree), read back with the Lambda
     * runtime's own deserialization; shared with bootstrap's handler tests through the test-jar.
     */
    public static <T> T load(Object event, Class<T> type) {
        try {
            Path file = Files.createTempFile("event-", ".json");
            try {
                JSON.writeValue(file.toFile(), event);
                return EventLoader.loadEvent(file.toString(), type);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
