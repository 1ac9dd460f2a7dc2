package dev.userinfo.adapter.cognito.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.session.AuthorizationCode;
import dev.userinfo.domain.session.AuthorizationRequest;
import dev.userinfo.domain.session.CodeVerifier;
import dev.userinfo.domain.session.InvalidGrantException;
import dev.userinfo.domain.session.Nonce;
import dev.userinfo.domain.session.RefreshToken;
import dev.userinfo.domain.session.State;
import dev.userinfo.domain.session.TokenGrant;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token client against a scripted stand-in: what it sends, and how each answer maps to the domain. */
class CognitoAuthorizationServerTest {

    private static final String CLIENT = "3n4b5urk1ft4fl3mg5e62d9ado";
    private static final URI CALLBACK = URI.create("https://app.example.com/auth/callback");
    private static final CodeVerifier VERIFIER = new CodeVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    /** JWT-shaped, as the OIDC response parser wants it; nothing here checks its signature. */
    private static final String ID_TOKEN = jwt("{\"sub\":\"s-1\",\"token_use\":\"id\"}");
    private static final String ID_TOKEN_2 = jwt("{\"sub\":\"s-1\",\"n\":2}");
    private static final String GRANT = "{\"id_token\":\"" + ID_TOKEN + "\",\"access_token\":\"" + jwt("{}") + "\","
            + "\"refresh_token\":\"eyJ.refresh.token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";

    private static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    private final ScriptedOAuthServer stand = ScriptedOAuthServer.start();
    private final CognitoAuthorizationServer publicClient =
            new CognitoAuthorizationServer(stand.domain(), CLIENT, Optional.empty());
    private final CognitoAuthorizationServer confidential =
            new CognitoAuthorizationServer(stand.domain(), CLIENT, Optional.of(new ClientSecret("s3cr3t")));

    @AfterEach
    void stop() {
        stand.close();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void authorizationUri_isTheCodeFlowWithPkceS256_stateAndNonce() throws Exception {
        URI uri = publicClient.authorizationUri(new AuthorizationRequest(CALLBACK, new State("st-1"), new Nonce("no-1"), VERIFIER));

        assertEquals(stand.domain() + "/oauth2/authorize", uri.getScheme() + "://" + uri.getAuthority() + uri.getPath());
        Map<String, String> q = query(uri);
        assertEquals("code", q.get("response_type"));
        assertEquals(CLIENT, q.get("client_id"));
        assertEquals(CALLBACK.toString(), q.get("redirect_uri"));
        assertEquals("openid email profile", q.get("scope"));
        assertEquals("st-1", q.get("state"));
        assertEquals("no-1", q.get("nonce"));
        assertEquals("S256", q.get("code_challenge_method"));
        // RFC 7636, appendix B: BASE64URL(SHA256(ASCII(verifier))), computed here independently.
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(VERIFIER.value().getBytes(StandardCharsets.US_ASCII)));
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", expected, "RFC 7636's own example");
        assertEquals(expected, q.get("code_challenge"));
        assertFalse(q.containsKey("code_verifier"));
    }

    @Test
    void codeExchange_publicClient_sendsClientIdAndVerifierInTheBody() {
        stand.answer(200, GRANT);

        TokenGrant grant = publicClient.exchange(new AuthorizationCode("code-1"), VERIFIER, CALLBACK);

        assertEquals(ID_TOKEN, grant.idToken().value());
        assertEquals(Duration.ofHours(1), grant.accessTokenLifetime());
        assertEquals("eyJ.refresh.token", grant.refreshToken().orElseThrow().value());
        ScriptedOAuthServer.Received sent = stand.received().get(0);
        assertEquals("/oauth2/token", sent.path());
        assertNull(sent.authorization());
        assertTrue(sent.contentType().startsWith("application/x-www-form-urlencoded"), sent.contentType());
        assertEquals(Map.of("grant_type", "authorization_code", "code", "code-1", "redirect_uri", CALLBACK.toString(),
                "code_verifier", VERIFIER.value(), "client_id", CLIENT), sent.form());
    }

