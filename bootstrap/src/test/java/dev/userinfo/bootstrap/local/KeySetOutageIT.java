package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.userinfo.adapter.cognito.TokenVerificationSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pool's key set endpoint going away. The server's {@code COGNITO_JWKS_URL} points at a small
 * proxy this test controls, which serves cognito-local's real key set until the test stops it; the
 * user pool itself stays up, so only the keys are missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeySetOutageIT {

    /** A key set fetch's budget (connect and read timeouts), plus a second of scheduling slack. */
    private static final Duration FETCH_BUDGET = TokenVerificationSettings.DEFAULT_CONNECT_TIMEOUT
            .plus(TokenVerificationSettings.DEFAULT_READ_TIMEOUT).plusSeconds(1);
    private static final String UNAVAILABLE = "{\"error\":\"temporarily_unavailable\"}";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static LogCapture logs;
    private static EmulatedPool pool;
    private static final List<AutoCloseable> closeLast = new ArrayList<>();

    @BeforeAll
    static void start() {
        logs = LogCapture.start();
        pool = EmulatedPool.start("key-set-outage-it", 2);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : closeLast) {
            c.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    @Order(1)
    void keySetDown_withAWarmCache_200sContinue() throws Exception {
        JwksProxy proxy = JwksProxy.start(pool.cognito.jwksUrl(pool.poolId));
        LocalServer server = server(proxy.url());
        assertTrue(proxy.requests() >= 1, "the server did not prefetch the key set through the proxy");
        for (String token : pool.tokens) {
            assertEquals(200, get(server, token).statusCode());
        }

        proxy.stop();
        assertTrue(isRefused(proxy.url()), "the key set endpoint is still up");

        for (int round = 0; round < 5; round++) {
            for (String token : pool.tokens) {
                HttpResponse<String> answer = get(server, token);
                assertEquals(200, answer.statusCode(), answer.body());
                assertTrue(answer.body().contains("\"name\":\"user"), answer.body());
            }
        }
    }

    @Test
    @Order(2)
    void keySetDown_withAColdCache_is503WithRetryAfter() throws Exception {
        JwksProxy proxy = JwksProxy.start(pool.cognito.jwksUrl(pool.poolId));
        proxy.stop();
        LocalServer server = server(proxy.url()); // starts, warning that the keys cannot be fetched yet

        assertCold503s(server, "key set endpoint refusing connections");
        assertTrue(logs.text().contains("cannot be fetched yet"), "no start-up warning about the key set");
    }

    @Test
    @Order(3)
    void keySetEndpointHanging_withAColdCache_is503WithinTheFetchBudget() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        held.add(blackHole.accept()); // accepted, and never answered
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "jwks-black-hole");
            acceptor.setDaemon(true);
            acceptor.start();
            URI url = URI.create("http://127.0.0.1:" + blackHole.getLocalPort() + "/.well-known/jwks.json");
            LocalServer server = server(url);

            assertCold503s(server, "key set endpoint accepting but never answering");
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    @Order(4)
    void logsOfTheKeySetOutages_holdNoTokenNorEmail() {
        logs.assertNoTokenNorEmail(pool.tokens, pool.emails);
    }

    /** Every answer is a 503 with Retry-After, and none waits longer than one key set fetch may take. */
    private static void assertCold503s(LocalServer server, String situation) throws Exception {
        Duration slowest = Duration.ZERO;
        for (String token : pool.tokens) {
            long started = System.nanoTime();
            HttpResponse<String> answer = get(server, token);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(503, answer.statusCode(), answer.body());
            assertEquals(UNAVAILABLE, answer.body());
            assertEquals("5", answer.headers().firstValue("Retry-After").orElse(null));
            assertTrue(took.compareTo(FETCH_BUDGET) <= 0, "took " + took.toMillis() + " ms");
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
        }
        logs.report("KeySetOutageIT: " + situation + ", cold cache: " + pool.tokens.size() + " answers 503, slowest "
                + slowest.toMillis() + " ms (budget " + FETCH_BUDGET.toMillis() + " ms)");
    }

    private static LocalServer server(URI jwksUrl) {
        LocalServer server = LocalServer.start(pool.serverEnv(Map.of("COGNITO_JWKS_URL", jwksUrl.toString())),
                logs.serverOut());
        closeLast.add(0, server);
        return server;
    }

    private static HttpResponse<String> get(LocalServer server, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/userinfo"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isRefused(URI url) {
        try {
            new Socket(url.getHost(), url.getPort()).close();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Serves the emulator's key set at a URL of its own, until stopped; counts the fetches. */
    private static final class JwksProxy {
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        private JwksProxy(URI upstream) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                try (exchange) {
                    HttpResponse<byte[]> keys = CLIENT.send(HttpRequest.newBuilder(upstream).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(keys.statusCode(), keys.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(keys.body());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        static JwksProxy start(URI upstream) throws IOException {
            return new JwksProxy(upstream);
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
        }

        int requests() {
            return requests.get();
        }

        void stop() {
            server.stop(0);
        }
    }
}
