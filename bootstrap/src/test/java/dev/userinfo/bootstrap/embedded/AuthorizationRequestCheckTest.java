package dev.userinfo.bootstrap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The authorization endpoint's policy: a page (never a redirect) when the client or its redirect URI
 * is wrong, an error redirect carrying the state for everything else, and PKCE S256 required.
 */
class AuthorizationRequestCheckTest {

    private static final String REDIRECT = "http://localhost:3000/cb";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private final AuthorizationRequestCheck check = new AuthorizationRequestCheck(new DevAppClient("app", Optional.empty(),
            RegisteredUris.of(List.of("http://localhost:*")), RegisteredUris.of(List.of("http://localhost:*"))));

    private static Map<String, List<String>> valid() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("response_type", List.of("code"));
        p.put("client_id", List.of("app"));
        p.put("redirect_uri", List.of(REDIRECT));
        p.put("state", List.of("st<1>"));
        p.put("nonce", List.of("n-1"));
        p.put("scope", List.of("openid email"));
        p.put("code_challenge", List.of(CHALLENGE));
        p.put("code_challenge_method", List.of("S256"));
        return p;
    }

    private static Map<String, List<String>> with(String name, String... values) {
        Map<String, List<String>> p = valid();
        if (values.length == 0) {
            p.remove(name);
        } else {
            p.put(name, List.of(values));
        }
        return p;
    }

    private static Map<String, String> query(URI location) {
        return Arrays.stream(location.getRawQuery().split("&")).map(kv -> kv.split("=", 2)).collect(Collectors.toMap(
                kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8), (a, b) -> a + "," + b, LinkedHashMap::new));
    }

    @Test
    void validRequest_isAccepted_withEveryValueCarried() {
        Map<String, List<String>> p = valid();
        p.put("login_hint", List.of("alice"));

        SignInRequest request = assertInstanceOf(AuthorizationRequestCheck.Accepted.class, check.check(p)).request();

        assertEquals("app", request.clientId());
        assertEquals(REDIRECT, request.redirectUri());
        assertEquals("st<1>", request.state());
        assertEquals("n-1", request.nonce());
        assertEquals(CHALLENGE, request.codeChallenge());
        assertEquals(List.of("openid", "email"), request.scopes());
        assertEquals("alice", request.loginHint());
        assertFalse(request.forceLogin());
        assertFalse(request.noPrompt());
    }

    @Test
    void noScope_grantsAllOfTheClients_asCognito_andNoStateOrNonceIsFine() {
        Map<String, List<String>> p = valid();
        p.remove("scope");
        p.remove("state");
        p.remove("nonce");

        SignInRequest request = assertInstanceOf(AuthorizationRequestCheck.Accepted.class, check.check(p)).request();

        assertEquals(DevAppClient.SCOPES, request.scopes());
        assertNull(request.state());
        assertNull(request.nonce());
        assertNull(request.loginHint());
    }

    @Test
    void prompt_loginAndNone_areRead() {
        assertTrue(((AuthorizationRequestCheck.Accepted) check.check(with("prompt", "login"))).request().forceLogin());
        assertTrue(((AuthorizationRequestCheck.Accepted) check.check(with("prompt", "none"))).request().noPrompt());
        assertFalse(((AuthorizationRequestCheck.Accepted) check.check(with("prompt", "none"))).request().forceLogin());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "client_id missing            | client_id |                                 | client_id is missing",
            "client_id empty              | client_id | ''                              | client_id is missing",
            "client_id unknown            | client_id | other                           | client_id names no app client of this pool",
            "redirect_uri missing         | redirect_uri |                              | redirect_uri is missing",
            "redirect_uri empty           | redirect_uri | ''                           | redirect_uri is missing",
            "redirect_uri elsewhere       | redirect_uri | https://evil.example/cb      | redirect_uri is not one of the app client's callback URLs",
            "redirect_uri lookalike host  | redirect_uri | http://localhost.evil.example:3000/cb | redirect_uri is not one of the app client's callback URLs",
            "redirect_uri user info       | redirect_uri | http://localhost:3000@evil.example/ | redirect_uri is not one of the app client's callback URLs",
            "redirect_uri not a URL       | redirect_uri | 'http://localhost:3000/a b'  | redirect_uri is not one of the app client's callback URLs",
    })
    void wrongClientOrRedirectUri_getsAPage_neverARedirect(String name, String parameter, String value, String problem) {
        Map<String, List<String>> p = value == null ? with(parameter) : with(parameter, value);

        AuthorizationRequestCheck.Refused refused = assertInstanceOf(AuthorizationRequestCheck.Refused.class, check.check(p));

        assertEquals(problem, refused.problem());
    }

    @Test
    void repeatedClientIdOrRedirectUri_getsAPage() {
        assertEquals("client_id is given more than once", ((AuthorizationRequestCheck.Refused)
                check.check(with("client_id", "app", "app"))).problem());
        assertEquals("redirect_uri is given more than once", ((AuthorizationRequestCheck.Refused)
                check.check(with("redirect_uri", REDIRECT, "https://evil.example/"))).problem());
    }

    @Test
    void oversizedParameter_getsAPage_atOneCharacterOverTheCap() {
        String atCap = "s".repeat(AuthorizationRequestCheck.MAX_PARAMETER_CHARS);
        assertInstanceOf(AuthorizationRequestCheck.Accepted.class, check.check(with("state", atCap)));

        AuthorizationRequestCheck.Refused refused = assertInstanceOf(AuthorizationRequestCheck.Refused.class,
                check.check(with("state", atCap + "s")));

        assertEquals("the parameter state is longer than 2048 characters", refused.problem());
    }

    @Test
    void tooManyParameters_getsAPage() {
        Map<String, List<String>> p = valid();
        for (int i = p.size(); i < AuthorizationRequestCheck.MAX_PARAMETERS; i++) {
            p.put("x" + i, List.of("1"));
        }
        assertInstanceOf(AuthorizationRequestCheck.Accepted.class, check.check(p));
        p.put("one-more", List.of("1"));

        assertEquals("the request has more than 40 parameters",
                assertInstanceOf(AuthorizationRequestCheck.Refused.class, check.check(p)).problem());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PKCE missing          | code_challenge |                       | invalid_request | code_challenge is required (PKCE, RFC 7636)",
            "PKCE method missing   | code_challenge_method |                | invalid_request | code_challenge_method must be S256",
            "PKCE plain            | code_challenge_method | plain          | invalid_request | code_challenge_method must be S256",
            "challenge too short   | code_challenge | E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c | invalid_request | code_challenge must be 43 base64url characters (an S256 hash)",
            "challenge too long    | code_challenge | E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cMM | invalid_request | code_challenge must be 43 base64url characters (an S256 hash)",
            "challenge not b64url  | code_challenge | E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM | invalid_request | code_challenge must be 43 base64url characters (an S256 hash)",
            "implicit flow         | response_type | token                  | unsupported_response_type | response_type must be code",
            "no response_type      | response_type |                        | invalid_request | ",
            "form_post             | response_mode | form_post              | invalid_request | response_mode must be query",
            "fragment              | response_mode | fragment               | invalid_request | response_mode must be query",
            "request object        | request | eyJhbGciOiJub25lIn0.e30.  | invalid_request | request objects are not supported",
            "unknown scope         | scope | openid admin                   | invalid_scope | unknown scope",
            "prompt none and login | prompt | none login                    | invalid_request | ",
    })
    void anythingElseWrong_redirectsBackWithTheErrorAndTheState(String name, String parameter, String value,
            String error, String description) {
        Map<String, List<String>> p = value == null ? with(parameter) : with(parameter, value);

        AuthorizationRequestCheck.Redirect redirect = assertInstanceOf(AuthorizationRequestCheck.Redirect.class, check.check(p));

        assertTrue(redirect.location().toString().startsWith(REDIRECT + "?"), redirect.location().toString());
        Map<String, String> query = query(redirect.location());
        assertEquals(error, query.get("error"));
        assertEquals(error, redirect.error());
        assertEquals("st<1>", query.get("state"));
        if (description != null) {
            assertEquals(description, query.get("error_description"));
        }
        assertFalse(query.containsKey("code"));
    }

    @Test
    void repeatedState_redirectsWithInvalidRequest_withoutEchoingEitherValue() {
        AuthorizationRequestCheck.Redirect redirect = assertInstanceOf(AuthorizationRequestCheck.Redirect.class,
                check.check(with("state", "a", "b")));

        Map<String, String> query = query(redirect.location());
        assertEquals("invalid_request", query.get("error"));
        assertFalse(query.containsKey("state"));
    }

    @Test
    void errorRedirect_keepsTheRedirectUrisOwnQuery() {
        AuthorizationRequestCheck.Redirect redirect = assertInstanceOf(AuthorizationRequestCheck.Redirect.class,
                check.check(withBoth("http://localhost:3000/cb?tenant=7")));

        assertEquals("7", query(redirect.location()).get("tenant"));
        assertEquals("invalid_request", query(redirect.location()).get("error"));
    }

    /** A request to this redirect URI that lacks its PKCE challenge. */
    private static Map<String, List<String>> withBoth(String redirectUri) {
        Map<String, List<String>> p = with("redirect_uri", redirectUri);
        p.remove("code_challenge");
        return p;
    }

    @Test
    void errorDescription_isAsciiWithoutQuotesOrBackslashes() {
        URI location = AuthorizationRequestCheck.errorLocation(URI.create(REDIRECT),
                com.nimbusds.oauth2.sdk.OAuth2Error.INVALID_REQUEST, "bad \"x\" \\ é", null);

        assertEquals("bad x  ", query(location).get("error_description"));
    }

    /** Each prompt value sets its own flag only; a request without prompt sets neither. */
    @Test
    void prompt_setsOnlyItsOwnFlag() {
        SignInRequest login = assertInstanceOf(AuthorizationRequestCheck.Accepted.class, check.check(with("prompt", "login"))).request();
        assertFalse(login.noPrompt());
        SignInRequest plain = assertInstanceOf(AuthorizationRequestCheck.Accepted.class, check.check(valid())).request();
        assertFalse(plain.noPrompt());
        assertFalse(plain.forceLogin());
    }

    /** response_mode=query is what this server answers with anyway: named explicitly, it is accepted. */
    @Test
    void explicitQueryResponseMode_isAccepted() {
        assertInstanceOf(AuthorizationRequestCheck.Accepted.class, check.check(with("response_mode", "query")));
    }

    /** An empty nonce or login_hint is no value at all, never an empty one carried into the ID token. */
    @Test
    void emptyNonceOrLoginHint_isAbsent() {
        assertNull(assertInstanceOf(AuthorizationRequestCheck.Accepted.class, check.check(with("nonce", ""))).request().nonce());
        assertNull(assertInstanceOf(AuthorizationRequestCheck.Accepted.class, check.check(with("login_hint", ""))).request()
                .loginHint());
        assertEquals("alice", assertInstanceOf(AuthorizationRequestCheck.Accepted.class, check.check(with("login_hint", "alice")))
                .request().loginHint());
    }

    /** An error without a description redirects without error_description (RFC 6749, 4.1.2.1: it is optional). */
    @Test
    void errorLocation_withoutADescription_hasNoErrorDescription() {
        URI location = AuthorizationRequestCheck.errorLocation(URI.create(REDIRECT),
                com.nimbusds.oauth2.sdk.OAuth2Error.ACCESS_DENIED, null, null);

        Map<String, String> query = query(location);
        assertEquals("access_denied", query.get("error"));
        assertFalse(query.containsKey("error_description"), location.toString());
        assertFalse(query.containsKey("state"), location.toString());
    }
}
