package dev.userinfo.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.application.AccessLogEntry;
import dev.userinfo.application.ContractCase;
import dev.userinfo.application.ContractCases;
import dev.userinfo.domain.BearerToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the contract, over real HTTP through Javalin, on a random port. */
class UserInfoRoutesTest {

    private static final List<AccessLogEntry> LOG = new CopyOnWriteArrayList<>();
    private static UserInfoHttpServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = UserInfoHttpServer.start("127.0.0.1", 0,
                new UserInfoRoutes(ContractCases.endpoint(LOG::add)), List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<ContractCase> rows() {
        return ContractCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void contractRow_isAnsweredOverHttpExactlyAsTheContractSays(ContractCase row) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(server.baseUri() + row.path()))
                .method(row.method(), HttpRequest.BodyPublishers.noBody());
        row.requestHeaders().forEach(request::header);

        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());

        row.assertResponse(response.statusCode(), name -> response.headers().firstValue(name).orElse(null),
                response.headers().allValues("Set-Cookie"), new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void health_answers200Json_withoutTouchingTheEndpoint() throws Exception {
        int before = LOG.size();
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"ok\"}", response.body());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("Origin", response.headers().firstValue("Vary").orElseThrow(), "as every contract answer");
        assertEquals(before, LOG.size());
    }

    @Test
    void openApiJson_isDocsOpenApiYaml_asJson() throws Exception {
        int before = LOG.size();
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        Path source = Path.of("..", "docs", "openapi.yaml");
        assertEquals(new YAMLMapper().readTree(Files.readString(source)), new ObjectMapper().readTree(response.body()));
        assertEquals("3.0.3", new ObjectMapper().readTree(response.body()).get("openapi").asText());
        assertEquals(before, LOG.size(), "not a request of the contract");
    }

