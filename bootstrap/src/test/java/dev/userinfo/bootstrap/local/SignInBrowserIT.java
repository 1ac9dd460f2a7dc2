package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.userinfo.bootstrap.embedded.DevUsers;
import dev.userinfo.bootstrap.embedded.SignInServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Headless Chromium signs in through the embedded sign-in server as users would: a single-page app on
 * another origin, built on oidc-client-ts (pinned in src/test/oidc-client, installed by {@code npm ci},
 * its UMD build served by this test), redirects to the login page, a dev user's button is pressed,
 * the app completes the code + PKCE exchange, calls {@code /userinfo} with the access token, and signs
 * out through Cognito's {@code /logout}; and the {@code /dev} page's own sign-in works the same way.
 * Skips locally without Chromium or npm; fails in CI.
 *
 * <p>{@code -Ddev.screenshot=<file.png>} saves a 700 px wide screenshot of the signed-in {@code /dev} page.
 */
class SignInBrowserIT {

    private static final Path PACKAGE_DIR = Path.of("src/test/oidc-client");
    private static final Path UMD = PACKAGE_DIR.resolve("node_modules/oidc-client-ts/dist/browser/oidc-client-ts.js");
    private static final Duration WAIT = HeadlessChromium.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpServer app;
    private static LocalServer server;
    private static SignInServer.Endpoints endpoints;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireBrowser();
        installOidcClient();
        server = LocalServer.start(Map.of("PORT", "0"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        endpoints = server.identity().signIn().orElseThrow();
        app = appServer();

        chromium = HeadlessChromium.start(700, 1400);
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
        if (app != null) {
            app.stop(0);
        }
    }

    @Test
    void spaOnOidcClientTs_signsInThroughTheLoginPage_callsUserinfo_andSignsOut() throws Exception {
        String appUrl = "http://127.0.0.1:" + app.getAddress().getPort() + "/app.html";
        // No sign-in session left by another test: with one, the sign-in server answers at once, as Cognito does.
        browser.get(endpoints.discoveryUrl().toString());
        browser.manage().deleteAllCookies();
        browser.get(appUrl);
        waitFor(() -> "not signed in".equals(text("state")), "the app never started");

        browser.findElement(By.id("sign-in")).click();
        waitFor(() -> browser.getCurrentUrl().startsWith(endpoints.authorizationEndpoint().toString()),
                "the app never sent the browser to the login page");
        assertTrue(browser.getTitle().startsWith("Sign in"), browser.getTitle());
        browser.findElement(By.cssSelector("button[data-username='alice']")).click();

        waitFor(() -> "signed in".equals(text("state")), "the app never completed the sign-in");
        assertEquals("200", text("status"));
        JsonNode body = JSON.readTree(text("body"));
        assertEquals("alice", body.get("name").asText());
        assertEquals(DevUsers.builtIn().find("alice").orElseThrow().sub(), body.get("sub").asText());
        assertEquals("alice", JSON.readTree(text("claims")).get("cognito:username").asText());

        browser.findElement(By.id("sign-out")).click();
        waitFor(() -> browser.getCurrentUrl().startsWith(appUrl + "?signedout=1") && "signed out".equals(text("state")),
                "the sign-out never came back to the app");

        // Cognito's sign-in session ended too: signing in again shows the login page, not an instant code.
        browser.findElement(By.id("sign-in")).click();
        waitFor(() -> browser.getCurrentUrl().startsWith(endpoints.authorizationEndpoint().toString()),
                "signing in again did not show the login page");
        assertTrue(browser.findElements(By.cssSelector("button[data-username='jose']")).size() == 1);
    }

    @Test
    void devPage_signsInThroughTheFlow_showsTheClaims_callsUserinfo_andRefreshes() throws Exception {
        browser.get(server.baseUrl() + "/dev");
        browser.findElement(By.id("sign-in")).click();
        waitFor(() -> browser.getCurrentUrl().startsWith(endpoints.authorizationEndpoint().toString()),
                "the /dev page never sent the browser to the login page");
        browser.findElement(By.cssSelector("button[data-username='jose']")).click();

        waitFor(() -> text("flow-status").startsWith("signed in as jose"), "the /dev page never completed the sign-in");
        assertEquals(server.baseUrl() + "/dev", browser.getCurrentUrl());
        assertEquals("José Ñandú 🌮", JSON.readTree(text("id-claims")).get("nickname").asText());
        assertEquals("openid email profile", JSON.readTree(text("access-claims")).get("scope").asText());

        browser.findElement(By.id("call-userinfo")).click();
        waitFor(() -> text("status").endsWith("→ 200"), "the /dev page never showed /userinfo's answer");
        assertEquals("jose", JSON.readTree(text("output")).get("name").asText());
        assertTrue(browser.findElement(By.id("status")).getAttribute("class").contains("ok"));

        browser.findElement(By.id("refresh")).click();
        waitFor(() -> text("flow-status").equals("refresh_token grant → 200"), "the refresh never answered");

        String screenshot = System.getProperty("dev.screenshot");
        if (screenshot != null) {
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
            Files.write(Path.of(screenshot), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }

        browser.findElement(By.id("revoke")).click();
        waitFor(() -> text("flow-status").startsWith("revoke the refresh token → 200"), "the revocation never answered");
        browser.findElement(By.id("refresh")).click();
        waitFor(() -> text("flow-status").startsWith("refresh_token grant → 400: invalid_grant"),
                "a revoked refresh token still worked");
        assertTrue(browser.findElement(By.id("flow-status")).getAttribute("class").contains("warn"));
    }

    @Test
    void devPage_showsAFailingTokenEndpointPlainly() throws Exception {
        browser.get(server.baseUrl() + "/dev");
        waitFor(() -> text("switch-status").startsWith("new tokens live"), "the switches never loaded");
        browser.findElement(By.cssSelector("#failure option[value='503']")).click();
        waitFor(() -> text("switch-status").endsWith("fails with 503"), "the failure switch never applied");
        try {
            browser.findElement(By.id("sign-in")).click();
            waitFor(() -> browser.getCurrentUrl().startsWith(endpoints.authorizationEndpoint().toString()), "no login page");
            browser.findElement(By.cssSelector("button[data-username='alice']")).click();
            waitFor(() -> text("flow-status").startsWith("authorization_code grant → 503: server_error"),
                    "the failing token endpoint was not shown");
            assertTrue(browser.findElement(By.id("flow-status")).getAttribute("class").contains("bad"));
        } finally {
            browser.get(server.baseUrl() + "/dev");
            waitFor(() -> text("switch-status").startsWith("new tokens live"), "the switches never loaded");
            browser.findElement(By.cssSelector("#failure option[value='0']")).click();
            waitFor(() -> text("switch-status").endsWith("answers normally"), "the failure switch never went off");
        }
    }

    // --- the app's origin ------------------------------------------------------------------

    /** A second web server on its own 127.0.0.1 port: the app page, configured, and the library's UMD build. */
    private static HttpServer appServer() throws IOException {
        String config = JSON.writeValueAsString(Map.of("authority", endpoints.issuer(), "clientId", endpoints.clientId(),
                "api", server.baseUrl()));
        byte[] page = new String(resource("oidc-app.html"), StandardCharsets.UTF_8)
                .replace("<script src=\"/oidc-client-ts.js\">", "<script type=\"application/json\" id=\"config\">" + config
                        + "</script>\n<script src=\"/oidc-client-ts.js\">")
                .getBytes(StandardCharsets.UTF_8);
        byte[] library = Files.readAllBytes(UMD);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/app.html", exchange -> serve(exchange, "text/html; charset=utf-8", page));
        http.createContext("/oidc-client-ts.js", exchange -> serve(exchange, "text/javascript; charset=utf-8", library));
        http.start();
        return http;
    }

    private static void serve(com.sun.net.httpserver.HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    // --- helpers ---------------------------------------------------------------------------

    private static String text(String id) {
        List<org.openqa.selenium.WebElement> found = browser.findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getText();
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
        throw new AssertionError(message + "; at " + browser.getCurrentUrl() + ", page text: "
                + browser.findElement(By.tagName("body")).getText());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SignInBrowserIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    /** {@code npm ci} in src/test/oidc-client, unless node_modules is complete and not older than the lock file. */
    private static void installOidcClient() throws Exception {
        Path installed = PACKAGE_DIR.resolve("node_modules/.package-lock.json");
        if (Files.isRegularFile(UMD) && Files.isRegularFile(installed)) {
            FileTime lock = Files.getLastModifiedTime(PACKAGE_DIR.resolve("package-lock.json"));
            if (Files.getLastModifiedTime(installed).compareTo(lock) >= 0) {
                return;
            }
        }
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(PACKAGE_DIR.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            unavailable("npm is not on the PATH (" + e.getMessage() + "); the browser sign-in test installs oidc-client-ts with it");
            return;
        }
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + PACKAGE_DIR + " failed:\n" + output);
        }
    }

    /** A prerequisite (npm) is missing: skip locally, fail in CI so it is never silently untested. */
    private static void unavailable(String message) {
        if (LocalServerTest.isCi()) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message + "; skipped because CI is not set");
    }
}
