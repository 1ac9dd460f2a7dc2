package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.userinfo.bootstrap.embedded.DevUsers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A real browser (Debian's headless Chromium through its chromedriver) against the local server:
 * a page on a second origin calls {@code /userinfo} with {@code fetch} (also with the tracing headers
 * an instrumented SPA adds), a third origin is not on the allowlist, and the {@code /dev} page's
 * buttons work. Skips locally without Chromium; fails in CI.
 */
class BrowserIT {

    private static final Duration WAIT = HeadlessChromium.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpServer appOrigin;
    private static HttpServer otherOrigin;
    private static LocalServer server;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireBrowser();
        byte[] page = resource("second-origin-app.html");
        appOrigin = pageServer(page);
        otherOrigin = pageServer(page);
        // An explicit allowlist: the allowed app's origin only. The local default (any 127.0.0.1 port)
        // would let the third origin in too.
        server = LocalServer.start(Map.of("PORT", "0", "ALLOWED_ORIGINS", origin(appOrigin)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        chromium = HeadlessChromium.start(800, 600);
        browser = chromium.driver();
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
        if (appOrigin != null) {
            appOrigin.stop(0);
        }
        if (otherOrigin != null) {
            otherOrigin.stop(0);
        }
    }

    @Test
    void pageOnAnAllowedOrigin_fetchesUserinfoWithAToken_andReadsTheJson() throws Exception {
        String token = mint("jose");

        open(appOrigin, token);

        assertEquals("200", text("status"));
        var body = JSON.readTree(text("body"));
        assertEquals("jose", body.get("name").asText());
        assertEquals("José Ñandú 🌮", body.get("nickname").asText());
        assertEquals("jose@example.com", body.get("email").asText());
    }

    @Test
    void tracedPageOnAnAllowedOrigin_sendingTraceparentBaggageAndSentryTrace_getsItsAnswer() throws Exception {
        String token = mint("jose");

        open(appOrigin, token, "&traced=1");

        assertEquals("200", text("status"), "the browser refused the preflight for the tracing headers");
        assertEquals("jose", JSON.readTree(text("body")).get("name").asText());
    }

    @Test
    void pageOnAnAllowedOrigin_withoutAToken_readsThe401_itsErrorBody_andTheChallenge() {
        open(appOrigin, null);

        assertEquals("401", text("status"));
        assertEquals("{\"error\":\"missing_token\"}", text("body"));
        assertEquals("Bearer realm=\"userinfo\"", text("challenge"));
    }

    @Test
    void pageOnAnAllowedOrigin_withAForgedToken_readsThe401InvalidToken() {
        open(appOrigin, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");

        assertEquals("401", text("status"));
        assertEquals("{\"error\":\"invalid_token\"}", text("body"));
        assertTrue(text("challenge").contains("error=\"invalid_token\""), text("challenge"));
    }

    @Test
    void pageOnADisallowedOrigin_isBlockedByTheBrowser_withOrWithoutAToken() throws Exception {
        String token = mint("alice");

        open(otherOrigin, token);
        String withToken = text("status");
        open(otherOrigin, null);
        String withoutToken = text("status");

        assertEquals("blocked: TypeError", withToken);
        assertEquals("blocked: TypeError", withoutToken);
    }

    @Test
    void devPage_buttonMintsATokenAndShowsTheUsersJson() throws Exception {
        browser.get(server.baseUrl() + "/dev");

        browser.findElement(By.cssSelector("button[data-username='alice'][data-token='id_token']")).click();
        waitFor(() -> text("status").endsWith("→ 200"), "the /dev page never showed alice's answer");

        String sub = DevUsers.builtIn().find("alice").orElseThrow().sub();
        // The page shows the answer indented, for reading.
        assertEquals(JSON.readTree("{\"name\":\"alice\",\"email\":\"alice@example.com\",\"nickname\":\"Alice\",\"sub\":\"" + sub
                + "\",\"email_verified\":true,\"groups\":[\"admins\"]}"), JSON.readTree(text("output")));
        assertTrue(text("output").contains("\n  \"name\": \"alice\""), text("output"));
        assertEquals(3, text("token").split("\\.", -1).length, "a JWT is shown for copying");
    }

    @Test
    void devPage_accessTokenButtonOfTheDisabledUser_shows403() throws Exception {
        browser.get(server.baseUrl() + "/dev");

        browser.findElement(By.cssSelector("button[data-username='dora'][data-token='access_token']")).click();
        waitFor(() -> text("status").endsWith("→ 403"), "the /dev page never showed dora's 403");

        assertEquals(JSON.readTree("{\"error\":\"user_disabled\"}"), JSON.readTree(text("output")));
    }

    private static void open(HttpServer origin, String token) {
        open(origin, token, "");
    }

    private static void open(HttpServer origin, String token, String extraQuery) {
        String url = origin(origin) + "/app.html?api=" + URLEncoder.encode(server.baseUrl(), StandardCharsets.UTF_8)
                + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)) + extraQuery;
        browser.get(url);
        waitFor(() -> "done".equals(text("done")), "the page's fetch never finished");
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void waitFor(Supplier<Boolean> condition, String message) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(message, e);
            }
        }
        throw new AssertionError(message + "; page text: " + browser.findElement(By.tagName("body")).getText());
    }

    private static String mint(String username) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/dev/token"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("id_token").asText();
    }

    /** A second web server on its own 127.0.0.1 port: a different origin, serving the app page. */
    private static HttpServer pageServer(byte[] page) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/app.html", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        http.start();
        return http;
    }

    private static String origin(HttpServer http) {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BrowserIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