    @Test
    void nonAsciiBody_isSentAsUtf8Bytes() throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/userinfo"))
                        .header("Authorization", "Bearer tok.zoe.access").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"nickname\":\"Zoë 🌱\""), body);
        assertEquals(body.getBytes(StandardCharsets.UTF_8).length,
                Integer.parseInt(response.headers().firstValue("Content-Length").orElseThrow()));
    }

    /** As API Gateway routes them, and so as the Lambda answers them (docs/ROUTING.md). */
    @ParameterizedTest
    @CsvSource({
        "/userinfo/, 200",
        "/userinfo?x=1/, 200",
        "/userinfo//, 404",
        "//userinfo, 404",
        "/USERINFO, 404",
        "/userinfo/extra, 404",
        "/prod/userinfo, 404",
        "/api/userinfo, 404",
    })
    void pathsNearTheRoute_areJudgedByTheContract_asApiGatewayRoutesThem(String path, int status) throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(java.net.URI.create(server.baseUri() + path))
                        .header("Authorization", "Bearer tok.alice.id").build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(status, response.statusCode(), path);
        if (status == 404) {
            assertEquals("{\"error\":\"not_found\"}", response.body());
        }
    }

    @Test
    void methodJavalinHasNoConstantFor_isStill405FromTheContract() throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/userinfo"))
                        .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(405, response.statusCode());
        assertEquals("GET, OPTIONS", response.headers().firstValue("Allow").orElseThrow());
        assertEquals("{\"error\":\"method_not_allowed\"}", response.body());
    }

    @Test
    void headHasNoBody_butTheSameStatusAndHeadersAsTheContractGives() throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/userinfo"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(405, response.statusCode());
        assertEquals("", response.body());
        assertEquals("GET, OPTIONS", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void repeatedOriginHeaders_firstOneDecides() throws Exception {
        String raw = rawExchange("GET /userinfo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Origin: " + ContractCases.APP_ORIGIN + "\r\nOrigin: " + ContractCases.EVIL_ORIGIN + "\r\n"
                + "Authorization: Bearer tok.alice.id\r\nConnection: close\r\n\r\n");

        assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
        assertTrue(raw.contains("Access-Control-Allow-Origin: " + ContractCases.APP_ORIGIN + "\r\n"), raw);
        assertFalse(raw.contains(ContractCases.EVIL_ORIGIN), raw);
    }

    @Test
    void javalinsOwnHeaders_neverIncludeAServerVersionOrAnotherContentType() throws Exception {
        String raw = rawExchange("GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertTrue(raw.startsWith("HTTP/1.1 404"), raw);
        assertEquals(1, raw.split("(?i)\r\nContent-Type:", -1).length - 1, raw);
        assertTrue(raw.contains("\r\nContent-Type: application/json; charset=utf-8\r\n"), raw);
        assertNull(headerValue(raw, "Server"), raw);
        assertTrue(raw.endsWith("{\"error\":\"not_found\"}"), raw);
    }

    @Test
    void eachRequest_isLoggedOnceByTheEndpoint() throws Exception {
        int before = LOG.size();
        CLIENT.send(HttpRequest.newBuilder(server.baseUri().resolve("/nowhere")).build(),
                HttpResponse.BodyHandlers.discarding());
        CLIENT.send(HttpRequest.newBuilder(server.baseUri().resolve("/userinfo")).build(),
                HttpResponse.BodyHandlers.discarding());

        assertEquals(before + 2, LOG.size());
        assertEquals("not_found", LOG.get(before).outcome());
        assertEquals("missing_token", LOG.get(before + 1).outcome());
    }

    /**
     * The largest token API Gateway can deliver, one character more, and the rest of what a browser
     * sends (cookies, user agent, accept headers: 5 KiB here) still reach the contract, which answers
     * the token (401 TOO_LARGE from the verifier), not Jetty with a 431.
     */
    @ParameterizedTest
    @ValueSource(ints = {BearerToken.MAX_CHARS, BearerToken.MAX_CHARS + 1})
    void tokenAtOrPastTheCap_withABrowsersOtherHeaders_reachesTheContract(int length) throws Exception {
        String token = "a".repeat(length - 4) + ".b.c";
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/userinfo"))
                        .header("Authorization", "Bearer " + token)
                        .header("Cookie", "session=" + "c".repeat(4 * 1024))
                        .header("User-Agent", "Mozilla/5.0 " + "u".repeat(512))
                        .header("Accept-Language", "en-US,en;q=0.9," + "x".repeat(400)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(401, response.statusCode());
        assertEquals("{\"error\":\"invalid_token\"}", response.body());
    }

    @Test
    void headerLimit_leavesRoomForTheLargestTokenAndSixKibibytesMore() {
        assertEquals(BearerToken.MAX_CHARS + 6 * 1024, UserInfoHttpServer.MAX_REQUEST_HEADER_BYTES);
    }

    @Test
    void headersOverJettysLimit_get431InTheContractsJsonShape_withoutEchoingThem() throws Exception {
        String huge = "x".repeat(UserInfoHttpServer.MAX_REQUEST_HEADER_BYTES + 1);
        String raw = rawExchange("GET /userinfo HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + huge
                + "\r\nConnection: close\r\n\r\n");

        assertTrue(raw.startsWith("HTTP/1.1 431"), raw.substring(0, Math.min(200, raw.length())));
        assertEquals("application/json; charset=utf-8", headerValue(raw, "Content-Type"));
        assertEquals("no-store", headerValue(raw, "Cache-Control"));
        assertTrue(raw.endsWith("{\"error\":\"request_header_fields_too_large\"}"), raw);
        assertFalse(raw.contains("xxxx"), "the oversized header must not be echoed");
    }

    @Test
    void unparsableUri_gets400InTheContractsJsonShape() throws Exception {
        String raw = rawExchange("GET /user%zzinfo HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
        assertEquals("application/json; charset=utf-8", headerValue(raw, "Content-Type"));
        assertTrue(raw.endsWith("{\"error\":\"bad_request\"}"), raw);
        assertFalse(raw.contains("%zz"), raw);
    }

    private static String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String headerValue(String raw, String name) {
        for (String line : raw.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }
}
