package dev.userinfo.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.config.JavalinConfig;
import io.javalin.util.JavalinBindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Listening on both loopback addresses with one port, as {@code localhost} may resolve to either. */
class UserInfoHttpServerTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final List<Consumer<JavalinConfig>> HELLO = List.of(config -> config.routes.get("/hello", ctx -> ctx.result("hi")));

    @Test
    void bothLoopbackAddresses_answerOnTheSamePickedPort() throws Exception {
        assumeIpv6Loopback();
        try (UserInfoHttpServer server = UserInfoHttpServer.serve(List.of("127.0.0.1", "::1"), 0, HELLO)) {
            assertEquals(List.of("127.0.0.1", "::1"), server.hosts());
            assertEquals("hi", get("http://127.0.0.1:" + server.port() + "/hello"));
            assertEquals("hi", get("http://[::1]:" + server.port() + "/hello"));
            assertEquals(URI.create("http://127.0.0.1:" + server.port()), server.baseUri());
        }
    }

    @Test
    void aFixedPortTakenOnTheSecondAddress_refusesToStart() throws Exception {
        assumeIpv6Loopback();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            int port = taken.getLocalPort();

            assertThrows(JavalinBindException.class,
                    () -> UserInfoHttpServer.serve(List.of("127.0.0.1", "::1"), port, HELLO).close());
            // and the first address was let go again
            try (ServerSocket again = new ServerSocket()) {
                again.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            }
        }
    }

    @Test
    void anAddressThisMachineDoesNotHave_isSkipped_theFirstStillServes() throws Exception {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
        try (UserInfoHttpServer server = UserInfoHttpServer.serve(List.of("127.0.0.1", "192.0.2.1"), 0, HELLO)) {
            assertEquals(List.of("127.0.0.1"), server.hosts());
            assertEquals("hi", get(server.baseUri() + "/hello"));
        }
    }

    @Test
    void noAddressAtAll_isAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> UserInfoHttpServer.serve(List.of(), 0, HELLO));
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static void assumeIpv6Loopback() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        } catch (Exception e) {
            Assumptions.abort("this machine has no IPv6 loopback: " + e);
        }
    }
}
