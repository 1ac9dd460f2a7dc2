package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.userinfo.bootstrap.embedded.DevUsers;
import dev.userinfo.bootstrap.embedded.SignInServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A standard OIDC client library, the Nimbus OAuth 2.0 / OpenID Connect SDK (com.nimbusds:oauth2-oidc-sdk),
 * driven against the embedded sign-in server of a running local server, as an app would drive it
 * against Cognito: discovery, authorization code + PKCE (the login page's form posted as a browser
 * posts it), the ID token validated by the library (signature from the discovered JWKS, issuer,
 * audience, nonce), refresh, revocation, Cognito's sign-out; and the tokens answer 200 at {@code /userinfo}.
 */
class SignInFlowTest {

    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalServer server;
    private static SignInServer.Endpoints endpoints;
    private static OIDCProviderMetadata provider;
    private static ClientID client;

    @BeforeAll
    static void start() throws Exception {
        server = LocalServer.start(Map.of("PORT", "0"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        endpoints = server.identity().signIn().orElseThrow();
        // Discovery, as a client configured with the issuer alone finds everything else.
        provider = OIDCProviderMetadata.resolve(new Issuer(endpoints.issuer()));
        client = new ClientID(endpoints.clientId());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One sign-in's client-side values, as an app keeps them between the redirect and the callback. */
    private record Attempt(CodeVerifier verifier, State state, Nonce nonce, URI authorizationUrl) {
        static Attempt start() {
            CodeVerifier verifier = new CodeVerifier();
            State state = new State();
            Nonce nonce = new Nonce();
            URI url = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email", "profile"), client,
                    URI.create(REDIRECT))
                    .endpointURI(provider.getAuthorizationEndpointURI())
                    .state(state)
                    .nonce(nonce)
                    .codeChallenge(verifier, CodeChallengeMethod.S256)
                    .build()
                    .toURI();
            return new Attempt(verifier, state, nonce, url);
        }
    }

    @Test
    void discovery_isLaidOutAsCognitos_andSaysExactlyWhatTheServerDoes() {
        String domain = endpoints.domain().toString();
        assertTrue(domain.matches("http://localhost:\\d+"), domain);
        assertEquals(domain + "/local_Embedded", provider.getIssuer().getValue());
        assertEquals(URI.create(domain + "/oauth2/authorize"), provider.getAuthorizationEndpointURI());
        assertEquals(URI.create(domain + "/oauth2/token"), provider.getTokenEndpointURI());
        assertEquals(URI.create(domain + "/oauth2/revoke"), provider.getRevocationEndpointURI());
        assertEquals(URI.create(domain + "/logout"), provider.getEndSessionEndpointURI());
        assertEquals(URI.create(domain + "/local_Embedded/.well-known/jwks.json"), provider.getJWKSetURI());
        assertEquals(List.of(ResponseType.CODE), provider.getResponseTypes());
        assertEquals(List.of(CodeChallengeMethod.S256), provider.getCodeChallengeMethods());
        assertEquals(List.of(JWSAlgorithm.RS256), provider.getIDTokenJWSAlgs());
        assertEquals("[none]", provider.getTokenEndpointAuthMethods().toString());
    }

    @Test
    void codeFlowWithPkce_tokensAnswer200AtUserinfo_thenRefresh_thenRevoke() throws Exception {
        Attempt attempt = Attempt.start();
        LoginPageBrowser browser = new LoginPageBrowser();

        URI callback = browser.signInAs(attempt.authorizationUrl(), "alice");

        AuthorizationResponse response = AuthorizationResponse.parse(callback);
        assertTrue(response.indicatesSuccess());
        assertEquals(attempt.state(), response.getState());
        assertTrue(callback.toString().startsWith(REDIRECT + "?"), callback.toString());
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();

        OIDCTokens tokens = exchange(new AuthorizationCodeGrant(code, URI.create(REDIRECT), attempt.verifier()));
        IDTokenClaimsSet claims = validator().validate(tokens.getIDToken(), attempt.nonce());
        assertEquals(DevUsers.builtIn().find("alice").orElseThrow().sub(), claims.getSubject().getValue());
        assertEquals("alice", claims.getStringClaim("cognito:username"));
        assertEquals(AccessTokenHash.compute(tokens.getAccessToken(), JWSAlgorithm.RS256, null), claims.getAccessTokenHash());
        assertEquals(3600, tokens.getAccessToken().getLifetime());
        int refreshLength = tokens.getRefreshToken().getValue().length();
        assertTrue(refreshLength >= 1700 && refreshLength <= 1900, "Cognito-sized refresh token: " + refreshLength);

        assertUserinfo(tokens.getAccessToken(), "alice");
        assertUserinfo(new com.nimbusds.oauth2.sdk.token.BearerAccessToken(tokens.getIDTokenString()), "alice");

        OIDCTokens refreshed = exchange(new RefreshTokenGrant(tokens.getRefreshToken()));
        IDTokenClaimsSet again = validator().validate(refreshed.getIDToken(), null);
        assertNull(again.getNonce(), "no nonce after a refresh");
        assertEquals(claims.getAuthenticationTime(), again.getAuthenticationTime());
        assertEquals(claims.getStringClaim("origin_jti"), again.getStringClaim("origin_jti"));
        assertNotEquals(tokens.getAccessToken().getValue(), refreshed.getAccessToken().getValue());
        assertNull(refreshed.getRefreshToken(), "refresh tokens are not rotated, as Cognito's default");
        assertUserinfo(refreshed.getAccessToken(), "alice");

        HTTPResponse revoked = new TokenRevocationRequest(provider.getRevocationEndpointURI(), client,
                tokens.getRefreshToken()).toHTTPRequest().send();
        assertEquals(200, revoked.getStatusCode());
        assertEquals("invalid_grant", refuse(new RefreshTokenGrant(tokens.getRefreshToken())).getErrorObject().getCode());
    }

    @Test
    void signInSession_skipsTheLoginPage_untilCognitosLogoutEndsIt() throws Exception {
        LoginPageBrowser browser = new LoginPageBrowser();
        browser.signInAs(Attempt.start().authorizationUrl(), "jose");
        assertTrue(browser.sessionCookie().isPresent());

        HttpResponse<String> silent = browser.get(Attempt.start().authorizationUrl());
        assertEquals(302, silent.statusCode(), "with a session the code comes at once");
        assertTrue(silent.headers().firstValue("Location").orElseThrow().contains("code="));

        URI logout = URI.create(endpoints.logoutEndpoint() + "?client_id=" + endpoints.clientId()
                + "&logout_uri=" + java.net.URLEncoder.encode("http://localhost:3000/signed-out", StandardCharsets.UTF_8));
        HttpResponse<String> signedOut = browser.get(logout);
        assertEquals(302, signedOut.statusCode());
        assertEquals("http://localhost:3000/signed-out", signedOut.headers().firstValue("Location").orElseThrow());
        assertTrue(signedOut.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("cognito=;")
                && c.contains("Expires=Thu, 01 Jan 1970 00:00:00 GMT")), signedOut.headers().allValues("Set-Cookie").toString());
        assertFalse(browser.sessionCookie().isPresent());

        assertEquals(200, browser.get(Attempt.start().authorizationUrl()).statusCode(), "the login page again");
    }

    @Test
    void passwordForm_signsInWithTheDevPassword_andRefusesAWrongOne_inCognitosWords() throws Exception {
        LoginPageBrowser browser = new LoginPageBrowser();

        HttpResponse<String> wrong = browser.signInWithPassword(Attempt.start().authorizationUrl(), "alice", "nope");
        assertEquals(200, wrong.statusCode());
        assertTrue(wrong.body().contains("Incorrect username or password."), wrong.body());
        assertFalse(browser.sessionCookie().isPresent());

        HttpResponse<String> right = browser.signInWithPassword(Attempt.start().authorizationUrl(), "alice", DevUsers.DEFAULT_PASSWORD);
        assertEquals(302, right.statusCode(), right.body());
        assertTrue(right.headers().firstValue("Location").orElseThrow().startsWith(REDIRECT + "?code="));
    }

    @Test
    void disabledUser_cannotSignIn() throws Exception {
        HttpResponse<String> page = new LoginPageBrowser().signInWithPassword(Attempt.start().authorizationUrl(), "dora",
                DevUsers.DEFAULT_PASSWORD);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("User is disabled."), page.body());
    }