    @Test
    void codeExchange_confidentialClient_authenticatesByHttpBasic() {
        stand.answer(200, GRANT);

        confidential.exchange(new AuthorizationCode("code-1"), VERIFIER, CALLBACK);

        ScriptedOAuthServer.Received sent = stand.received().get(0);
        assertEquals("Basic " + Base64.getEncoder().encodeToString((CLIENT + ":s3cr3t").getBytes(StandardCharsets.UTF_8)),
                sent.authorization());
        assertFalse(sent.form().containsKey("client_secret"));
        assertEquals(VERIFIER.value(), sent.form().get("code_verifier"));
    }

    @Test
    void refresh_sendsTheRefreshTokenGrant_andKeepsNoRefreshTokenWhenNoneIsRotated() {
        stand.answer(200, "{\"id_token\":\"" + ID_TOKEN_2 + "\",\"access_token\":\"" + jwt("{}")
                + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}");

        TokenGrant grant = publicClient.refresh(new RefreshToken("eyJ.refresh.token"));

        assertEquals(ID_TOKEN_2, grant.idToken().value());
        assertEquals(Duration.ofMinutes(5), grant.accessTokenLifetime());
        assertTrue(grant.refreshToken().isEmpty());
        assertEquals(Map.of("grant_type", "refresh_token", "refresh_token", "eyJ.refresh.token", "client_id", CLIENT),
                stand.received().get(0).form());
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_grant", "invalid_request"})
    void refusedGrant_isAnInvalidGrant(String error) {
        stand.answer(400, "{\"error\":\"" + error + "\"}");

        InvalidGrantException e = assertThrows(InvalidGrantException.class,
                () -> publicClient.exchange(new AuthorizationCode("used"), VERIFIER, CALLBACK));
        assertEquals(error, e.errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_client", "unauthorized_client", "unsupported_grant_type", "invalid_scope"})
    void refusedClient_isAMisconfiguration_neverASignOut(String error) {
        stand.answer(error.equals("invalid_client") ? 401 : 400, "{\"error\":\"" + error + "\"}");

        MisconfigurationException e = assertThrows(MisconfigurationException.class,
                () -> confidential.refresh(new RefreshToken("rt")));
        assertTrue(e.getMessage().contains(error), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void throttledOrFailing_isUnavailable(int status) {
        stand.answer(status, status == 429 ? "{\"error\":\"slow_down\"}" : "<html>oops</html>");

        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> publicClient.refresh(new RefreshToken("rt")));
        assertEquals(DependencyUnavailableException.Dependency.AUTHORIZATION_SERVER, e.dependency());
    }

    @Test
    void slowerThanTheReadTimeout_isUnavailable() {
        stand.answerAfter(CognitoAuthorizationServer.READ_TIMEOUT.toMillis() + 1_500, 200, GRANT);

        assertThrows(DependencyUnavailableException.class, () -> publicClient.refresh(new RefreshToken("rt")));
    }

    @Test
    void aDomainThatNeverCompletesTheTcpHandshake_isUnavailable_byTheConnectTimeout() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<Socket> queued = new ArrayList<>();
        // A listener that never accepts: once its queue is full the kernel drops further SYNs, so a
        // connect waits until its own timeout (or the system's, minutes later) runs out.
        try (ServerSocket listener = new ServerSocket(0, 1, loopback)) {
            InetSocketAddress address = new InetSocketAddress(loopback, listener.getLocalPort());
            boolean full = false;
            for (int i = 0; i < 16 && !full; i++) {
                Socket socket = new Socket();
                queued.add(socket);
                try {
                    socket.connect(address, 500);
                } catch (SocketTimeoutException e) {
                    full = true;
                }
            }
            assertTrue(full, "the listen queue never filled");
            CognitoAuthorizationServer silent = new CognitoAuthorizationServer(
                    URI.create("http://127.0.0.1:" + listener.getLocalPort()), CLIENT, Optional.empty());

            DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                    () -> silent.refresh(new RefreshToken("rt")));

            assertInstanceOf(SocketTimeoutException.class, e.getCause(), "the connect timeout ended the wait");
            assertTrue(e.getCause().getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect"), e.getCause().getMessage());
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void unreachable_isUnavailable() {
        CognitoAuthorizationServer nowhere = new CognitoAuthorizationServer(stand.domain(), CLIENT, Optional.empty());
        stand.close();

        assertThrows(DependencyUnavailableException.class, () -> nowhere.refresh(new RefreshToken("rt")));
    }

    @Test
    void okWithoutAnIdToken_orNotAnOAuthAnswer_isAMisconfiguration() {
        stand.answer(200, "{\"access_token\":\"" + jwt("{}") + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
        assertThrows(MisconfigurationException.class, () -> publicClient.refresh(new RefreshToken("rt")));

        stand.answer(404, "<html>no such domain</html>");
        MisconfigurationException notOAuth = assertThrows(MisconfigurationException.class,
                () -> publicClient.refresh(new RefreshToken("rt")));
        assertTrue(notOAuth.getMessage().contains("answered 404 without an OAuth error"), notOAuth.getMessage());

        stand.answer(200, "<html>a login page</html>");
        MisconfigurationException page = assertThrows(MisconfigurationException.class,
                () -> publicClient.refresh(new RefreshToken("rt")));
        assertTrue(page.getMessage().contains("answered 200 without an ID token"), page.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void okWithAnEmptyOrBlankIdToken_isAMisconfiguration(String idToken) {
        stand.answer(200, "{\"id_token\":\"" + idToken + "\",\"access_token\":\"" + jwt("{}")
                + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");

        MisconfigurationException e = assertThrows(MisconfigurationException.class,
                () -> publicClient.refresh(new RefreshToken("rt")));
        assertTrue(e.getMessage().contains("without an ID token"), e.getMessage());
    }

    @Test
    void revoke_postsTheTokenToTheRevocationEndpoint() {
        stand.answer(200, "");
        confidential.revoke(new RefreshToken("eyJ.refresh.token"));

        ScriptedOAuthServer.Received sent = stand.received().get(0);
        assertEquals("/oauth2/revoke", sent.path());
        assertEquals("eyJ.refresh.token", sent.form().get("token"));
        assertTrue(sent.authorization().startsWith("Basic "));

        stand.answer(200, "");
        publicClient.revoke(new RefreshToken("eyJ.refresh.token"));
        assertEquals(CLIENT, stand.received().get(1).form().get("client_id"));
    }

    @Test
    void revoke_failures_areThrownForTheCallerToPassOver() {
        stand.answer(503, "");
        assertThrows(DependencyUnavailableException.class, () -> publicClient.revoke(new RefreshToken("rt")));
        stand.answer(400, "{\"error\":\"unsupported_token_type\"}");
        assertEquals("unsupported_token_type",
                assertThrows(InvalidGrantException.class, () -> publicClient.revoke(new RefreshToken("rt"))).errorCode());
        stand.answer(400, "<html>bad request</html>");
        assertEquals("http_400",
                assertThrows(InvalidGrantException.class, () -> publicClient.revoke(new RefreshToken("rt"))).errorCode(),
                "a refusal without an OAuth error is named by its status");
        stand.answer(401, "{\"error\":\"invalid_client\"}");
        assertThrows(MisconfigurationException.class, () -> publicClient.revoke(new RefreshToken("rt")));
    }

    @Test
    void logoutUri_isCognitosLogoutWithClientIdAndLogoutUri() {
        URI uri = publicClient.logoutUri(URI.create("https://app.example.com/?signed=out"));

        assertEquals(stand.domain() + "/logout?client_id=" + CLIENT + "&logout_uri="
                + "https%3A%2F%2Fapp.example.com%2F%3Fsigned%3Dout", uri.toString());
    }

    @Test
    void aTrailingSlashOnTheDomain_isNotDoubled_andTheSecretNeverShows() {
        CognitoAuthorizationServer slash = new CognitoAuthorizationServer(URI.create(stand.domain() + "/"), CLIENT,
                Optional.of(new ClientSecret("s3cr3t")));

        assertTrue(slash.logoutUri(CALLBACK).toString().startsWith(stand.domain() + "/logout?"));
        assertFalse(slash.toString().contains("s3cr3t"));
        assertEquals("CognitoAuthorizationServer[" + stand.domain() + ", client " + CLIENT + ", confidential]", slash.toString());
        assertEquals("CognitoAuthorizationServer[" + stand.domain() + ", client " + CLIENT + ", public]", publicClient.toString());
        assertEquals("ClientSecret[redacted]", new ClientSecret("s3cr3t").toString());
        assertThrows(IllegalArgumentException.class, () -> new ClientSecret("has space"));
        assertThrows(IllegalArgumentException.class, () -> new ClientSecret(""));
    }
}
