package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.adapter.cognito.cookie.JweSessionSealer;
import dev.userinfo.adapter.cognito.cookie.SecureRandomValues;
import dev.userinfo.adapter.cognito.cookie.SessionKeys;
import dev.userinfo.adapter.cognito.emulator.CognitoLocal;
import dev.userinfo.adapter.cognito.oauth.CognitoAuthorizationServer;
import dev.userinfo.application.AccessLog;
import dev.userinfo.application.AccessLogEntry;
import dev.userinfo.application.CookieScheme;
import dev.userinfo.application.CookieSessions;
import dev.userinfo.application.CorsPolicy;
import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.QueryParameters;
import dev.userinfo.application.UserInfoEndpoint;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import dev.userinfo.domain.session.AuthorizationCode;
import dev.userinfo.domain.session.AuthorizationRequest;
import dev.userinfo.domain.session.CodeVerifier;
import dev.userinfo.domain.session.CompleteSignIn;
import dev.userinfo.domain.session.InvalidGrantException;
import dev.userinfo.domain.session.Nonce;
import dev.userinfo.domain.session.RefreshToken;
import dev.userinfo.domain.session.ResumeSession;
import dev.userinfo.domain.session.SessionPolicy;
import dev.userinfo.domain.session.SignOut;
import dev.userinfo.domain.session.StartSignIn;
import dev.userinfo.domain.session.State;
import dev.userinfo.domain.session.TokenGrant;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

/**
 * The production token client (CognitoAuthorizationServer) against cognito-local 5.3.0's
 * {@code /oauth2/authorize} (its username/password form) and {@code /oauth2/token} (PKCE required,
 * {@code client_id} in the body): code exchange, refresh, refusals. cognito-local puts no
 * {@code nonce} into its ID tokens, so the whole callback, through the endpoint and every production
 * adapter, must refuse the sign-in: the check is never relaxed to suit the emulator.
 */
class SignInAgainstCognitoLocalIT {

    private static final String PASSWORD = "Passw0rd!";
    private static final URI CALLBACK = URI.create("http://127.0.0.1:9/auth/callback");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static CognitoLocal emulator;
    private static String poolId;
    private static String clientId;
    private static CognitoAuthorizationServer server;
    private static CognitoTokenParser parser;

    @BeforeAll
    static void start() {
        emulator = CognitoLocal.start();
        poolId = emulator.createUserPool("sessions");
        clientId = emulator.client().createUserPoolClient(b -> b.userPoolId(poolId).clientName("web").generateSecret(false)
                .callbackURLs(CALLBACK.toString()).allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthFlowsUserPoolClient(true)
                .allowedOAuthScopes("openid", "email", "profile")).userPoolClient().clientId();
        emulator.createUser(poolId, "alice", PASSWORD, Map.of("email", "alice@example.com"));
        server = new CognitoAuthorizationServer(emulator.endpoint(), clientId, Optional.empty());
        parser = new CognitoTokenParser(TokenVerificationSettings.of(emulator.issuer(poolId), emulator.jwksUrl(poolId),
                Set.of(clientId), Set.of(TokenUse.ID, TokenUse.ACCESS)));
    }

