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
 * sign in through the sign-in server and try the tokens, {@code GET /dev/jwks.json} shows the public
 * key they are signed with. The dev switches, as small JSON endpoints the page uses too:
 * <ul>
 * <li>{@code GET /dev/users}: the users and their state;</li>
 * <li>{@code POST /dev/users/<username>/<action>} with a JSON body ({@code {}}), action one of
 *     {@code disable}, {@code enable}, {@code delete}, {@code recreate} (a deleted user, under a new
 *     {@code sub}), {@code global-sign-out} (their refresh tokens stop working);</li>
 * <li>{@code GET /dev/settings}, {@code PUT /dev/settings} with
 *     {@code {"tokenLifetimeSeconds":60,"tokenEndpointFailure":503}} (either; {@code 0} or
 *     {@code null} turns the failure off).</li>
 * </ul>
 * Changes need {@code Content-Type: application/json}, which a page of another origin cannot send
 * without a CORS preflight, and the preflight only passes for allowed origins. CORS follows the same
 * allowlist as {@code /userinfo}, so a frontend on another port (or its end-to-end tests) can use them.
 */
public final class DevRoutes implements Consumer<JavalinConfig> {

    public static final String TOKEN_PATH = "/dev/token";
    public static final String PAGE_PATH = "/dev";
    public static final String SCRIPT_PATH = "/dev/dev.js";
    public static final String JWKS_PATH = "/dev/jwks.json";
    public static final String USERS_PATH = "/dev/users";
    public static final String SETTINGS_PATH = "/dev/settings";

    private static final String JSON = "application/json; charset=utf-8";
    private static final String TOKEN_METHODS = "POST, OPTIONS";
    private static final int MAX_BODY_BYTES = 4096;

    private final EmbeddedIdentity identity;
    private final DevUsers users;
    private final EmbeddedTokenIssuer issuer;
    private final SignInServer.Endpoints signIn;
    private final CorsPolicy cors;
    private final Supplier<String> baseUrl;
    private final BiFunction<String, String, List<String>> curlLines;
    private final ObjectMapper mapper = new ObjectMapper();
    private final byte[] script;

