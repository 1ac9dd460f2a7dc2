package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.embedded.MutableClock;
import dev.userinfo.bootstrap.embedded.SignInServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile and mistaken requests to the embedded sign-in server, over real HTTP: each gets a clear
 * answer (a page, an error redirect to a registered URI, or RFC 6749's JSON), never a 500 and never a
 * redirect to an address the client did not register.
 */
class SignInHostileTest {

    private static final String REDIRECT = "http://localhost:3000/cb";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** The server's clock, moved by the test to expire codes. */
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static LocalServer server;
    private static SignInServer.Endpoints endpoints;

    @BeforeAll
    static void start() {
        server = LocalServer.start(UserInfoConfig.forLocalServer(Map.of("PORT", "0")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), CLOCK);
        endpoints = server.identity().signIn().orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // --- the authorization endpoint ------------------------------------------------------

    private static Map<String, String> authorizeParams(CodeVerifier verifier) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", endpoints.clientId());
        p.put("redirect_uri", REDIRECT);
        p.put("state", "state-1");
        p.put("scope", "openid email");
        p.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
        p.put("code_challenge_method", "S256");
        return p;
    }

    private static URI authorize(Map<String, String> params) {
        return URI.create(endpoints.authorizationEndpoint() + "?" + form(params));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unregistered redirect_uri | redirect_uri | https://evil.example/cb | redirect_uri is not one of the app client",
            "lookalike redirect_uri    | redirect_uri | http://localhost.evil.example/cb | redirect_uri is not one of the app client",
            "unknown client            | client_id    | someone-else | client_id names no app client of this pool",
    })
    void wrongClientOrRedirect_isAPageWithoutAnyRedirect(String name, String parameter, String value, String problem) throws Exception {
        Map<String, String> p = authorizeParams(new CodeVerifier());
        p.put(parameter, value);

        HttpResponse<String> answer = get(authorize(p));

        assertEquals(400, answer.statusCode());
        assertTrue(answer.headers().firstValue("Location").isEmpty(), "never a redirect");
        assertTrue(answer.body().contains(problem), answer.body());
        assertEquals("text/html; charset=utf-8", answer.headers().firstValue("Content-Type").orElseThrow().replace(";c", "; c"));
        assertTrue(answer.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PKCE missing | code_challenge        |       | invalid_request",
            "PKCE plain   | code_challenge_method | plain | invalid_request",
            "implicit     | response_type         | token | unsupported_response_type",
            "bad scope    | scope                 | openid root | invalid_scope",
    })
    void otherMistakes_redirectToTheRegisteredUriWithTheErrorAndState(String name, String parameter, String value,
            String error) throws Exception {
        Map<String, String> p = authorizeParams(new CodeVerifier());
        if (value == null) {
            p.remove(parameter);
        } else {
            p.put(parameter, value);
        }

        HttpResponse<String> answer = get(authorize(p));

        assertEquals(302, answer.statusCode());
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertTrue(location.toString().startsWith(REDIRECT + "?"), location.toString());
        Map<String, String> query = query(location);
        assertEquals(error, query.get("error"));
        assertEquals("state-1", query.get("state"));
        assertFalse(query.containsKey("code"));
    }

    @Test
    void markupInStateAndLoginHint_isEscapedOnThePage_andStateComesBackIntact() throws Exception {
        String hostile = "\"><script>alert(1)</script>";
        CodeVerifier verifier = new CodeVerifier();
        Map<String, String> p = authorizeParams(verifier);
        p.put("state", hostile);
        p.put("login_hint", hostile);
        LoginPageBrowser browser = new LoginPageBrowser();

        HttpResponse<String> page = browser.get(authorize(p));

        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains("<script>"), page.body());
        assertTrue(page.body().contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());

        HttpResponse<String> back = browser.post(LoginPageBrowser.loginUri(authorize(p)),
                Map.of("login_request", LoginPageBrowser.loginRequest(page.body()), "dev_user", "alice"));
        assertEquals(hostile, query(URI.create(back.headers().firstValue("Location").orElseThrow())).get("state"));
    }

    @Test
    void oversizedParameter_isAPage_andAnOversizedRequestLineIsJettysJson_neverA500() throws Exception {
        Map<String, String> p = authorizeParams(new CodeVerifier());
        p.put("state", "x".repeat(2049));
        HttpResponse<String> page = get(authorize(p));
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("the parameter state is longer than 2048 characters"), page.body());
        assertTrue(page.headers().firstValue("Location").isEmpty());

        p.put("state", "x".repeat(20_000));
        HttpResponse<String> huge = get(authorize(p));
        assertTrue(huge.statusCode() == 414 || huge.statusCode() == 431, "status " + huge.statusCode());
        assertTrue(huge.body().startsWith("{\"error\":"), huge.body());
    }

    @Test
    void promptNone_withoutASession_redirectsWithLoginRequired() throws Exception {
        Map<String, String> p = authorizeParams(new CodeVerifier());
        p.put("prompt", "none");

        HttpResponse<String> answer = get(authorize(p));

        assertEquals(302, answer.statusCode());
        assertEquals("login_required", query(URI.create(answer.headers().firstValue("Location").orElseThrow())).get("error"));
    }

    @Test
    void loginFormOfAnUnknownOrUsedPage_isRefused() throws Exception {
        HttpResponse<String> answer = post(URI.create(endpoints.domain() + "/login"),
                "login_request=made-up&dev_user=alice", "application/x-www-form-urlencoded", null);

        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("this sign-in page expired or was already used"), answer.body());
        assertTrue(answer.headers().firstValue("Location").isEmpty());
    }

    // --- the token endpoint ----------------------------------------------------------------

    /** Signs alice in and returns a fresh code for this verifier. */
    private static String code(CodeVerifier verifier) throws Exception {
        URI callback = new LoginPageBrowser().signInAs(authorize(authorizeParams(verifier)), "alice");
        return query(callback).get("code");
    }

    private static Map<String, String> exchange(String code, CodeVerifier verifier) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("client_id", endpoints.clientId());
        f.put("code", code);
        f.put("redirect_uri", REDIRECT);
        if (verifier != null) {
            f.put("code_verifier", verifier.getValue());
        }
        return f;
    }

    private static HttpResponse<String> token(Map<String, String> form) throws Exception {
        return post(endpoints.tokenEndpoint(), form(form), "application/x-www-form-urlencoded", null);
    }

    private static void assertTokenError(HttpResponse<String> answer, int status, String error) throws Exception {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals(error, JSON.readTree(answer.body()).get("error").asText(), answer.body());
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(answer.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    }

    @Test
    void replayedCode_isRefused_andRevokesTheRefreshTokenItGave() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = code(verifier);
        HttpResponse<String> first = token(exchange(code, verifier));
        assertEquals(200, first.statusCode(), first.body());
        String refresh = JSON.readTree(first.body()).get("refresh_token").asText();

        assertTokenError(token(exchange(code, verifier)), 400, "invalid_grant");
        assertTokenError(token(Map.of("grant_type", "refresh_token", "client_id", endpoints.clientId(), "refresh_token", refresh)),
                400, "invalid_grant");
    }

    @Test
    void expiredCode_fiveMinutesOnTheServersClock_isRefused() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = code(verifier);

        CLOCK.advance(Duration.ofMinutes(5));

        assertTokenError(token(exchange(code, verifier)), 400, "invalid_grant");
    }

    @Test
    void wrongOrMissingCodeVerifier_isRefused() throws Exception {
        assertTokenError(token(exchange(code(new CodeVerifier()), new CodeVerifier())), 400, "invalid_grant");
        assertTokenError(token(exchange(code(new CodeVerifier()), null)), 400, "invalid_request");
        Map<String, String> shortVerifier = exchange(code(new CodeVerifier()), null);
        shortVerifier.put("code_verifier", "too-short");
        assertTokenError(token(shortVerifier), 400, "invalid_request");
    }

    @Test
    void otherRedirectUriAtTheTokenEndpoint_isRefused() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        Map<String, String> f = exchange(code(verifier), verifier);
        f.put("redirect_uri", "http://localhost:3000/other");
        assertTokenError(token(f), 400, "invalid_grant");
        f.remove("redirect_uri");
        assertTokenError(token(f), 400, "invalid_request");
    }

    @Test
    void unknownClient_isInvalidClient401_aMissingClientIdInvalidRequest() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        Map<String, String> f = exchange(code(verifier), verifier);
        f.put("client_id", "someone-else");
        assertTokenError(token(f), 401, "invalid_client");
        f.remove("client_id");
        assertTokenError(token(f), 400, "invalid_request");
    }

    @Test
    void malformedTokenRequests_getRfc6749Json_neverA500() throws Exception {
        assertTokenError(token(Map.of("grant_type", "password", "client_id", endpoints.clientId(), "username", "alice",
                "password", "x")), 400, "unsupported_grant_type");
        assertTokenError(token(Map.of("grant_type", "made-up", "client_id", endpoints.clientId())), 400, "unsupported_grant_type");
        assertTokenError(token(Map.of("client_id", endpoints.clientId())), 400, "invalid_request");
        assertTokenError(post(endpoints.tokenEndpoint(), "{\"grant_type\":\"refresh_token\"}", "application/json", null),
                400, "invalid_request");
        assertTokenError(post(endpoints.tokenEndpoint(), "grant_type=refresh_token&refresh_token=" + "a".repeat(20_000)
                + "&client_id=" + endpoints.clientId(), "application/x-www-form-urlencoded", null), 400, "invalid_request");
        assertTokenError(post(endpoints.tokenEndpoint(), "grant_type=refresh_token&refresh_token=x",
                "application/x-www-form-urlencoded", "Basic !!!"), 400, "invalid_request");
        assertTokenError(token(Map.of("grant_type", "refresh_token", "client_id", endpoints.clientId(),
                "refresh_token", "not-a-token")), 400, "invalid_grant");
    }

    @Test
    void refreshToken_afterASignOutEverywhere_isInvalidGrant() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String refresh = JSON.readTree(token(exchange(code(verifier), verifier)).body()).get("refresh_token").asText();
        Map<String, String> grant = Map.of("grant_type", "refresh_token", "client_id", endpoints.clientId(), "refresh_token", refresh);
        assertEquals(200, token(grant).statusCode());

        HttpResponse<String> signOut = post(URI.create(server.baseUrl() + "/dev/users/alice/global-sign-out"), "{}",
                "application/json", null);
        assertEquals(200, signOut.statusCode(), signOut.body());
        assertTrue(JSON.readTree(signOut.body()).get("revokedRefreshTokens").asInt() >= 1, signOut.body());

        assertTokenError(token(grant), 400, "invalid_grant");
    }

    @Test
    void failingTokenEndpointSwitch_answers503WithRetryAfter_thenNormallyAgain() throws Exception {
        HttpResponse<String> set = put("/dev/settings", "{\"tokenEndpointFailure\":503}");
        assertEquals(200, set.statusCode(), set.body());
        try {
            HttpResponse<String> failing = token(Map.of("grant_type", "refresh_token", "client_id", endpoints.clientId(),
                    "refresh_token", "x"));
            assertTokenError(failing, 503, "server_error");
            assertEquals("5", failing.headers().firstValue("Retry-After").orElseThrow());
        } finally {
            assertEquals(200, put("/dev/settings", "{\"tokenEndpointFailure\":null}").statusCode());
        }
        assertTokenError(token(Map.of("grant_type", "refresh_token", "client_id", endpoints.clientId(), "refresh_token", "x")),
                400, "invalid_grant");
    }

    @Test
    void tokenLifetimeSwitch_setsExpiresInOfNewTokens_andRefusesOutOfRangeValues() throws Exception {
        assertEquals(400, put("/dev/settings", "{\"tokenLifetimeSeconds\":4}").statusCode());
        assertEquals(400, put("/dev/settings", "{\"tokenLifetimeSeconds\":86401}").statusCode());
        assertEquals(400, put("/dev/settings", "{\"tokenLifetimeSeconds\":\"sixty\"}").statusCode());
        assertEquals(415, HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/dev/settings"))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("{\"tokenLifetimeSeconds\":60}"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        try {
            assertEquals(200, put("/dev/settings", "{\"tokenLifetimeSeconds\":60}").statusCode());
            CodeVerifier verifier = new CodeVerifier();
            assertEquals(60, JSON.readTree(token(exchange(code(verifier), verifier)).body()).get("expires_in").asInt());
        } finally {
            put("/dev/settings", "{\"tokenLifetimeSeconds\":3600}");
        }
    }

    @Test
    void deletedThenRecreatedUser_getsANewSub_andTheOldTokensAndRefreshTokensStopWorking() throws Exception {
        LoginPageBrowser browser = new LoginPageBrowser();
        CodeVerifier verifier = new CodeVerifier();
        String code = query(browser.signInAs(authorize(authorizeParams(verifier)), "jose")).get("code");
        JsonNode tokens = JSON.readTree(token(exchange(code, verifier)).body());
        String oldSub = userinfo(tokens.get("access_token").asText()).get("sub").asText();

        assertEquals(200, userAction("jose", "delete").statusCode());
        assertEquals(404, userAction("jose", "delete").statusCode());
        JsonNode recreated = JSON.readTree(userAction("jose", "recreate").body());

        String newSub = recreated.get("user").get("sub").asText();
        assertNotEquals(oldSub, newSub);
        assertEquals(401, userinfoStatus(tokens.get("access_token").asText()), "the old user's token stands for no one now");
        assertTokenError(token(Map.of("grant_type", "refresh_token", "client_id", endpoints.clientId(),
                "refresh_token", tokens.get("refresh_token").asText())), 400, "invalid_grant");
        assertEquals(200, browser.get(authorize(authorizeParams(new CodeVerifier()))).statusCode(), "login page, no session");
        HttpResponse<String> minted = post(URI.create(server.baseUrl() + "/dev/token"), "{\"username\":\"jose\"}",
                "application/json", null);
        assertEquals(newSub, userinfo(JSON.readTree(minted.body()).get("id_token").asText()).get("sub").asText());
    }

    @Test
    void disabledUser_refreshIsRefused_userinfoSays403_enabledAgainWorks() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        JsonNode tokens = JSON.readTree(token(exchange(code(verifier), verifier)).body());
        Map<String, String> grant = Map.of("grant_type", "refresh_token", "client_id", endpoints.clientId(),
                "refresh_token", tokens.get("refresh_token").asText());
        try {
            assertEquals(200, userAction("alice", "disable").statusCode());
            assertTokenError(token(grant), 400, "invalid_grant");
            assertEquals(403, userinfoStatus(tokens.get("access_token").asText()));
        } finally {
            assertEquals(200, userAction("alice", "enable").statusCode());
        }
        assertEquals(200, token(grant).statusCode());
        assertEquals(404, userAction("nobody", "disable").statusCode());
        assertEquals(404, userAction("alice", "explode").statusCode());
        assertEquals(415, post(URI.create(server.baseUrl() + "/dev/users/alice/disable"), "", "text/plain", null).statusCode());
    }

    // --- revocation, sign-out, CORS --------------------------------------------------------

    @Test
    void revocation_ofAnUnknownToken_is200_asRfc7009Says_andNeedsTheClient() throws Exception {
        HttpResponse<String> ok = post(endpoints.revocationEndpoint(), "token=nothing&client_id=" + endpoints.clientId(),
                "application/x-www-form-urlencoded", null);
        assertEquals(200, ok.statusCode());
        assertEquals("", ok.body());
        assertTrue(ok.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertTokenError(post(endpoints.revocationEndpoint(), "token=nothing&client_id=other",
                "application/x-www-form-urlencoded", null), 401, "invalid_client");
        assertTokenError(post(endpoints.revocationEndpoint(), "client_id=" + endpoints.clientId(),
                "application/x-www-form-urlencoded", null), 400, "invalid_request");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unregistered logout_uri | client_id=userinfo-embedded-client&logout_uri=https%3A%2F%2Fevil.example%2F | logout_uri is not one of",
            "unknown client          | client_id=other&logout_uri=http%3A%2F%2Flocalhost%3A3000%2F            | client_id names no app client",
            "no client               | logout_uri=http%3A%2F%2Flocalhost%3A3000%2F                            | client_id is missing",
            "no logout_uri           | client_id=userinfo-embedded-client                                      | logout_uri is missing",
    })
    void logout_withoutARegisteredTarget_isAPage_neverARedirect(String name, String query, String problem) throws Exception {
        HttpResponse<String> answer = get(URI.create(endpoints.logoutEndpoint() + "?" + query));

        assertEquals(400, answer.statusCode());
        assertTrue(answer.headers().firstValue("Location").isEmpty());
        assertTrue(answer.body().contains(problem), answer.body());
    }

    @Test
    void cors_discoveryJwksAndToken_answerAllowedOriginsOnly() throws Exception {
        String allowed = "http://localhost:5173";
        for (URI uri : new URI[] {endpoints.discoveryUrl(), endpoints.jwksUrl()}) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).header("Origin", allowed).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertEquals(allowed, answer.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(uri).header("Origin", "https://evil.example").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(endpoints.tokenEndpoint())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", allowed)
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, preflight.statusCode());
        assertEquals(allowed, preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(endpoints.tokenEndpoint())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode());
        HttpResponse<String> tokenError = post(endpoints.tokenEndpoint(), "grant_type=refresh_token&refresh_token=x&client_id="
                + endpoints.clientId(), "application/x-www-form-urlencoded", null, allowed);
        assertEquals(allowed, tokenError.headers().firstValue("Access-Control-Allow-Origin").orElseThrow(),
                "CORS on errors too, so the app reads them");
    }

    @Test
    void devPage_refusesFraming_andUnknownPathsAndMethodsGetJson_neverA500() throws Exception {
        HttpResponse<String> page = get(URI.create(server.baseUrl() + "/dev"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));
        assertTrue(page.body().contains("data-authorize=\"" + endpoints.authorizationEndpoint() + "\""), page.body());

        HttpResponse<String> unknown = get(URI.create(endpoints.domain() + "/nothing-here"));
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"error\":\"not_found\"}", unknown.body());
        HttpResponse<String> getToken = get(endpoints.tokenEndpoint());
        assertTrue(getToken.statusCode() == 404 || getToken.statusCode() == 405, "status " + getToken.statusCode());
    }

    // --- helpers ---------------------------------------------------------------------------

    @Test
    void confidentialClient_needsItsSecret_byBasicOrInTheBody() throws Exception {
        try (LocalServer confidential = LocalServer.start(Map.of("PORT", "0", "SIGN_IN_CLIENT_SECRET", "s3cret-of-the-dev-client"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            SignInServer.Endpoints e = confidential.identity().signIn().orElseThrow();
            String body = "grant_type=refresh_token&refresh_token=x";
            String basic = "Basic " + Base64.getEncoder().encodeToString((e.clientId() + ":s3cret-of-the-dev-client")
                    .getBytes(StandardCharsets.UTF_8));
            String wrong = "Basic " + Base64.getEncoder().encodeToString((e.clientId() + ":guess").getBytes(StandardCharsets.UTF_8));

            assertTokenError(post(e.tokenEndpoint(), body, "application/x-www-form-urlencoded", basic), 400, "invalid_grant");
            assertTokenError(post(e.tokenEndpoint(), body + "&client_id=" + e.clientId() + "&client_secret=s3cret-of-the-dev-client",
                    "application/x-www-form-urlencoded", null), 400, "invalid_grant");
            HttpResponse<String> refused = post(e.tokenEndpoint(), body, "application/x-www-form-urlencoded", wrong);
            assertTokenError(refused, 401, "invalid_client");
            assertTrue(refused.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic realm="));
            assertTokenError(post(e.tokenEndpoint(), body + "&client_id=" + e.clientId(), "application/x-www-form-urlencoded", null),
                    401, "invalid_client");
        }
    }

    private static HttpResponse<String> userAction(String username, String action) throws Exception {
        return post(URI.create(server.baseUrl() + "/dev/users/" + username + "/" + action), "{}", "application/json", null);
    }

    private static HttpResponse<String> put(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode userinfo(String token) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/userinfo"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private static int userinfoStatus(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/userinfo"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, String body, String contentType, String authorization) throws Exception {
        return post(uri, body, contentType, authorization, null);
    }

    private static HttpResponse<String> post(URI uri, String body, String contentType, String authorization, String origin)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(kv -> kv.split("=", 2)).collect(Collectors.toMap(
                kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8), (a, b) -> a, LinkedHashMap::new));
    }
}