    private static IDTokenValidator validator() throws Exception {
        return new IDTokenValidator(provider.getIssuer(), client, JWSAlgorithm.RS256, provider.getJWKSetURI().toURL());
    }

    static OIDCTokens exchange(com.nimbusds.oauth2.sdk.AuthorizationGrant grant) throws Exception {
        TokenResponse response = OIDCTokenResponseParser.parse(
                new TokenRequest.Builder(provider.getTokenEndpointURI(), client, grant).build().toHTTPRequest().send());
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toJSONObject().toJSONString());
        return response.toSuccessResponse().getTokens().toOIDCTokens();
    }

    private static TokenErrorResponse refuse(com.nimbusds.oauth2.sdk.AuthorizationGrant grant) throws Exception {
        TokenResponse response = OIDCTokenResponseParser.parse(
                new TokenRequest.Builder(provider.getTokenEndpointURI(), client, grant).build().toHTTPRequest().send());
        assertFalse(response.indicatesSuccess());
        return response.toErrorResponse();
    }

    private static void assertUserinfo(AccessToken token, String username) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/userinfo"))
                .header("Authorization", token.toAuthorizationHeader()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(username, body.get("name").asText());
    }

    static RefreshToken refreshTokenOf(OIDCTokens tokens) {
        return tokens.getRefreshToken();
    }
}