    @AfterAll
    static void stop() {
        if (parser != null) {
            parser.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    /** What a browser does at the authorization URL: loads the form, posts alice's password; returns the redirect. */
    private static URI signInAt(URI authorizationUri, String password) throws Exception {
        var form = HTTP.send(java.net.http.HttpRequest.newBuilder(authorizationUri).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, form.statusCode(), form.body());
        assertTrue(form.body().contains("name=\"password\""), form.body());
        Map<String, String> fields = new LinkedHashMap<>(query(authorizationUri));
        fields.keySet().retainAll(Set.of("client_id", "redirect_uri", "response_type", "code_challenge",
                "code_challenge_method", "scope", "state"));
        fields.put("username", "alice");
        fields.put("password", password);
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        var posted = HTTP.send(java.net.http.HttpRequest.newBuilder(emulator.endpoint().resolve("/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(302, posted.statusCode(), posted.body());
        return URI.create(posted.headers().firstValue("Location").orElseThrow());
    }

    private static CodeVerifier verifier() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return new CodeVerifier(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Test
    void codeExchange_thenRefresh_giveVerifiableIdTokensOfAlice() throws Exception {
        CodeVerifier verifier = verifier();
        URI back = signInAt(server.authorizationUri(new AuthorizationRequest(CALLBACK, new State("st-1"), new Nonce("no-1"),
                verifier)), PASSWORD);
        assertEquals("st-1", query(back).get("state"));

        TokenGrant grant = server.exchange(new AuthorizationCode(query(back).get("code")), verifier, CALLBACK);

        assertEquals(Duration.ofHours(1), grant.accessTokenLifetime());
        assertTrue(grant.refreshToken().isPresent());
        VerifiedIdentity identity = parser.parse(grant.idToken());
        assertEquals("alice", identity.username());
        assertEquals(TokenUse.ID, identity.tokenUse());

        TokenGrant refreshed = server.refresh(grant.refreshToken().get());
        assertEquals(identity.sub(), parser.parse(refreshed.idToken()).sub());
        assertTrue(refreshed.refreshToken().isEmpty(), "no rotation: the session keeps its refresh token");
    }

    @Test
    void aCodeWorksOnce_andOnlyWithItsVerifier() throws Exception {
        CodeVerifier verifier = verifier();
        URI back = signInAt(server.authorizationUri(new AuthorizationRequest(CALLBACK, new State("st-2"), new Nonce("no-2"),
                verifier)), PASSWORD);
        AuthorizationCode code = new AuthorizationCode(query(back).get("code"));

        assertEquals("invalid_grant", assertThrows(InvalidGrantException.class,
                () -> server.exchange(code, verifier(), CALLBACK)).errorCode(), "another browser's verifier");
        assertEquals("invalid_grant", assertThrows(InvalidGrantException.class,
                () -> server.exchange(code, verifier, CALLBACK)).errorCode(), "the code was used up by the refused attempt");

        CodeVerifier second = verifier();
        URI again = signInAt(server.authorizationUri(new AuthorizationRequest(CALLBACK, new State("st-3"), new Nonce("no-3"),
                second)), PASSWORD);
        AuthorizationCode fresh = new AuthorizationCode(query(again).get("code"));
        server.exchange(fresh, second, CALLBACK);
        assertEquals("invalid_grant", assertThrows(InvalidGrantException.class,
                () -> server.exchange(fresh, second, CALLBACK)).errorCode(), "a replayed code");
    }

    @Test
    void refusals_mapToTheDomain() {
        assertEquals("invalid_grant", assertThrows(InvalidGrantException.class,
                () -> server.refresh(new RefreshToken("not-a-refresh-token"))).errorCode());
        CognitoAuthorizationServer unknownClient = new CognitoAuthorizationServer(emulator.endpoint(), "no-such-client",
                Optional.empty());
        assertThrows(MisconfigurationException.class, () -> unknownClient.refresh(new RefreshToken("x")));
    }

    @Test
    void cognitoLocalsIdToken_carriesNoNonce_soTheSessionVerifierRefusesIt() throws Exception {
        CodeVerifier verifier = verifier();
        URI back = signInAt(server.authorizationUri(new AuthorizationRequest(CALLBACK, new State("st-4"), new Nonce("no-4"),
                verifier)), PASSWORD);
        TokenGrant grant = server.exchange(new AuthorizationCode(query(back).get("code")), verifier, CALLBACK);

        CognitoIdTokenVerifier sessions = new CognitoIdTokenVerifier(parser, clientId);
        assertEquals(InvalidTokenReason.NONCE_MISMATCH, assertThrows(InvalidTokenException.class,
                () -> sessions.verify(grant.idToken(), Optional.of(new Nonce("no-4")))).reason());
        assertEquals("alice", sessions.verify(grant.idToken(), Optional.empty()).username(), "every other check passes");
    }

    @Test
    void theWholeCallback_throughTheEndpointAndEveryProductionAdapter_refusesTheSignIn() throws Exception {
        List<AccessLogEntry> log = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        SecureRandomValues random = new SecureRandomValues();
        CognitoIdTokenVerifier verifier = new CognitoIdTokenVerifier(parser, clientId);
        GetUserInfo getUserInfo = new GetUserInfo(parser, (username, sub) -> {
            throw new AssertionError("nobody signs in, so nobody is looked up");
        });
        CookieSessions sessions = new CookieSessions(new StartSignIn(server, random, clock),
                new CompleteSignIn(server, verifier, random, clock, SessionPolicy.defaults()),
                new ResumeSession(server, verifier, getUserInfo, clock, SessionPolicy.defaults(), clientId),
                new SignOut(server), new JweSessionSealer(SessionKeys.parse("k1:" + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(new byte[32])), random), clock, CookieScheme.PLAIN_HTTP_LOCALHOST,
                CookieSessions.RedirectUris.fixed(CALLBACK), URI.create("http://127.0.0.1:9/"));
        UserInfoEndpoint endpoint = new UserInfoEndpoint(getUserInfo, CorsPolicy.of(List.of("http://127.0.0.1:*")),
                (AccessLog) log::add, Optional.of(sessions));

        HttpResponse login = endpoint.handle(new HttpRequest("GET", "/auth/login", Headers.empty(),
                QueryParameters.of(Map.of("returnTo", "/app"), null), "r-1"));
        assertEquals(302, login.status());
        String loginCookie = login.cookies().get(0).substring(0, login.cookies().get(0).indexOf(';'));
        URI back = signInAt(URI.create(login.header("Location")), PASSWORD);
        Map<String, String> callback = query(back);

        HttpResponse answer = endpoint.handle(new HttpRequest("GET", "/auth/callback",
                Headers.of(Map.of("Cookie", loginCookie)), QueryParameters.of(callback, null), "r-2"));

        assertEquals(400, answer.status());
        assertEquals("{\"error\":\"signin_failed\"}", answer.body());
        assertFalse(answer.cookies().stream().anyMatch(c -> c.startsWith("userinfo=") && !c.startsWith("userinfo=;")),
                "no session cookie: " + answer.cookies());
        assertEquals("ID_TOKEN_REJECTED:NONCE_MISMATCH", log.get(1).reason());
    }
}
