package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.embedded.DevUser;
import dev.userinfo.bootstrap.embedded.DevUsers;
import dev.userinfo.bootstrap.embedded.EmbeddedTokenIssuer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
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

/** The local server in its default embedded mode, over real HTTP on a random port. */
class LocalServerTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();
    private static LocalServer server;

    @BeforeAll
    static void start() {
        server = LocalServer.start(Map.of("PORT", "0"), new PrintStream(OUTPUT, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void defaultMode_isEmbedded_andListensOnLoopbackOnly() {
        assertEquals(UserInfoConfig.Mode.EMBEDDED, server.mode());
        assertTrue(server.baseUrl().startsWith("http://127.0.0.1:"), server.baseUrl());
    }

    @Test
    void devToken_roundTrip_idTokenGivesTheUsersJson() throws Exception {
        JsonNode tokens = mint("alice");
        DevUser alice = DevUsers.builtIn().find("alice").orElseThrow();

        HttpResponse<String> answer = userinfo(tokens.get("id_token").asText(), null);

        assertEquals(200, answer.statusCode());
        assertEquals("{\"name\":\"alice\",\"email\":\"alice@example.com\",\"nickname\":\"Alice\",\"sub\":\""
                + alice.sub() + "\",\"email_verified\":true,\"groups\":[\"admins\"]}", answer.body());
        assertEquals("application/json; charset=utf-8", answer.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void devToken_answersInTheNamesOfCognitosTokenEndpoint() throws Exception {
        HttpResponse<String> response = post("/dev/token", "{\"username\":\"alice\"}", Map.of());

        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(List.of("id_token", "access_token", "token_type", "expires_in"), fieldNames(body));
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(3600, body.get("expires_in").asInt());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void devToken_accessToken_isAcceptedToo() throws Exception {
        HttpResponse<String> answer = userinfo(mint("alice").get("access_token").asText(), null);

        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().startsWith("{\"name\":\"alice\""), answer.body());
    }

    @Test
    void nonAsciiNickname_arrivesIntactAsUtf8() throws Exception {
        HttpResponse<String> answer = userinfo(mint("jose").get("id_token").asText(), null);

        assertEquals(200, answer.statusCode());
        assertEquals("José Ñandú 🌮", JSON.readTree(answer.body()).get("nickname").asText());
        assertEquals(false, JSON.readTree(answer.body()).get("email_verified").asBoolean());
        assertEquals("[]", JSON.readTree(answer.body()).get("groups").toString());
    }

    @Test
    void disabledDevUser_getsATokenButUserinfoSays403() throws Exception {
        HttpResponse<String> answer = userinfo(mint("dora").get("id_token").asText(), null);

        assertEquals(403, answer.statusCode());
        assertEquals("{\"error\":\"user_disabled\"}", answer.body());
    }

    @Test
    void unknownUsername_is404WithAJsonError() throws Exception {
        HttpResponse<String> response = post("/dev/token", "{\"username\":\"mallory\"}", Map.of());

        assertEquals(404, response.statusCode());
        assertEquals("unknown_user", JSON.readTree(response.body()).get("error").asText());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void bodyWithoutAUsername_is400WithAJsonError() throws Exception {
        for (String body : List.of("", "not json", "[]", "{\"user\":\"alice\"}", "{\"username\":42}",
                "{\"username\":\"   \"}")) {
            HttpResponse<String> response = post("/dev/token", body, Map.of());

            assertEquals(400, response.statusCode(), body);
            assertEquals("invalid_request", JSON.readTree(response.body()).get("error").asText(), body);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void devToken_withAnotherMethod_is405WithAllow_inTheContractsShape(String method) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/dev/token"))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173").build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(405, response.statusCode());
        assertEquals("POST, OPTIONS", response.headers().firstValue("Allow").orElseThrow());
        assertEquals("{\"error\":\"method_not_allowed\"}", response.body());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("Origin", response.headers().firstValue("Vary").orElseThrow());
        assertEquals("http://localhost:5173", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void devToken_fromAnAllowedOrigin_carriesCors_andItsPreflightSucceeds() throws Exception {
        String origin = "http://localhost:5173";
        HttpResponse<String> preflight = CLIENT.send(HttpRequest.newBuilder(uri("/dev/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,traceparent").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> minted = post("/dev/token", "{\"username\":\"alice\"}", Map.of("Origin", origin));

        assertEquals(204, preflight.statusCode());
        assertEquals(origin, preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("POST, OPTIONS", preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
        // The same allowlist as /userinfo (X-CSRF with embedded mode's cookie sessions): a traced SPA's
        // fetch of a token carries traceparent too.
        assertEquals("Authorization, Content-Type, X-CSRF, traceparent, tracestate, baggage, sentry-trace",
                preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
        assertEquals(200, minted.statusCode());
        assertEquals(origin, minted.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void devToken_fromADisallowedOrigin_hasNoCors_andItsPreflightIsRefused() throws Exception {
        String origin = "https://evil.example.com";
        HttpResponse<String> preflight = CLIENT.send(HttpRequest.newBuilder(uri("/dev/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> minted = post("/dev/token", "{\"username\":\"alice\"}", Map.of("Origin", origin));

        assertEquals(403, preflight.statusCode());
        assertEquals("{\"error\":\"origin_not_allowed\"}", preflight.body());
        assertTrue(minted.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void forgedToken_signedByAnotherKeyWithTheSameKid_is401() throws Exception {
        JsonNode tokens = mint("alice");
        SignedJWT genuine = SignedJWT.parse(tokens.get("id_token").asText());
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(attacker.getKeyID()).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder(genuine.getJWTClaimsSet()).build());
        forged.sign(new RSASSASigner(attacker));

        HttpResponse<String> answer = userinfo(forged.serialize(), null);

        assertEquals(401, answer.statusCode());
        assertEquals("{\"error\":\"invalid_token\"}", answer.body());
    }

    @Test
    void unsignedTokenNamingAUser_is401_theOriginalEndpointsHole() throws Exception {
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"cognito:username\":\"alice\",\"token_use\":\"id\",\"iss\":\"" + server.identity().signIn().orElseThrow().issuer()
                        + "\",\"aud\":\"" + server.identity().signIn().orElseThrow().clientId() + "\",\"sub\":\"x\",\"exp\":4102444800}")
                        .getBytes(StandardCharsets.UTF_8));
        String none = "eyJhbGciOiJub25lIn0." + payload + ".";

        HttpResponse<String> answer = userinfo(none, null);

        assertEquals(401, answer.statusCode());
        assertEquals("{\"error\":\"invalid_token\"}", answer.body());
    }

    @Test
    void userinfoAndDevRoutes_doNotShadowEachOther_otherPathsStayContract404() throws Exception {
        HttpResponse<String> devOther = CLIENT.send(HttpRequest.newBuilder(uri("/dev/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> userinfoChild = CLIENT.send(HttpRequest.newBuilder(uri("/userinfo/dev/token")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, devOther.statusCode());
        assertEquals("{\"error\":\"not_found\"}", devOther.body());
        assertEquals(404, userinfoChild.statusCode());
        assertEquals("{\"error\":\"not_found\"}", userinfoChild.body());
    }

    @Test
    void devPage_listsTheUsers_withButtonsAndCurlLines_andEscapesUserText() throws Exception {
        HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(uri("/dev")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().matches("text/html; ?charset=utf-8"));
        for (DevUser user : DevUsers.builtIn().all()) {
            assertTrue(page.body().contains("<button type=\"button\" data-username=\"" + user.username() + "\""),
                    user.username());
        }
        assertTrue(page.body().contains("José Ñandú 🌮"));
        assertTrue(page.body().contains(LocalCurl.embedded(server.baseUrl(), "jose").get(0)
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;")));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
    }

    @Test
    void jwks_isServedForAnyoneCurious_publicPartsOnly() throws Exception {
        HttpResponse<String> jwks = CLIENT.send(HttpRequest.newBuilder(uri("/dev/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        String kid = SignedJWT.parse(mint("alice").get("id_token").asText()).getHeader().getKeyID();

        assertEquals(200, jwks.statusCode());
        JsonNode key = JSON.readTree(jwks.body()).get("keys").get(0);
        assertEquals(kid, key.get("kid").asText());
        assertNull(key.get("d"));
    }

    @Test
    void banner_saysModeAndUrl_andItsCurlLinesReallyWork() throws Exception {
        String banner = OUTPUT.toString(StandardCharsets.UTF_8);
        assertTrue(banner.contains("embedded mode"), banner);
        assertTrue(banner.contains("listening on " + server.baseUrl()), banner);
        assertTrue(banner.contains("OpenAPI document: " + server.baseUrl() + "/openapi.json"), banner);
        int port = java.net.URI.create(server.baseUrl()).getPort();
        assertTrue(banner.contains("cookie sessions: on, signing in at the sign-in server above"), banner);
        assertTrue(banner.contains("  sign in:  http://localhost:" + port + "/auth/login?returnTo=<your app's URL>"), banner);
        assertTrue(banner.contains("  cookies:  userinfo and userinfo-login, the plain-http localhost variant: no Secure,"
                + " no __Host- prefix (local development only; deployments send __Host-userinfo, Secure)"), banner);
        List<String> curl = curlLinesOf(banner);
        assertEquals(server.curlLines(), curl);
        Assumptions.assumeTrue(onPath("curl") && onPath("sed") && onPath("bash") || isCi(),
                "curl, sed and bash are needed to run the banner's lines");

        Process shell = new ProcessBuilder("bash", "-c", String.join("\n", curl)).redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(shell.waitFor(30, TimeUnit.SECONDS));

        assertEquals(0, shell.exitValue(), output);
        assertEquals("alice", JSON.readTree(output).get("name").asText(), output);
        assertEquals("Alice", JSON.readTree(output).get("nickname").asText(), output);
    }

    @Test
    void closedServer_freesItsPort_andSaysSo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalServer other = LocalServer.start(Map.of("PORT", "0"), new PrintStream(out, true, StandardCharsets.UTF_8));
        URI health = URI.create(other.baseUrl() + "/health");
        assertEquals(200, CLIENT.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());

        other.close();
        other.close();

        assertThrows(ConnectException.class, () -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.split("userinfo: stopped", -1).length - 1, printed);
    }

    @Test
    void cognitoModeWithoutItsVariables_refusesToStart_namingTheFirstMissingOne() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> LocalServer.start(Map.of("USERINFO_MODE", "cognito", "PORT", "0"), System.out));

        assertEquals("AWS_REGION: is required but not set", e.getMessage());
    }

    @Test
    void devUsersFile_replacesTheSamples() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("users", ".json");
        java.nio.file.Files.writeString(file,
                "[{\"username\":\"kim\",\"attributes\":{\"nickname\":\"김\"},\"groups\":[\"ops\"]}]");
        try (LocalServer custom = LocalServer.start(Map.of("PORT", "0", "USERINFO_DEV_USERS", file.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            HttpResponse<String> minted = CLIENT.send(HttpRequest.newBuilder(URI.create(custom.baseUrl() + "/dev/token"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"kim\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = JSON.readTree(minted.body()).get("id_token").asText();
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(custom.baseUrl() + "/userinfo"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> alice = CLIENT.send(HttpRequest.newBuilder(URI.create(custom.baseUrl() + "/dev/token"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, answer.statusCode());
            assertEquals("김", JSON.readTree(answer.body()).get("nickname").asText());
            assertEquals("[\"ops\"]", JSON.readTree(answer.body()).get("groups").toString());
            assertEquals(404, alice.statusCode());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** The lines under "try it:" in a banner, as a reader would copy them. */
    static List<String> curlLinesOf(String banner) {
        List<String> lines = banner.lines().toList();
        int start = lines.indexOf("  try it:");
        assertTrue(start >= 0, banner);
        return lines.subList(start + 1, lines.size()).stream()
                .takeWhile(l -> l.startsWith("    "))
                .map(String::strip)
                .toList();
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static JsonNode mint(String username) throws Exception {
        HttpResponse<String> response = post("/dev/token", "{\"username\":\"" + username + "\"}", Map.of());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> userinfo(String token, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/userinfo")).header("Authorization", "Bearer " + token);
        if (origin != null) {
            b.header("Origin", origin);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
