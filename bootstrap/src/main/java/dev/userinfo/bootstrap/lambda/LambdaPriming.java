package dev.userinfo.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;

/**
 * Primes a handler before SnapStart takes its snapshot, so restored containers start with the key
 * set fetched and the request path's classes loaded and initialised: it fetches the keys and sends
 * requests through the handler itself, with a token that no key signed, so no user is ever looked up.
 * Failures are logged and passed over: a snapshot that is a little colder beats no snapshot.
 */
final class LambdaPriming implements Resource {

    /** The request id of priming requests in the access log. */
    static final String REQUEST_ID = "snapstart-priming";

    /** Shaped like a Cognito token (RS256, three base64url parts) but with no key id and no real signature. */
    static final String UNSIGNED_TOKEN = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "."
            + base64Url("{\"sub\":\"snapstart-priming\",\"token_use\":\"id\",\"exp\":0}") + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[256]);

    private static final System.Logger LOG = System.getLogger(LambdaPriming.class.getName());

    /** A session cookie no key sealed: primes the cookie path up to its 401, without any network call. */
    static final String UNSEALED_COOKIE = "__Host-userinfo=" + base64Url("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}")
            + "..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";

    private final Runnable keyPrefetch;
    private final List<Runnable> requests;
    private final Runnable afterRestore;

    LambdaPriming(Runnable keyPrefetch, List<Runnable> requests) {
        this(keyPrefetch, requests, () -> { });
    }

    /**
     * @param afterRestore run after each restore, before any request: renews the generator of the
     *                     cookie sessions' random values, which the snapshot holds as every restored
     *                     execution environment's
     */
    LambdaPriming(Runnable keyPrefetch, List<Runnable> requests, Runnable afterRestore) {
        this.keyPrefetch = Objects.requireNonNull(keyPrefetch, "keyPrefetch");
        this.requests = List.copyOf(requests);
        this.afterRestore = Objects.requireNonNull(afterRestore, "afterRestore");
    }

    /** Registers with the JVM's checkpoint coordination; a no-op on a JVM without CRaC. */
    void register() {
        // The global context holds resources weakly: the handler keeps this object alive.
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    /**
     * Renews what must be unique per execution environment: the cookie sessions' random generator
     * (state, nonce, PKCE verifiers, sid, AES-GCM IVs). Unlike priming, a failure here is not passed
     * over: a restored environment that could not renew it must not serve. The SDK's credentials come
     * from the default chain, which re-reads them after a restore, and the key set refreshes itself.
     */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        afterRestore.run();
    }

    void prime() {
        step("key set prefetch", keyPrefetch);
        for (Runnable request : requests) {
            step("priming request", request);
        }
    }

    private static void step(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | LinkageError e) {
            // The class is enough to look into it; a library's message is not logged (see UserInfoEndpoint).
            LOG.log(Level.WARNING, () -> "SnapStart " + what + " failed, snapshot taken anyway: " + e.getClass().getName());
        }
    }

    /** {@code GET /userinfo} through a REST API, with the unsigned token. */
    static APIGatewayProxyRequestEvent restApiGet() {
        return restApi("GET", "/userinfo", Map.of("Authorization", "Bearer " + UNSIGNED_TOKEN));
    }

    /** A CORS preflight through a REST API. */
    static APIGatewayProxyRequestEvent restApiPreflight() {
        return restApi("OPTIONS", "/userinfo", Map.of("Access-Control-Request-Method", "GET"));
    }

    /** {@code GET /auth/login} through a REST API: the sign-in start, with no network call. */
    static APIGatewayProxyRequestEvent restApiLogin() {
        return restApi("GET", "/auth/login", null);
    }

    /** {@code GET /userinfo} through a REST API with a session cookie no key sealed. */
    static APIGatewayProxyRequestEvent restApiCookie() {
        return restApi("GET", "/userinfo", Map.of("Cookie", UNSEALED_COOKIE, "X-CSRF", "1"));
    }

    /** A REST API (payload 1.0) event for {@code path}; {@code headers} may be null, as the gateway sends them. */
    private static APIGatewayProxyRequestEvent restApi(String method, String path, Map<String, String> headers) {
        APIGatewayProxyRequestEvent.ProxyRequestContext rc = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        rc.setRequestId(REQUEST_ID);
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(path)
                .withPath(path)
                .withHeaders(headers)
                .withRequestContext(rc);
    }

    /** {@code GET /auth/login} through an HTTP API. */
    static APIGatewayV2HTTPEvent httpApiLogin() {
        return httpApi("GET", "/auth/login", Map.of(), List.of());
    }

    /** {@code GET /userinfo} through an HTTP API with a session cookie no key sealed. */
    static APIGatewayV2HTTPEvent httpApiCookie() {
        return httpApi("GET", "/userinfo", Map.of("x-csrf", "1"), List.of(UNSEALED_COOKIE));
    }

    /** {@code GET /userinfo} through an HTTP API, with the unsigned token. */
    static APIGatewayV2HTTPEvent httpApiGet() {
        return httpApi("GET", Map.of("authorization", "Bearer " + UNSIGNED_TOKEN));
    }

    /** A CORS preflight through an HTTP API. */
    static APIGatewayV2HTTPEvent httpApiPreflight() {
        return httpApi("OPTIONS", Map.of("access-control-request-method", "GET"));
    }

    private static APIGatewayV2HTTPEvent httpApi(String method, Map<String, String> headers) {
        return httpApi(method, "/userinfo", headers, List.of());
    }

    private static APIGatewayV2HTTPEvent httpApi(String method, String path, Map<String, String> headers,
            List<String> cookies) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey("$default")
                .withRawPath(path)
                .withHeaders(headers)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(REQUEST_ID)
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
