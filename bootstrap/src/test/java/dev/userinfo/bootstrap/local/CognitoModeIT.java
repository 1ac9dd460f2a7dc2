package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.adapter.cognito.emulator.CognitoLocal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local server's cognito mode against cognito-local: real InitiateAuth tokens, verified against
 * the emulator's key set, attributes read with AdminGetUser.
 */
class CognitoModeIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Correct-Horse-9";
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();

    private static CognitoLocal cognito;
    private static String poolId;
    private static String clientId;
    private static LocalServer server;

    @BeforeAll
    static void start() {
        cognito = CognitoLocal.start();
        poolId = cognito.createUserPool("userinfo-local-it");
        clientId = cognito.createAppClient(poolId, "frontend");
        // COGNITO_ISSUER is left to its default, <endpoint>/<pool>, which is what cognito-local signs;
        // the cache is off so that a deleted or disabled user shows on the very next request.
        server = LocalServer.start(Map.of(
                "USERINFO_MODE", "cognito",
                "PORT", "0",
                "AWS_REGION", CognitoLocal.REGION,
                "COGNITO_USER_POOL_ID", poolId,
                "COGNITO_CLIENT_IDS", clientId,
                "COGNITO_ENDPOINT", cognito.endpoint().toString(),
                "ATTRIBUTE_CACHE_TTL_SECONDS", "0"), new PrintStream(OUTPUT, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (cognito != null) {
            cognito.close();
        }
    }

    @Test
    void idTokenFromInitiateAuth_gives200WithTheNickname() throws Exception {
        cognito.createUser(poolId, "maria", PASSWORD,
                Map.of("email", "maria@example.com", "nickname", "María 🌻", "email_verified", "true"));
        CognitoLocal.Tokens tokens = cognito.initiateAuth(clientId, "maria", PASSWORD);

        HttpResponse<String> answer = userinfo(tokens.idToken());

        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals("maria", body.get("name").asText());
        assertEquals("María 🌻", body.get("nickname").asText());
        assertEquals("maria@example.com", body.get("email").asText());
        assertEquals(true, body.get("email_verified").asBoolean());
    }

    @Test
    void accessTokenFromInitiateAuth_gives200WithTheNickname() throws Exception {
        cognito.createUser(poolId, "ken", PASSWORD, Map.of("nickname", "Ken"));
        CognitoLocal.Tokens tokens = cognito.initiateAuth(clientId, "ken", PASSWORD);

        HttpResponse<String> answer = userinfo(tokens.accessToken());

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("ken", JSON.readTree(answer.body()).get("name").asText());
        assertEquals("Ken", JSON.readTree(answer.body()).get("nickname").asText());
    }

    @Test
    void userDeletedAfterSignIn_is401InvalidToken() throws Exception {
        cognito.createUser(poolId, "gone", PASSWORD, Map.of("nickname", "Gone"));
        CognitoLocal.Tokens tokens = cognito.initiateAuth(clientId, "gone", PASSWORD);
        assertEquals(200, userinfo(tokens.idToken()).statusCode());

        cognito.client().adminDeleteUser(b -> b.userPoolId(poolId).username("gone"));
        HttpResponse<String> answer = userinfo(tokens.idToken());

        assertEquals(401, answer.statusCode());
        assertEquals("{\"error\":\"invalid_token\"}", answer.body());
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
    }

    @Test
    void userDisabledAfterSignIn_is403() throws Exception {
        cognito.createUser(poolId, "dani", PASSWORD, Map.of("nickname", "Dani"));
        CognitoLocal.Tokens tokens = cognito.initiateAuth(clientId, "dani", PASSWORD);

        cognito.client().adminDisableUser(b -> b.userPoolId(poolId).username("dani"));
        HttpResponse<String> answer = userinfo(tokens.accessToken());

        assertEquals(403, answer.statusCode());
        assertEquals("{\"error\":\"user_disabled\"}", answer.body());
    }

    @Test
    void tokenForAnotherAppClient_is401() throws Exception {
        String otherClient = cognito.createAppClient(poolId, "someone-else");
        cognito.createUser(poolId, "olga", PASSWORD, Map.of());
        CognitoLocal.Tokens tokens = cognito.initiateAuth(otherClient, "olga", PASSWORD);

        HttpResponse<String> answer = userinfo(tokens.idToken());

        assertEquals(401, answer.statusCode());
        assertEquals("{\"error\":\"invalid_token\"}", answer.body());
    }

    @Test
    void banner_saysCognitoMode_andItsCurlLinesWithUsernameAndPasswordFilledIn_give200() throws Exception {
        cognito.createUser(poolId, "curly", PASSWORD, Map.of("nickname", "Curly"));
        String banner = OUTPUT.toString(StandardCharsets.UTF_8);
        assertTrue(banner.contains("cognito mode: pool " + poolId + " at " + cognito.endpoint()), banner);
        List<String> lines = LocalServerTest.curlLinesOf(banner);
        assertEquals(server.curlLines(), lines);
        Assumptions.assumeTrue(LocalServerTest.onPath("curl") && LocalServerTest.onPath("bash")
                || LocalServerTest.isCi(), "curl, sed and bash are needed to run the banner's lines");
        String script = String.join("\n", lines)
                .replace(LocalCurl.USERNAME_PLACEHOLDER, "curly")
                .replace(LocalCurl.PASSWORD_PLACEHOLDER, PASSWORD);

        Process shell = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(shell.waitFor(30, TimeUnit.SECONDS));

        assertEquals(0, shell.exitValue(), output);
        assertEquals("Curly", JSON.readTree(output).get("nickname").asText(), output);
    }

    @Test
    void bannerLines_withAWrongPassword_printCognitosError_exitNonZero_andNeverCallUserinfo() throws Exception {
        cognito.createUser(poolId, "slip", PASSWORD, Map.of("nickname", "Slip"));
        Assumptions.assumeTrue(LocalServerTest.onPath("curl") && LocalServerTest.onPath("bash")
                || LocalServerTest.isCi(), "curl and bash are needed to run the banner's lines");
        List<String> lines = server.curlLines().stream()
                .map(l -> l.replace(LocalCurl.USERNAME_PLACEHOLDER, "slip")
                        .replace(LocalCurl.PASSWORD_PLACEHOLDER, "Not-The-Password-1"))
                .toList();
        long callsBefore = userinfoCalls();

        CurlLinesTest.Shell run = CurlLinesTest.Shell.run("bash", lines, Map.of("TOKEN", "stale-token"));

        assertNotEquals(0, run.exit(), run.toString());
        assertEquals("", run.stdout(), run.toString());
        assertTrue(run.stderr().contains("curl: (22) The requested URL returned error: 400"), run.toString());
        // cognito-local's word for it; a real pool answers NotAuthorizedException, "Incorrect username or password."
        assertEquals(1, CurlLinesTest.occurrences(run.stderr(),
                "{\"__type\":\"InvalidPasswordException\",\"message\":\"Invalid password\"}"), run.toString());
        assertTrue(run.stderr().contains("no token, see the error above"), run.toString());
        assertEquals(callsBefore, userinfoCalls(), "/userinfo was called");
    }

    private static long userinfoCalls() {
        return OUTPUT.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"event\":\"request\"") && l.contains("\"route\":\"/userinfo\"")).count();
    }

    @Test
    void devRoutes_existOnlyInEmbeddedMode_hereTheyAreContract404s() throws Exception {
        for (String path : List.of("/dev", "/dev/jwks.json")) {
            HttpResponse<String> get = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, get.statusCode(), path);
            assertEquals("{\"error\":\"not_found\"}", get.body(), path);
        }
        HttpResponse<String> mint = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"maria\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, mint.statusCode());
        assertEquals("{\"error\":\"not_found\"}", mint.body());
    }

    private static HttpResponse<String> userinfo(String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/userinfo"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void cookieSessions_whenOn_startSignInAtTheConfiguredDomain_withPlainHttpCookiesForALocalhostCallback() throws Exception {
        String key = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        try (LocalServer cookies = LocalServer.start(Map.of(
                "USERINFO_MODE", "cognito",
                "PORT", "0",
                "AWS_REGION", CognitoLocal.REGION,
                "COGNITO_USER_POOL_ID", poolId,
                "COGNITO_CLIENT_IDS", clientId,
                "COGNITO_ENDPOINT", cognito.endpoint().toString(),
                "COOKIE_SESSIONS", "true",
                "COGNITO_DOMAIN", cognito.endpoint().toString(),
                "SESSION_REDIRECT_URI", "http://localhost:8080/auth/callback",
                "SESSION_KEYS", "k1:" + key), new PrintStream(banner, true, StandardCharsets.UTF_8))) {
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(cookies.baseUrl() + "/auth/login?returnTo=/app")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(302, login.statusCode(), login.body());
            String location = login.headers().firstValue("Location").orElseThrow();
            String domain = cognito.endpoint().toString().replaceAll("/$", "");
            assertTrue(location.startsWith(domain + "/oauth2/authorize?"), location);
            assertTrue(location.contains("client_id=" + clientId), location);
            assertTrue(location.contains("redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fauth%2Fcallback"), location);
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(setCookie.startsWith("userinfo-login=") && setCookie.endsWith("; Path=/; HTTPOnly; SameSite=Lax")
                    && !setCookie.contains("Secure"), setCookie);
            assertTrue(banner.toString(StandardCharsets.UTF_8).contains("the plain-http localhost variant"), banner.toString());
        }
    }
}
