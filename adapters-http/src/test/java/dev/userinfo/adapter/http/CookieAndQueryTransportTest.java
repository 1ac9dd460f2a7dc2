package dev.userinfo.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.RequestOutcome;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cookies and query parameters over real HTTP through the local server's translation. */
class CookieAndQueryTransportTest {

    private static final List<String> TWO_COOKIES = List.of(
            "__Host-userinfo=abc; Max-Age=600; Path=/; Secure; HttpOnly; SameSite=Strict",
            "__Host-userinfo-login=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Javalin app;

    @BeforeAll
    static void start() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/cookies", ctx -> UserInfoRoutes.write(ctx, new HttpResponse(303,
                    Map.of("Location", "/"), TWO_COOKIES, "", new RequestOutcome("signed_in", null, null))));
            config.routes.get("/echo", ctx -> {
                HttpRequest request = UserInfoRoutes.toRequest(ctx);
                ctx.json(Map.of("query", request.query().asMap(), "cookie", request.headers().all("Cookie")));
            });
        }).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
    }

    @Test
    void twoCookies_goOutAsTwoSetCookieLines_unchanged_inOrder() throws Exception {
        var response = CLIENT.send(java.net.http.HttpRequest.newBuilder(uri("/cookies")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertEquals(303, response.statusCode());
        assertEquals(TWO_COOKIES, response.headers().allValues("Set-Cookie"));
        assertEquals(List.of("/"), response.headers().allValues("Location"));
    }

    @Test
    void queryIsDecoded_repeatedNamesKept_andCookiesArriveInTheCookieHeader() throws Exception {
        var response = CLIENT.send(java.net.http.HttpRequest.newBuilder(
                        uri("/echo?returnTo=%2Fa%2Fb%3Fx%3D1&scope=openid+email&dup=1&dup=2"))
                .header("Cookie", "__Host-userinfo=abc; theme=dark").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        var body = JSON.readTree(response.body());
        assertEquals("/a/b?x=1", body.at("/query/returnTo/0").asText());
        assertEquals("openid email", body.at("/query/scope/0").asText());
        assertEquals(2, body.at("/query/dup").size());
        assertEquals("2", body.at("/query/dup/1").asText());
        assertEquals("__Host-userinfo=abc; theme=dark", body.at("/cookie/0").asText());
    }
}
