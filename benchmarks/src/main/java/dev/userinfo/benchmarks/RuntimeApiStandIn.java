package dev.userinfo.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local stand-in of the Lambda Runtime API (version 2018-06-01) for one cold start: it hands the
 * runtime one invocation and notes, on its own clock ({@link System#nanoTime()}), when the runtime
 * first asked for work (its init done) and when the answer arrived. Later requests for the next
 * invocation are held open, as Lambda holds them while no event is queued, until {@link #close()}.
 *
 * <p>Endpoints, as the AWS Lambda developer guide's "Runtime API" page describes them:
 * {@code GET /2018-06-01/runtime/invocation/next} (the event, with the
 * {@code Lambda-Runtime-Aws-Request-Id}, {@code -Deadline-Ms}, {@code -Invoked-Function-Arn} and
 * {@code -Trace-Id} headers), {@code POST .../invocation/<id>/response} and {@code .../error} (202),
 * and {@code POST /2018-06-01/runtime/init/error} (202).
 */
final class RuntimeApiStandIn implements AutoCloseable {

    /** What came of the invocation: the response body, or the error the runtime reported. */
    record Outcome(boolean answered, String body, long nextAtNanos, long doneAtNanos) {
    }

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String requestId = UUID.randomUUID().toString();
    private final byte[] event;
    private final String functionArn;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile long firstNextAtNanos;
    private boolean handedOut;

    RuntimeApiStandIn(String event, String functionArn) {
        this.event = event.getBytes(StandardCharsets.UTF_8);
        this.functionArn = functionArn;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:<port>}: the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits for the response (or error) to the one invocation. */
    Outcome await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("GET") && path.equals("invocation/next")) {
                next(exchange, now);
            } else if (exchange.getRequestMethod().equals("POST") && path.equals("invocation/" + requestId + "/response")) {
                outcome.complete(new Outcome(true, new String(body, StandardCharsets.UTF_8), firstNextAtNanos, now));
                accepted(exchange);
            } else if (exchange.getRequestMethod().equals("POST")
                    && (path.equals("invocation/" + requestId + "/error") || path.equals("init/error"))) {
                outcome.complete(new Outcome(false, path + " " + exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")
                        + " " + new String(body, StandardCharsets.UTF_8), firstNextAtNanos, now));
                accepted(exchange);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange, long now) throws IOException {
        boolean first;
        synchronized (this) {
            first = !handedOut;
            handedOut = true;
        }
        if (!first) {
            // No second event: hold the poll open until the benchmark is done with this runtime.
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        firstNextAtNanos = now;
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", requestId);
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
                "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0");
        exchange.sendResponseHeaders(200, event.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(event);
        }
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(202, ok.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(ok);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
