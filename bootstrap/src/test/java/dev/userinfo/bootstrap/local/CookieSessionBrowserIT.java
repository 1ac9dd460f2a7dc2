package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.userinfo.bootstrap.embedded.DevUsers;
import dev.userinfo.bootstrap.embedded.SignInServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Headless Chromium and the local server's cookie sessions, nothing configured but the app's origin:
 * a single-page app on its own {@code http://localhost} origin (served by this test) signs in by a
 * top-level navigation to {@code /auth/login?returnTo=<the app>}, the sign-in server's login page, and
 * the callback; it reads {@code /userinfo} with {@code fetch(..., {credentials: 'include', headers:
 * {'X-CSRF': '1'}})}, survives a reload, keeps working once its access token has expired (the sign-in
 * server's token-lifetime switch at 5 s; its refresh count shows the refreshes), never sees a token in
 * {@code document.cookie} or Web Storage; a page on an origin not on {@code ALLOWED_ORIGINS} (same
 * site, so the browser does send the cookie) reads nothing; and logout ends it all with a 401.
 * Skips locally without Chromium; fails in CI.
 *
 * <p>{@code -Dsignin.screenshot=<file.png>} saves a screenshot of the login page the app reached.
 */
class CookieSessionBrowserIT {

    private static final Duration WAIT = HeadlessChromium.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();

    private static HttpServer app;
    private static HttpServer hostile;
    private static LocalServer server;
    private static SignInServer.Endpoints endpoints;
    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static String api;
    private static String appOrigin;
    private static String hostileOrigin;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireBrowser();
        app = pageServer();
        hostile = pageServer();
        appOrigin = "http://localhost:" + app.getAddress().getPort();
        hostileOrigin = "http://localhost:" + hostile.getAddress().getPort();
        // Only the app's origin may read answers; the hostile page shares its site (localhost), so the
        // browser sends it the SameSite=Strict cookie, and only CORS and the CSRF check stand in the way.
        server = LocalServer.start(Map.of("PORT", "0", "ALLOWED_ORIGINS", appOrigin),
                new PrintStream(OUTPUT, true, StandardCharsets.UTF_8));
        endpoints = server.identity().signIn().orElseThrow();
        api = "http://localhost:" + URI.create(server.baseUrl()).getPort();

        chromium = HeadlessChromium.start(700, 1000);
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
        for (HttpServer s : new HttpServer[] {app, hostile}) {
            if (s != null) {
                s.stop(0);
            }
        }
    }

    @Test
    void spa_signsIn_readsUserinfo_survivesReloadAndExpiry_seesNoToken_hostileOriginReadsNothing_logoutEndsIt()
            throws Exception {
        // The sign-in server's switch: access and ID tokens live 5 s, so the session is due for a refresh
        // from the start (atExp - 60 s) and its access token has expired after a 6 s wait.
        HttpResponse<String> lifetime = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/dev/settings"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tokenLifetimeSeconds\":5}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, lifetime.statusCode(), lifetime.body());

        browser.get(appOrigin + "/");
        waitFor(() -> text("state").equals("not signed in"), "the app never asked /userinfo");
        assertEquals("401", text("status"));
        assertEquals("{\"error\":\"missing_token\"}", text("body"));

        // Top-level navigation to /auth/login, the login page of the sign-in server, back to the app.
        browser.findElement(By.id("sign-in")).click();
        waitFor(() -> browser.getCurrentUrl().startsWith(endpoints.authorizationEndpoint().toString()),
                "the app never reached the login page");
        assertTrue(browser.getCurrentUrl().contains("redirect_uri=" + java.net.URLEncoder.encode(api + "/auth/callback",
                StandardCharsets.UTF_8)), browser.getCurrentUrl());
        String screenshot = System.getProperty("signin.screenshot");
        if (screenshot != null) {
            Files.write(Path.of(screenshot), ((org.openqa.selenium.TakesScreenshot) browser)
                    .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        }
        browser.findElement(By.cssSelector("button[data-username='alice']")).click();
        waitFor(() -> browser.getCurrentUrl().equals(appOrigin + "/") && text("state").equals("signed in"),
                "the sign-in never came back to the app signed in");
        assertEquals("200", text("status"));
        JsonNode body = JSON.readTree(text("body"));
        assertEquals("alice", body.get("name").asText());
        assertEquals(DevUsers.builtIn().find("alice").orElseThrow().sub(), body.get("sub").asText());

        // The browser holds the session cookie, HttpOnly, the plain-http localhost variant.
        Cookie session = browser.manage().getCookieNamed("userinfo");
        assertNotNull(session, "no session cookie: " + browser.manage().getCookies());
        assertTrue(session.isHttpOnly());
        assertFalse(session.isSecure());
        assertEquals("Strict", session.getSameSite());
        assertNull(browser.manage().getCookieNamed("userinfo-login"), "the callback removed the pending sign-in");
        System.out.println("cookie sizes in Chromium: " + cookieSizes());

        // Reload: the session lives in the cookie only.
        browser.navigate().refresh();
        waitFor(() -> text("state").equals("signed in"), "the reloaded app was not signed in");
        long beforeExpiry = refreshes("alice");

        // Past the access token's 5 s lifetime: the next read refreshes at the token endpoint and still answers.
        Thread.sleep(6_000);
        assertEquals(200, (long) fetchStatus(appOrigin, true));
        long afterExpiry = refreshes("alice");
        assertTrue(afterExpiry > beforeExpiry, "no refresh after the access token expired: " + beforeExpiry + " then " + afterExpiry);
        assertTrue(beforeExpiry >= 1, "the due session refreshed on its first reads too: " + beforeExpiry);

        // No token where page scripts can reach: the cookies are HttpOnly and nothing is in Web Storage.
        JavascriptExecutor js = (JavascriptExecutor) browser;
        String visible = (String) js.executeScript("return document.cookie + '|' + JSON.stringify(Object.assign({},"
                + " localStorage)) + '|' + JSON.stringify(Object.assign({}, sessionStorage))");
        assertFalse(visible.contains("userinfo") || visible.contains("eyJ"), "visible to scripts: " + visible);
        assertEquals(0L, js.executeScript("return localStorage.length + sessionStorage.length"));

        // A page on another origin of the same site: the browser sends the cookie, but reads nothing.
        browser.get(hostileOrigin + "/");
        waitFor(() -> !text("state").isEmpty(), "the hostile page never loaded");
        assertEquals("TypeError", fetchError(true), "a preflighted read from a non-allowlisted origin must fail");
        int before = accessLog403s();
        assertEquals("TypeError", fetchError(false), "a simple read from a non-allowlisted origin must be unreadable");
        assertEquals(before + 1, accessLog403s(), "the cookie request without X-CSRF from " + hostileOrigin
                + " is answered 403 csrf_rejected:\n" + OUTPUT.toString(StandardCharsets.UTF_8));

        // Logout: POST with X-CSRF, then the sign-in server's /logout, back to the app; then 401.
        browser.get(appOrigin + "/");
        waitFor(() -> text("state").equals("signed in"), "the app lost its session before logout");
        browser.findElement(By.id("sign-out")).click();
        waitFor(() -> browser.getCurrentUrl().equals(appOrigin + "/") && text("state").equals("not signed in"),
                "the logout never came back to the app signed out");
        assertEquals("401", text("status"));
        assertEquals("{\"error\":\"missing_token\"}", text("body"));
        assertNull(browser.manage().getCookieNamed("userinfo"));
        assertNull(browser.manage().getCookieNamed(SignInServer.SESSION_COOKIE), "the sign-in server's session ended too");
    }

    // --- the pages -------------------------------------------------------------------------

    /**
     * The app page, on its own port: asks /userinfo on load, signs in by navigating to /auth/login,
     * signs out by POST /auth/logout and navigating to its logoutUrl. The hostile page is the same page
     * on another origin.
     */
    private static HttpServer pageServer() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = page().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        return http;
    }

    private static String page() {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>cookie app</title></head><body>
                <p id="state"></p><p id="status"></p><pre id="body"></pre>
                <button id="sign-in">Sign in</button><button id="sign-out">Sign out</button>
                <script>
                const api = "%s";
                async function read() {
                  const r = await fetch(api + "/userinfo", {credentials: "include", headers: {"X-CSRF": "1"}});
                  document.getElementById("status").textContent = r.status;
                  document.getElementById("body").textContent = await r.text();
                  document.getElementById("state").textContent = r.status === 200 ? "signed in" : "not signed in";
                }
                read().catch(e => document.getElementById("state").textContent = "refused: " + e.name);
                document.getElementById("sign-in").onclick = () => {
                  location.href = api + "/auth/login?returnTo=" + encodeURIComponent(location.origin + "/");
                };
                document.getElementById("sign-out").onclick = async () => {
                  const r = await fetch(api + "/auth/logout", {method: "POST", credentials: "include", headers: {"X-CSRF": "1"}});
                  location.href = (await r.json()).logoutUrl;
                };
                </script></body></html>
                """.formatted(api);
    }

    // --- helpers ---------------------------------------------------------------------------

    /** The status of a credentialed fetch of /userinfo from the current page, or -1 when the fetch failed. */
    private static long fetchStatus(String expectedOrigin, boolean csrf) {
        waitFor(() -> browser.getCurrentUrl().startsWith(expectedOrigin), "not on " + expectedOrigin);
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(fetchScript(csrf)
                + ".then(r => done(r.status), e => done(-1));");
        return ((Number) status).longValue();
    }

    /** The error name of a credentialed fetch of /userinfo from the current page, or its status when it could be read. */
    private static String fetchError(boolean csrf) {
        return String.valueOf(((JavascriptExecutor) browser).executeAsyncScript(fetchScript(csrf)
                + ".then(r => done('read ' + r.status), e => done(e.name));"));
    }

    private static String fetchScript(boolean csrf) {
        return "const done = arguments[arguments.length - 1]; fetch('" + api + "/userinfo', {credentials: 'include'"
                + (csrf ? ", headers: {'X-CSRF': '1'}" : "") + "})";
    }

    private static long refreshes(String username) throws Exception {
        HttpResponse<String> users = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/dev/users")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode user : JSON.readTree(users.body()).get("users")) {
            if (user.get("username").asText().equals(username)) {
                return user.get("refreshes").asLong();
            }
        }
        throw new AssertionError("no dev user " + username);
    }

    /** Access-log lines of /userinfo answered 403 csrf_rejected. */
    private static int accessLog403s() throws Exception {
        Thread.sleep(200);
        int count = 0;
        for (String line : OUTPUT.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"event\":\"request\"")) {
                JsonNode entry = JSON.readTree(line);
                if (entry.path("status").asInt() == 403 && entry.path("outcome").asText().contains("csrf")
                        && entry.toString().contains("/userinfo")) {
                    count++;
                }
            }
        }
        return count;
    }

    private static List<String> cookieSizes() {
        List<String> sizes = new ArrayList<>();
        for (Cookie cookie : browser.manage().getCookies()) {
            sizes.add(cookie.getName() + ": " + (cookie.getName().length() + 1 + cookie.getValue().length()) + " bytes");
        }
        return sizes;
    }

    private static String text(String id) {
        try {
            List<org.openqa.selenium.WebElement> found = browser.findElements(By.id(id));
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException navigatedAway) {
            return "";
        }
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
}
