package dev.userinfo.adapter.cognito;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A key set endpoint on 127.0.0.1 (a free port) that answers whatever a test sets, and counts the
 * requests it received: the JWKS a parser fetches over real HTTP, or an attacker's URL that must
 * never be fetched.
 */
final class JwksTestServer implements AutoCloseable {

    private record Answer(int status, byte[] body, String location, Duration delay) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Answer answer = new Answer(404, new byte[0], null, Duration.ZERO);

    private JwksTestServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "jwks-test-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Answer current = answer;
            try (exchange) {
                if (!current.delay().isZero()) {
                    Thread.sleep(current.delay().toMillis());
                }
                if (current.location() != null) {
                    exchange.getResponseHeaders().set("Location", current.location());
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(current.status(), current.body().length == 0 ? -1 : current.body().length);
                if (current.body().length > 0) {
                    exchange.getResponseBody().write(current.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    static JwksTestServer start() {
        return new JwksTestServer();
    }

    /** The URL of the key set (any path answers the same). */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    JwksTestServer serve(JWKSet keys) {
        return answer(200, keys.toString());
    }

    JwksTestServer answer(int status, String body) {
        answer = new Answer(status, body.getBytes(StandardCharsets.UTF_8), null, answer.delay());
        return this;
    }

    JwksTestServer redirectTo(URI location) {
        answer = new Answer(302, new byte[0], location.toString(), answer.delay());
        return this;
    }

    JwksTestServer delay(Duration delay) {
        answer = new Answer(answer.status(), answer.body(), answer.location(), delay);
        return this;
    }

    /** How many requests reached this server so far. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
