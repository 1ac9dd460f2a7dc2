package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.userinfo.application.CookieScheme;
import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the local server's cookie sessions pick their redirect and sign-out targets from a request. */
class LocalCookieSessionsTest {

    private static HttpRequest request(String host, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (host != null) {
            headers.put("Host", host);
        }
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return new HttpRequest("GET", "/auth/login", Headers.of(headers), "req-1");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NONE", value = {
            "localhost:8080, http://localhost:8080/auth/callback",
            "127.0.0.1:8080, http://127.0.0.1:8080/auth/callback",
            "LocalHost:8080, http://localhost:8080/auth/callback",
            "'[::1]:8080', 'http://[::1]:8080/auth/callback'",
            "localhost, http://localhost/auth/callback",
            // Not loopback (a DNS-rebinding page, a proxy that passes its own Host): the port the server listens on.
            "evil.example:8080, http://localhost:4711/auth/callback",
            "localhost.evil.example, http://localhost:4711/auth/callback",
            "127.0.0.2:8080, http://localhost:4711/auth/callback",
            "'localhost:8080/x', http://localhost:4711/auth/callback",
            "localhost:123456, http://localhost:4711/auth/callback",
            "NONE, http://localhost:4711/auth/callback"})
    void redirectUri_followsALoopbackHost_elseLocalhostAndTheListeningPort(String host, String expected) {
        assertEquals(URI.create(expected), LocalCookieSessions.followingTheHost(() -> 4711).forRequest(request(host, null)));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NONE", value = {
            "localhost:8080, http://localhost:5173, http://localhost:5173/",
            "localhost:8080, http://127.0.0.1:3000, http://127.0.0.1:3000/",
            "127.0.0.1:8080, NONE, http://127.0.0.1:8080/dev",
            "localhost:8080, https://app.example.com, http://localhost:8080/dev",
            "localhost:8080, http://localhost:5173/path, http://localhost:8080/dev",
            "localhost:8080, http://evil.example, http://localhost:8080/dev",
            "localhost:8080, null, http://localhost:8080/dev",
            "evil.example, NONE, http://localhost:4711/dev"})
    void logoutUri_isTheAskingLoopbackApp_elseTheDevPage(String host, String origin, String expected) {
        assertEquals(URI.create(expected), LocalCookieSessions.toTheAskingApp(() -> 4711).forRequest(request(host, origin)));
    }

    @ParameterizedTest
    @CsvSource({"https://localhost:8443/auth/callback, HOST_PREFIXED", "http://localhost:8080/auth/callback, PLAIN_HTTP_LOCALHOST"})
    void cognitoMode_cookieScheme_followsTheCallbacksScheme(String redirect, CookieScheme expected) {
        assertEquals(expected, LocalCookieSessions.schemeFor(URI.create(redirect)));
    }
}
