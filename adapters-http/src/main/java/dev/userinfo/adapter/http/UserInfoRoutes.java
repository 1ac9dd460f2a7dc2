package dev.userinfo.adapter.http;

import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.QueryParameters;
import dev.userinfo.application.UserInfoEndpoint;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.EndpointNotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Javalin routes that hand every request to the transport-neutral {@link UserInfoEndpoint}:
 * {@code /userinfo} with any method, and any path no other route claims, so 404 and 405 come from the
 * same contract as the Lambda's. Adds what only the local server has: {@code GET /health} for whoever
 * supervises the process, and {@code GET /openapi.json}, the contract's OpenAPI document.
 */
public final class UserInfoRoutes {

    /** The liveness route; it never touches Cognito or the key set. */
    public static final String HEALTH_PATH = "/health";

    /** The OpenAPI 3.0.3 document of the contract, converted from docs/openapi.yaml at start-up. */
    public static final String OPENAPI_PATH = "/openapi.json";

    private static final System.Logger LOG = System.getLogger(UserInfoRoutes.class.getName());
    private static final String CONTENT_TYPE = "Content-Type";
    private static final byte[] HEALTH_BODY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private final UserInfoEndpoint endpoint;
    private final byte[] openApiJson;

    public UserInfoRoutes(UserInfoEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.openApiJson = OpenApiDocument.json();
    }

    /** Adds the routes, and makes every request no route matches an answer of the contract. */
    public void register(JavalinConfig config) {
        for (HandlerType method : HandlerType.values()) {
            if (method.isHttpMethod()) {
                config.routes.addHttpHandler(method, UserInfoEndpoint.PATH, this::answer);
            }
        }
        config.routes.get(HEALTH_PATH, UserInfoRoutes::health);
        config.routes.get(OPENAPI_PATH, this::openApi);
        // Javalin raises EndpointNotFound for a path (or a method) no route has; the contract, not
        // Javalin's default text, says what that is: 404 not_found, or 405 on /userinfo.
        config.routes.exception(EndpointNotFound.class, (e, ctx) -> answer(ctx));
        config.routes.exception(Exception.class, UserInfoRoutes::unexpected);
    }

    /** Translates one Javalin request to the contract and its answer back, header by header. */
    void answer(Context ctx) {
        write(ctx, endpoint.handle(toRequest(ctx)));
    }

    /** The contract's view of a Javalin request: method, path, headers, decoded query parameters. */
    static HttpRequest toRequest(Context ctx) {
        return new HttpRequest(ctx.req().getMethod(), ctx.path(), headersOf(ctx.req()),
                QueryParameters.of(null, ctx.queryParamMap()), null);
    }

    static void write(Context ctx, HttpResponse response) {
        ctx.status(response.status());
        // Content-Type goes through the servlet API like any header; ContractContentType, installed
        // by UserInfoHttpServer, restores the contract's spelling after Jetty's normalization.
        response.headers().forEach(ctx::header);
        // One header line per cookie, as RFC 6265 requires; the values are already complete.
        response.cookies().forEach(cookie -> ctx.res().addHeader(HttpResponse.SET_COOKIE, cookie));
        ctx.result(response.bodyBytes());
    }

    static Headers headersOf(HttpServletRequest req) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            List<String> values = new ArrayList<>(Collections.list(req.getHeaders(name)));
            multi.put(name, values);
        }
        return Headers.of(null, multi);
    }

    private static void health(Context ctx) {
        ctx.status(200);
        ctx.header(CONTENT_TYPE, ContractContentType.CONTRACT);
        ctx.header("Cache-Control", "no-store");
        // As on every answer of the contract: a cache in front must not hand one origin's answer to another.
        ctx.header("Vary", "Origin");
        ctx.result(HEALTH_BODY);
    }

    private void openApi(Context ctx) {
        ctx.status(200);
        ctx.header(CONTENT_TYPE, ContractContentType.CONTRACT);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Vary", "Origin");
        ctx.result(openApiJson);
    }

    private static void unexpected(Exception e, Context ctx) {
        // The endpoint turns its own failures into the contract's 500; reaching here means the
        // adapter itself broke. Same body shape, and only the exception's class goes to the log.
        String requestId = UUID.randomUUID().toString();
        LOG.log(Level.ERROR, () -> "request " + requestId + " failed in the HTTP adapter: " + e.getClass().getName());
        ctx.status(500);
        ctx.header(CONTENT_TYPE, ContractContentType.CONTRACT);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Vary", "Origin");
        ctx.result(("{\"error\":\"internal_error\",\"requestId\":\"" + requestId + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
