package dev.userinfo.bootstrap.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.userinfo.adapter.http.UserInfoHttpServer;
import dev.userinfo.application.CorsPolicy;
import dev.userinfo.adapter.cognito.oauth.ClientSecret;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.router.EndpointNotFound;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The embedded sign-in server: a Cognito-shaped authorization server on its own origin (a port of
 * its own, as Cognito's domain is another origin in production), for local development only.
 *
 * <table>
 * <caption>Endpoints, laid out as a Cognito user pool and its domain lay them out</caption>
 * <tr><td>{@code GET /<pool>/.well-known/openid-configuration}</td><td>OpenID Connect discovery</td></tr>
 * <tr><td>{@code GET /<pool>/.well-known/jwks.json}</td><td>the public key embedded tokens are signed with</td></tr>
 * <tr><td>{@code GET /oauth2/authorize}</td><td>authorization code + PKCE (S256): the login page</td></tr>
 * <tr><td>{@code POST /login}</td><td>the login page's forms</td></tr>
 * <tr><td>{@code POST /oauth2/token}</td><td>{@code authorization_code} and {@code refresh_token} grants</td></tr>
 * <tr><td>{@code POST /oauth2/revoke}</td><td>refresh token revocation (RFC 7009)</td></tr>
 * <tr><td>{@code GET /logout}</td><td>Cognito's sign-out: {@code client_id} + {@code logout_uri}</td></tr>
 * </table>
 *
 * <p>Discovery, the key set, the token and the revocation endpoint answer CORS for the allowed
 * origins, since browser OIDC clients call them from the app's origin; the pages refuse framing.
 * Never logged: codes, tokens, passwords, {@code state}, {@code nonce}, verifiers.
 */
public final class SignInServer implements AutoCloseable {

    public static final String AUTHORIZE_PATH = "/oauth2/authorize";
    public static final String LOGIN_PATH = "/login";
    public static final String TOKEN_PATH = "/oauth2/token";
    public static final String REVOKE_PATH = "/oauth2/revoke";
    public static final String LOGOUT_PATH = "/logout";
    /** The managed-login session cookie, named as Cognito's domain names its own. */
    public static final String SESSION_COOKIE = "cognito";

    /** Longest form body the token, revocation and login endpoints read (a refresh token is about 1.8 KB). */
    static final int MAX_FORM_BYTES = 16 * 1024;

    private static final System.Logger LOG = System.getLogger(SignInServer.class.getName());
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PAGE_SECURITY =
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";
    private static final String CORS_METHODS = "GET, POST, OPTIONS";
    private static final String CORS_HEADERS = "Authorization, Content-Type";

    /**
     * Where the sign-in server is and the app client it knows: what an OAuth client (the cookie
     * sessions' token client, a frontend's OIDC library) is configured with. Faithful to Cognito:
     * {@code domain} plays {@code https://<prefix>.auth.<region>.amazoncognito.com}.
     *
     * @param domain       the base URL of the managed-login endpoints, {@code http://localhost:<port>}
     * @param issuer       the pool's issuer, {@code <domain>/<pool id>}
     * @param userPoolId   the pool's id
     * @param clientId     the dev app client's id
     * @param clientSecret its secret; empty for a public client
     * @param callbackUrls its registered callback URLs ({@link RegisteredUris#allows(String)})
     * @param logoutUrls   its allowed sign-out URLs
     */
    public record Endpoints(URI domain, String issuer, String userPoolId, String clientId,
            Optional<ClientSecret> clientSecret, RegisteredUris callbackUrls, RegisteredUris logoutUrls) {

        /** {@code <issuer>/.well-known/openid-configuration}. */
        public URI discoveryUrl() {
            return URI.create(issuer + "/.well-known/openid-configuration");
        }

        /** {@code <issuer>/.well-known/jwks.json}. */
        public URI jwksUrl() {
            return URI.create(issuer + "/.well-known/jwks.json");
        }

        public URI authorizationEndpoint() {
            return URI.create(domain + AUTHORIZE_PATH);
        }

        public URI tokenEndpoint() {
            return URI.create(domain + TOKEN_PATH);
        }

        public URI revocationEndpoint() {
            return URI.create(domain + REVOKE_PATH);
        }

        public URI logoutEndpoint() {
            return URI.create(domain + LOGOUT_PATH);
        }
    }

    private final UserInfoHttpServer http;
    private final Endpoints endpoints;

    private SignInServer(UserInfoHttpServer http, Endpoints endpoints) {
        this.http = http;
        this.endpoints = endpoints;
    }

    /**
     * Starts the routes of an embedded identity whose issuer names {@code port} (picked beforehand,
     * see {@link #pickPort(List, int)}), on every address of {@code hosts}.
     *
     * @throws io.javalin.util.JavalinBindException when the port is taken
     */
    public static SignInServer start(EmbeddedIdentity identity, CorsPolicy cors, List<String> hosts, int port) {
        Endpoints endpoints = new Endpoints(URI.create("http://localhost:" + port), identity.tokens().issuer(),
                EmbeddedTokenIssuer.POOL_ID, identity.client().clientId(), identity.client().secret(),
                identity.client().callbackUrls(), identity.client().logoutUrls());
        Routes routes = new Routes(identity, cors, endpoints);
        return new SignInServer(UserInfoHttpServer.serve(hosts, port, List.of(routes)), endpoints);
    }

    /** The port to start on: {@code requested}, or when that is 0 one free on all of {@code hosts} now. */
    public static int pickPort(List<String> hosts, int requested) {
        return requested != 0 ? requested : UserInfoHttpServer.freePort(hosts);
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public int port() {
        return http.port();
    }

    /** The addresses it listens on. */
    public List<String> hosts() {
        return http.hosts();
    }

    @Override
    public void close() {
        http.close();
    }

    /** The routes; package-private for tests that drive them through a real server. */
    static final class Routes implements Consumer<JavalinConfig> {

        private final EmbeddedIdentity identity;
        private final CorsPolicy cors;
        private final Endpoints endpoints;
        private final AuthorizationRequestCheck check;
        private final ObjectMapper mapper = new ObjectMapper();

        Routes(EmbeddedIdentity identity, CorsPolicy cors, Endpoints endpoints) {
            this.identity = Objects.requireNonNull(identity, "identity");
            this.cors = Objects.requireNonNull(cors, "cors");
            this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
            this.check = new AuthorizationRequestCheck(identity.client());
        }

        @Override
        public void accept(JavalinConfig config) {
            String wellKnown = "/" + endpoints.userPoolId() + "/.well-known";
            config.routes.get(wellKnown + "/openid-configuration", this::discovery);
            config.routes.get(wellKnown + "/jwks.json", this::jwks);
            config.routes.get(AUTHORIZE_PATH, this::authorize);
            config.routes.post(LOGIN_PATH, this::login);
            config.routes.post(TOKEN_PATH, this::token);
            config.routes.post(REVOKE_PATH, this::revoke);
            config.routes.get(LOGOUT_PATH, this::logout);
            for (String path : List.of(wellKnown + "/openid-configuration", wellKnown + "/jwks.json", TOKEN_PATH, REVOKE_PATH)) {
                config.routes.options(path, this::preflight);
            }
            config.routes.exception(EndpointNotFound.class, (e, ctx) ->
                    json(ctx, 404, Map.of("error", "not_found")));
            config.routes.exception(Exception.class, (e, ctx) -> {
                // Only the exception's type: its message may quote a request's values.
                LOG.log(System.Logger.Level.ERROR, "sign-in server: unexpected " + e.getClass().getName()
                        + " on " + ctx.method() + " " + ctx.path());
                json(ctx, 500, Map.of("error", "server_error"));
            });
        }

        // --- discovery and keys --------------------------------------------------------------

        private void discovery(Context ctx) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("issuer", endpoints.issuer());
            doc.put("authorization_endpoint", endpoints.authorizationEndpoint().toString());
            doc.put("token_endpoint", endpoints.tokenEndpoint().toString());
            doc.put("jwks_uri", endpoints.jwksUrl().toString());
            doc.put("revocation_endpoint", endpoints.revocationEndpoint().toString());
            doc.put("end_session_endpoint", endpoints.logoutEndpoint().toString());
            doc.put("response_types_supported", List.of("code"));
            doc.put("response_modes_supported", List.of("query"));
            doc.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
            doc.put("subject_types_supported", List.of("public"));
            doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
            doc.put("scopes_supported", DevAppClient.SCOPES);
            doc.put("token_endpoint_auth_methods_supported", identity.client().authenticationMethods());
            doc.put("revocation_endpoint_auth_methods_supported", identity.client().authenticationMethods());
            doc.put("code_challenge_methods_supported", List.of("S256"));
            doc.put("prompt_values_supported", List.of("none", "login"));
            corsHeaders(ctx);
            json(ctx, 200, doc);
        }

        private void jwks(Context ctx) {
            corsHeaders(ctx);
            ctx.status(200);
            ctx.header("Content-Type", JSON);
            ctx.header("Cache-Control", "no-store");
            ctx.result(identity.tokens().publicJwksJson().getBytes(StandardCharsets.UTF_8));
        }

        private void preflight(Context ctx) {
            Optional<String> origin = allowedOrigin(ctx);
            if (ctx.header("Origin") != null && origin.isEmpty()) {
                json(ctx, 403, Map.of("error", "origin_not_allowed"));
                return;
            }
            corsHeaders(ctx);
            origin.ifPresent(o -> {
                ctx.header("Access-Control-Allow-Methods", CORS_METHODS);
                ctx.header("Access-Control-Allow-Headers", CORS_HEADERS);
                ctx.header("Access-Control-Max-Age", "600");
            });
            ctx.status(204);
        }

        // --- authorization endpoint and login page ----------------------------------------

        private void authorize(Context ctx) {
            AuthorizationRequestCheck.Outcome outcome = check.check(ctx.queryParamMap());
            if (outcome instanceof AuthorizationRequestCheck.Refused refused) {
                page(ctx, 400, LoginPage.refused("Sign-in request refused", refused.problem()));
                return;
            }
            if (outcome instanceof AuthorizationRequestCheck.Redirect redirect) {
                redirect(ctx, redirect.location());
                return;
            }
            SignInRequest request = ((AuthorizationRequestCheck.Accepted) outcome).request();
            Optional<Signed> session = session(ctx);
            if (request.noPrompt() && session.isEmpty()) {
                redirect(ctx, AuthorizationRequestCheck.errorLocation(URI.create(request.redirectUri()),
                        new ErrorObject("login_required"), "the user is not signed in", state(request)));
                return;
            }
            if (session.isPresent() && !request.forceLogin()) {
                redirect(ctx, codeLocation(request, session.get().user(), session.get().session().authTime()));
                return;
            }
            String pendingId = identity.sessions().await(request);
            page(ctx, 200, LoginPage.render(pendingId, request, identity.users().all(), null));
        }

        private void login(Context ctx) {
            if (tooLarge(ctx)) {
                page(ctx, 413, LoginPage.refused("Sign-in refused", "the form is larger than " + MAX_FORM_BYTES + " bytes"));
                return;
            }
            String pendingId = ctx.formParam("login_request");
            Optional<SignInRequest> waiting = identity.sessions().awaiting(pendingId);
            if (waiting.isEmpty()) {
                page(ctx, 400, LoginPage.refused("Sign-in page expired",
                        "this sign-in page expired or was already used; start the sign-in again from your app"));
                return;
            }
            SignInRequest request = waiting.get();
            String devUser = ctx.formParam("dev_user");
            Optional<DevUser> user;
            if (devUser != null) {
                user = identity.users().find(devUser);
            } else {
                String username = Optional.ofNullable(ctx.formParam("username")).orElse("");
                user = identity.users().passwordMatches(username, ctx.formParam("password"))
                        ? identity.users().find(username) : Optional.empty();
            }
            if (user.isEmpty()) {
                // Cognito's own words, the same for an unknown user and a wrong password.
                page(ctx, 200, LoginPage.render(pendingId, request, identity.users().all(), "Incorrect username or password."));
                return;
            }
            if (!user.get().enabled()) {
                page(ctx, 200, LoginPage.render(pendingId, request, identity.users().all(), "User is disabled."));
                return;
            }
            identity.sessions().complete(pendingId);
            String sessionId = identity.sessions().start(user.get().sub());
            Cookie cookie = new Cookie(SESSION_COOKIE, sessionId, "/", (int) LoginSessions.LIFETIME.toSeconds(), false,
                    true, null, SameSite.LAX);
            ctx.cookie(cookie);
            LOG.log(System.Logger.Level.INFO, "sign-in server: signed in sub=" + user.get().sub());
            redirect(ctx, codeLocation(request, user.get(), identity.clock().instant()));
        }

        private URI codeLocation(SignInRequest request, DevUser user, java.time.Instant authTime) {
            EmbeddedTokenIssuer.SignIn signIn = new EmbeddedTokenIssuer.SignIn(request.scopes(), authTime,
                    UUID.randomUUID().toString());
            String code = identity.codes().issue(new AuthorizationCodes.Grant(request.clientId(), request.redirectUri(),
                    request.codeChallenge(), request.nonce(), user.sub(), signIn));
            return new AuthorizationSuccessResponse(URI.create(request.redirectUri()), new AuthorizationCode(code), null,
                    state(request), ResponseMode.QUERY).toURI();
        }

        private static State state(SignInRequest request) {
            return request.state() == null ? null : new State(request.state());
        }

        /** The browser's sign-in session, while its user is still there and enabled. */
        private Optional<Signed> session(Context ctx) {
            String id = ctx.cookie(SESSION_COOKIE);
            return identity.sessions().find(id).flatMap(session -> identity.users().findBySub(session.sub())
                    .filter(DevUser::enabled)
                    .map(user -> new Signed(session, user)));
        }

        private record Signed(LoginSessions.Session session, DevUser user) {
        }

        // --- token and revocation endpoints ---------------------------------------------

        private void token(Context ctx) {
            corsHeaders(ctx);
            OptionalInt failure = identity.settings().tokenEndpointFailure();
            if (failure.isPresent()) {
                if (failure.getAsInt() == 503) {
                    ctx.header("Retry-After", "5");
                }
                tokenJson(ctx, failure.getAsInt(), Map.of("error", "server_error",
                        "error_description", "the token endpoint is set to fail (a dev switch on the /dev page)"));
                return;
            }
            try {
                TokenRequest request = TokenRequest.parse(nimbusRequest(ctx));
                String clientId = authenticate(request.getClientAuthentication(), request.getClientID());
                AuthorizationGrant grant = request.getAuthorizationGrant();
                if (grant instanceof AuthorizationCodeGrant code) {
                    exchangeCode(ctx, clientId, code);
                } else if (grant instanceof RefreshTokenGrant refresh) {
                    refresh(ctx, clientId, refresh.getRefreshToken().getValue());
                } else {
                    throw new OAuthProblem(OAuth2Error.UNSUPPORTED_GRANT_TYPE,
                            "grant_type must be authorization_code or refresh_token");
                }
            } catch (ParseException e) {
                tokenError(ctx, e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST, e.getMessage());
            } catch (OAuthProblem problem) {
                tokenError(ctx, problem.error(), problem.error().getDescription());
            }
        }

        private void exchangeCode(Context ctx, String clientId, AuthorizationCodeGrant grant) throws OAuthProblem {
            if (grant.getRedirectionURI() == null) {
                throw new OAuthProblem(OAuth2Error.INVALID_REQUEST, "redirect_uri is required");
            }
            if (grant.getCodeVerifier() == null) {
                throw new OAuthProblem(OAuth2Error.INVALID_REQUEST, "code_verifier is required (PKCE, RFC 7636)");
            }
            AuthorizationCodes.Grant code = identity.codes().redeem(grant.getAuthorizationCode().getValue(), clientId,
                    grant.getRedirectionURI().toString(), grant.getCodeVerifier());
            DevUser user = activeUser(code.sub());
            EmbeddedTokenIssuer.Minted minted = identity.tokens().mint(user, code.signIn(), code.nonce());
            String refreshToken = identity.refreshTokens().issue(new RefreshTokens.Grant(clientId, user.sub(), code.signIn()));
            tokens(ctx, minted, refreshToken);
        }

        private void refresh(Context ctx, String clientId, String refreshToken) throws OAuthProblem {
            RefreshTokens.Grant grant = identity.refreshTokens().find(refreshToken, clientId).orElseThrow(() ->
                    new OAuthProblem(OAuth2Error.INVALID_GRANT, "refresh token is invalid, expired or revoked"));
            DevUser user = activeUser(grant.sub());
            // No nonce after a refresh, and no new refresh token: Cognito does not rotate them by default.
            tokens(ctx, identity.tokens().mint(user, grant.signIn(), null), null);
            identity.refreshed(user.sub());
            LOG.log(System.Logger.Level.INFO, "sign-in server: refreshed sub=" + user.sub());
        }

        private DevUser activeUser(String sub) throws OAuthProblem {
            DevUser user = identity.users().findBySub(sub).orElseThrow(() ->
                    new OAuthProblem(OAuth2Error.INVALID_GRANT, "User does not exist."));
            if (!user.enabled()) {
                throw new OAuthProblem(OAuth2Error.INVALID_GRANT, "User is disabled.");
            }
            return user;
        }

        private void tokens(Context ctx, EmbeddedTokenIssuer.Minted minted, String refreshToken) {
            BearerAccessToken access = new BearerAccessToken(minted.accessToken(), minted.expiresInSeconds(), null);
            RefreshToken refresh = refreshToken == null ? null : new RefreshToken(refreshToken);
            AccessTokenResponse response = minted.idToken() == null
                    ? new AccessTokenResponse(new Tokens(access, refresh))
                    : new OIDCTokenResponse(new OIDCTokens(minted.idToken(), access, refresh));
            ctx.status(200);
            ctx.header("Content-Type", JSON);
            ctx.header("Cache-Control", "no-store");
            ctx.header("Pragma", "no-cache");
            ctx.result(response.toJSONObject().toJSONString().getBytes(StandardCharsets.UTF_8));
        }

        private void revoke(Context ctx) {
            corsHeaders(ctx);
            try {
                TokenRevocationRequest request = TokenRevocationRequest.parse(nimbusRequest(ctx));
                String clientId = authenticate(request.getClientAuthentication(), request.getClientID());
                identity.refreshTokens().revoke(request.getToken().getValue(), clientId);
                // RFC 7009, 2.2: 200 whether or not the token was valid; Cognito answers with an empty body.
                // Typed as JSON all the same: browser clients (oidc-client-ts) refuse any other type.
                ctx.status(200);
                ctx.header("Content-Type", JSON);
                ctx.header("Cache-Control", "no-store");
                ctx.result(new byte[0]);
            } catch (ParseException e) {
                tokenError(ctx, e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST, e.getMessage());
            } catch (OAuthProblem problem) {
                tokenError(ctx, problem.error(), problem.error().getDescription());
            }
        }

        /** Authenticates the client and returns its id. */
        private String authenticate(ClientAuthentication authentication, ClientID identified) throws OAuthProblem {
            identity.client().authenticate(authentication, identified);
            return identity.client().clientId();
        }

        private HTTPRequest nimbusRequest(Context ctx) throws ParseException {
            if (tooLarge(ctx)) {
                throw new ParseException("the request body is larger than " + MAX_FORM_BYTES + " bytes",
                        OAuth2Error.INVALID_REQUEST);
            }
            HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, URI.create(endpoints.domain() + ctx.path()));
            Optional.ofNullable(ctx.header("Content-Type")).ifPresent(type -> request.setHeader("Content-Type", type));
            Optional.ofNullable(ctx.header("Authorization")).ifPresent(request::setAuthorization);
            request.setBody(ctx.body());
            return request;
        }

        /**
         * Whether the body exceeds {@link #MAX_FORM_BYTES}. The body is read even when its declared length
         * already says so (Javalin caps it at its own request-size limit): answering before the client has
         * sent it all makes Jetty close the connection under the client, which then sees no answer at all.
         */
        private static boolean tooLarge(Context ctx) {
            return ctx.bodyAsBytes().length > MAX_FORM_BYTES;
        }

        /** An error of the token or revocation endpoint (RFC 6749, 5.2), through the SDK's rendering. */
        private void tokenError(Context ctx, ErrorObject error, String description) {
            String ascii = description == null ? null : description.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "");
            ErrorObject answered = new ErrorObject(error.getCode(), ascii, error.getHTTPStatusCode() == 0 ? 400
                    : error.getHTTPStatusCode());
            if (OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode())) {
                answered = new ErrorObject(error.getCode(), ascii, 401);
                if (ctx.header("Authorization") != null) {
                    ctx.header("WWW-Authenticate", "Basic realm=\"" + endpoints.domain().getAuthority() + "\"");
                }
            }
            tokenJson(ctx, answered.getHTTPStatusCode(), new TokenErrorResponse(answered).toJSONObject());
        }

        private void tokenJson(Context ctx, int status, Map<String, ?> body) {
            ctx.header("Pragma", "no-cache");
            json(ctx, status, body);
        }

        // --- sign-out --------------------------------------------------------------------

        private void logout(Context ctx) {
            Map<String, List<String>> query = ctx.queryParamMap();
            String clientId = single(query, "client_id");
            if (clientId == null || !identity.client().is(clientId)) {
                page(ctx, 400, LoginPage.refused("Sign-out refused", clientId == null
                        ? "client_id is missing" : "client_id names no app client of this pool"));
                return;
            }
            String logoutUri = single(query, "logout_uri");
            String redirectUri = single(query, "redirect_uri");
            if (logoutUri != null) {
                if (!identity.client().logoutUrls().allows(logoutUri)) {
                    page(ctx, 400, LoginPage.refused("Sign-out refused",
                            "logout_uri is not one of the app client's allowed sign-out URLs"));
                    return;
                }
                endSession(ctx);
                redirect(ctx, URI.create(logoutUri));
                return;
            }
            if (redirectUri != null) {
                // Cognito's other form: sign out, then sign in again; the authorize endpoint judges the rest.
                endSession(ctx);
                redirect(ctx, URI.create(AUTHORIZE_PATH + "?" + ctx.queryString()));
                return;
            }
            page(ctx, 400, LoginPage.refused("Sign-out refused", "logout_uri is missing"));
        }

        private void endSession(Context ctx) {
            identity.sessions().end(ctx.cookie(SESSION_COOKIE));
            ctx.cookie(new Cookie(SESSION_COOKIE, "", "/", 0, false, true, null, SameSite.LAX));
        }

        private static String single(Map<String, List<String>> query, String name) {
            List<String> values = query.get(name);
            return values == null || values.size() != 1 || values.get(0).isEmpty() ? null : values.get(0);
        }

        // --- answers ---------------------------------------------------------------------

        private Optional<String> allowedOrigin(Context ctx) {
            return Optional.ofNullable(ctx.header("Origin")).filter(cors::allows);
        }

        private void corsHeaders(Context ctx) {
            ctx.header("Vary", "Origin");
            allowedOrigin(ctx).ifPresent(origin -> {
                ctx.header("Access-Control-Allow-Origin", origin);
                ctx.header("Access-Control-Expose-Headers", "WWW-Authenticate, Retry-After");
            });
        }

        private static void redirect(Context ctx, URI location) {
            ctx.status(302);
            ctx.header("Location", location.toString());
            ctx.header("Cache-Control", "no-store");
            ctx.header("Referrer-Policy", "no-referrer");
        }

        private static void page(Context ctx, int status, String html) {
            ctx.status(status);
            ctx.header("Content-Type", "text/html; charset=utf-8");
            ctx.header("Cache-Control", "no-store");
            ctx.header("Content-Security-Policy", PAGE_SECURITY);
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.result(html.getBytes(StandardCharsets.UTF_8));
        }

        private void json(Context ctx, int status, Map<String, ?> body) {
            ctx.status(status);
            ctx.header("Content-Type", JSON);
            ctx.header("Cache-Control", "no-store");
            try {
                ctx.result(mapper.writeValueAsBytes(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("maps of strings and lists always serialize", e);
            }
        }
    }
}