    /**
     * @param baseUrl   the server's own URL, known once it listens; used in the page's curl lines
     * @param curlLines given that URL and a username, the page's copy-paste terminal lines
     */
    public DevRoutes(EmbeddedIdentity identity, SignInServer.Endpoints signIn, CorsPolicy cors, Supplier<String> baseUrl,
            BiFunction<String, String, List<String>> curlLines) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.users = identity.users();
        this.issuer = identity.tokens();
        this.signIn = Objects.requireNonNull(signIn, "signIn");
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
        config.routes.get(USERS_PATH, this::users);
        config.routes.post(USERS_PATH + "/{username}/{action}", this::userAction);
        config.routes.options(USERS_PATH + "/{username}/{action}", ctx -> preflight(ctx, "POST, OPTIONS"));
        config.routes.get(SETTINGS_PATH, this::settings);
        config.routes.put(SETTINGS_PATH, this::changeSettings);
        config.routes.options(SETTINGS_PATH, ctx -> preflight(ctx, "GET, PUT, OPTIONS"));
    }

    // --- dev switches ---------------------------------------------------------------------

    private void users(Context ctx) {
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        users.all().forEach(user -> list.add(userJson(user, user.enabled() ? "enabled" : "disabled")));
        users.deleted().forEach(username -> {
            Map<String, Object> deleted = new LinkedHashMap<>();
            deleted.put("username", username);
            deleted.put("status", "deleted");
            list.add(deleted);
        });
        json(ctx, 200, allowedOrigin(ctx), Map.of("users", list));
    }

    private Map<String, Object> userJson(DevUser user, String status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", user.username());
        json.put("sub", user.sub());
        json.put("status", status);
        json.put("email", user.attributes().get("email"));
        json.put("nickname", user.attributes().get("nickname"));
        json.put("groups", user.groups());
        json.put("refreshTokens", identity.refreshTokenCount(user.username()));
        json.put("refreshes", identity.refreshCount(user.username()));
        return json;
    }

    private void userAction(Context ctx) {
        Optional<String> origin = allowedOrigin(ctx);
        if (!isJson(ctx)) {
            json(ctx, 415, origin, error("unsupported_media_type", "send Content-Type: application/json"));
            return;
        }
        String username = ctx.pathParam("username");
        String action = ctx.pathParam("action");
        Optional<?> done;
        switch (action) {
            case "disable" -> done = identity.disable(username);
            case "enable" -> done = identity.enable(username);
            case "delete" -> done = identity.delete(username);
            case "recreate" -> done = identity.recreate(username);
            case "global-sign-out" -> done = identity.globalSignOut(username);
            default -> {
                json(ctx, 404, origin, error("unknown_action",
                        "one of: disable, enable, delete, recreate, global-sign-out"));
                return;
            }
        }
        if (done.isEmpty()) {
            json(ctx, 404, origin, error("unknown_user", action.equals("recreate")
                    ? "no deleted user of that name" : "no user of that name"));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", action);
        if (done.get() instanceof DevUser user) {
            answer.put("user", userJson(user, action.equals("delete") ? "deleted" : user.enabled() ? "enabled" : "disabled"));
        } else {
            answer.put("username", username);
            answer.put("revokedRefreshTokens", done.get());
        }
        json(ctx, 200, origin, answer);
    }

    private void settings(Context ctx) {
        json(ctx, 200, allowedOrigin(ctx), settingsJson(identity.settings().values()));
    }

    private void changeSettings(Context ctx) {
        Optional<String> origin = allowedOrigin(ctx);
        if (!isJson(ctx)) {
            json(ctx, 415, origin, error("unsupported_media_type", "send Content-Type: application/json"));
            return;
        }
        byte[] body = ctx.bodyAsBytes();
        JsonNode node;
        try {
            node = body.length > MAX_BODY_BYTES ? null : mapper.readTree(body);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            json(ctx, 400, origin, error("invalid_request", "send {\"tokenLifetimeSeconds\":60,\"tokenEndpointFailure\":503}"));
            return;
        }
        JsonNode lifetime = node.path("tokenLifetimeSeconds");
        JsonNode failure = node.path("tokenEndpointFailure");
        if (!lifetime.isMissingNode() && !lifetime.canConvertToInt() || !failure.isMissingNode() && !failure.isNull()
                && !failure.canConvertToInt() || lifetime.isNumber() && !lifetime.isIntegralNumber()
                || failure.isNumber() && !failure.isIntegralNumber()) {
            json(ctx, 400, origin, error("invalid_request", "tokenLifetimeSeconds and tokenEndpointFailure are whole numbers"));
            return;
        }
        try {
            DevSettings.Values values = identity.settings().update(
                    lifetime.isMissingNode() ? Optional.empty() : Optional.of(java.time.Duration.ofSeconds(lifetime.asInt())),
                    failure.isMissingNode() ? java.util.OptionalInt.empty()
                            : java.util.OptionalInt.of(failure.isNull() ? 0 : failure.asInt()));
            json(ctx, 200, origin, settingsJson(values));
        } catch (IllegalArgumentException e) {
            json(ctx, 400, origin, error("invalid_request", e.getMessage()));
        }
    }

    private static Map<String, Object> settingsJson(DevSettings.Values values) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tokenLifetimeSeconds", values.tokenLifetime().toSeconds());
        json.put("tokenEndpointFailure", values.tokenEndpointFailure().isPresent()
                ? values.tokenEndpointFailure().getAsInt() : null);
        return json;
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.header("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    private void preflight(Context ctx, String methods) {
        Optional<String> origin = allowedOrigin(ctx);
        if (ctx.header("Origin") != null && origin.isEmpty()) {
            json(ctx, 403, origin, error("origin_not_allowed", null));
            return;
        }
        baseHeaders(ctx, origin);
        origin.ifPresent(o -> {
            ctx.header("Access-Control-Allow-Methods", methods);
            ctx.header("Access-Control-Allow-Headers", cors.allowedHeaders());
            ctx.header("Access-Control-Max-Age", "600");
        });
        ctx.header("Allow", methods);
        ctx.status(204);
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
        preflight(ctx, TOKEN_METHODS);
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
        // The page's own script only; user data goes in as escaped text, never as markup. It talks to
        // this server and to the sign-in server (its token endpoint), and refuses to be framed.
        ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; connect-src 'self' "
                + signIn.domain() + "; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.result(DevPage.render(users.all(), users.deleted(), signIn, baseUrl.get(), curlLines)
                .getBytes(StandardCharsets.UTF_8));
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

    private static Map<String, Object> error(String code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
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
