package dev.userinfo.bootstrap.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.application.CorsPolicy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The embedded mode's dev routes, registered by the local server only (never part of the Lambda):
 * {@code POST /dev/token} mints Cognito-shaped tokens for a dev user, {@code GET /dev} is a page to
 * try them in a browser, {@code GET /dev/jwks.json} shows the public key they are signed with.
 * CORS follows the same allowlist as {@code /userinfo}, so a frontend on another port can fetch tokens.
 */
public final class DevRoutes implements Consumer<JavalinConfig> {

    public static final String TOKEN_PATH = "/dev/token";
    public static final String PAGE_PATH = "/dev";
    public static final String SCRIPT_PATH = "/dev/dev.js";
    public static final String JWKS_PATH = "/dev/jwks.json";

    private static final String JSON = "application/json; charset=utf-8";
    private static final String TOKEN_METHODS = "POST, OPTIONS";
    private static final int MAX_BODY_BYTES = 4096;

    private final DevUsers users;
    private final EmbeddedTokenIssuer issuer;
    private final CorsPolicy cors;
    private final Supplier<String> baseUrl;
    private final BiFunction<String, String, List<String>> curlLines;
    private final ObjectMapper mapper = new ObjectMapper();
    private final byte[] script;

    /**
     * @param baseUrl   the server's own URL, known once it listens; used in the page's curl lines
     * @param curlLines given that URL and a username, the page's copy-paste terminal lines
     */
    public DevRoutes(DevUsers users, EmbeddedTokenIssuer issuer, CorsPolicy cors, Supplier<String> baseUrl,
            BiFunction<String, String, List<String>> curlLines) {
        this.users = Objects.requireNonNull(users, "users");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.cors = Objects.requireNonNull(cors, "cors");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.curlLines = Objects.requireNonNull(curlLines, "curlLines");
        this.script = resource("dev.js");
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.post(TOKEN_PATH, this::token);
        config.routes.options(TOKEN_PATH, this::tokenPreflight);
        for (HandlerType method : HandlerType.values()) {
            if (method.isHttpMethod() && method != HandlerType.POST && method != HandlerType.OPTIONS) {
                config.routes.addHttpHandler(method, TOKEN_PATH, this::tokenMethodNotAllowed);
            }
        }
        config.routes.get(PAGE_PATH, this::page);
        config.routes.get(SCRIPT_PATH, this::script);
        config.routes.get(JWKS_PATH, this::jwks);
    }

    private void token(Context ctx) {
        Optional<String> origin = allowedOrigin(ctx);
        byte[] body = ctx.bodyAsBytes();
        Optional<String> username = body.length > MAX_BODY_BYTES ? Optional.empty() : username(body);
        if (username.isEmpty()) {
            json(ctx, 400, origin, error("invalid_request", "send {\"username\":\"...\"}"));
            return;
        }
        Optional<DevUser> user = users.find(username.get());
        if (user.isEmpty()) {
            json(ctx, 404, origin, error("unknown_user", "known users: " + String.join(", ",
                    users.all().stream().map(DevUser::username).toList())));
            return;
        }
        EmbeddedTokenIssuer.DevTokens tokens = issuer.mint(user.get());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id_token", tokens.idToken());
        answer.put("access_token", tokens.accessToken());
        answer.put("token_type", "Bearer");
        answer.put("expires_in", tokens.expiresInSeconds());
        json(ctx, 200, origin, answer);
    }

    private Optional<String> username(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.isObject() && node.path("username").isTextual()
                    && !node.path("username").asText().isBlank()) {
                return Optional.of(node.path("username").asText());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void tokenPreflight(Context ctx) {
        Optional<String> origin = allowedOrigin(ctx);
        if (ctx.header("Origin") != null && origin.isEmpty()) {
            json(ctx, 403, origin, error("origin_not_allowed", null));
            return;
        }
        baseHeaders(ctx, origin);
        origin.ifPresent(o -> {
            ctx.header("Access-Control-Allow-Methods", TOKEN_METHODS);
            ctx.header("Access-Control-Allow-Headers", cors.allowedHeaders());
            ctx.header("Access-Control-Max-Age", "600");
        });
        ctx.header("Allow", TOKEN_METHODS);
        ctx.status(204);
    }

    /** The route exists, the method does not (RFC 9110, 15.5.6): 405 naming the ones it has. */
    private void tokenMethodNotAllowed(Context ctx) {
        ctx.header("Allow", TOKEN_METHODS);
        json(ctx, 405, allowedOrigin(ctx), error("method_not_allowed", null));
    }

    private void page(Context ctx) {
        ctx.status(200);
        ctx.header("Content-Type", "text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        // The page's own script only; user data goes in as escaped text, never as markup.
        ctx.header("Content-Security-Policy",
                "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'");
        ctx.result(DevPage.render(users.all(), baseUrl.get(), curlLines).getBytes(StandardCharsets.UTF_8));
    }

    private void script(Context ctx) {
        ctx.status(200);
        ctx.header("Content-Type", "text/javascript; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        ctx.result(script);
    }

    private void jwks(Context ctx) {
        ctx.status(200);
        baseHeaders(ctx, allowedOrigin(ctx));
        ctx.result(issuer.publicJwksJson().getBytes(StandardCharsets.UTF_8));
    }

    private Optional<String> allowedOrigin(Context ctx) {
        return Optional.ofNullable(ctx.header("Origin")).filter(cors::allows);
    }

    private static void baseHeaders(Context ctx, Optional<String> origin) {
        ctx.header("Content-Type", JSON);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Vary", "Origin");
        origin.ifPresent(o -> ctx.header("Access-Control-Allow-Origin", o));
    }

    private void json(Context ctx, int status, Optional<String> origin, Object body) {
        ctx.status(status);
        baseHeaders(ctx, origin);
        try {
            ctx.result(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialize", e);
        }
    }

    private static Map<String, String> error(String code, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        if (description != null) {
            body.put("error_description", description);
        }
        return body;
    }

    private static byte[] resource(String name) {
        try (InputStream in = DevRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + DevRoutes.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
