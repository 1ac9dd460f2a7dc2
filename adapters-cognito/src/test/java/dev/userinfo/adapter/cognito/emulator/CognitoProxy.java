package dev.userinfo.adapter.cognito.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test harness: a proxy on a free 127.0.0.1 port in front of a Cognito API (cognito-local) that a
 * test points a server's {@code COGNITO_ENDPOINT} at and controls. It forwards every call, or answers
 * every call itself as a Cognito in trouble would: throttled ({@code TooManyRequestsException}, HTTP
 * 400, as Cognito's JSON protocol sends it), failing ({@code InternalErrorException}, HTTP 500), or
 * accepting the request and never answering. It counts the {@code AdminGetUser} requests it received,
 * each SDK attempt on its own, and the calls among them (first attempts).
 */
public final class CognitoProxy implements AutoCloseable {

    /** What the proxy does with each call. */
    public enum Mode {
        FORWARD,
        THROTTLE,
        SERVER_ERROR,
        HANG
    }

    private static final String ADMIN_GET_USER = "AWSCognitoIdentityProviderService.AdminGetUser";
    /** Headers the SDK sends that the JDK client may forward (it sets Host, Content-Length and the like itself). */
    private static final List<String> FORWARDED = List.of("Content-Type", "X-Amz-Target", "Authorization", "X-Amz-Date",
            "amz-sdk-invocation-id", "amz-sdk-request");

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cognito-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger adminGetUserRequests = new AtomicInteger();
    private final AtomicInteger adminGetUserCalls = new AtomicInteger();
    private volatile Mode mode = Mode.FORWARD;
    private volatile CountDownLatch hanging = new CountDownLatch(1);

    private CognitoProxy(URI upstream) {
        this.upstream = upstream;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy forwarding to {@code upstream} (e.g. {@link CognitoLocal#endpoint()}). */
    public static CognitoProxy start(URI upstream) {
        return new CognitoProxy(upstream);
    }

    /** Where to point {@code COGNITO_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, every call gets this treatment; leaving {@link Mode#HANG} lets the held calls go. */
    public void mode(Mode newMode) {
        Mode old = mode;
        mode = newMode;
        if (old == Mode.HANG && newMode != Mode.HANG) {
            hanging.countDown();
            hanging = new CountDownLatch(1);
        }
    }

    /** AdminGetUser HTTP requests received, the SDK's retries of a call included. */
    public int adminGetUserRequests() {
        return adminGetUserRequests.get();
    }

    /** AdminGetUser calls received: first attempts only. */
    public int adminGetUserCalls() {
        return adminGetUserCalls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (ADMIN_GET_USER.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                adminGetUserRequests.incrementAndGet();
                String attempt = exchange.getRequestHeaders().getFirst("amz-sdk-request");
                if (attempt == null || attempt.equals("attempt=1") || attempt.startsWith("attempt=1;")) {
                    adminGetUserCalls.incrementAndGet();
                }
            }
            switch (mode) {
                case THROTTLE -> error(exchange, 400, "TooManyRequestsException");
                case SERVER_ERROR -> error(exchange, 500, "InternalErrorException");
                case HANG -> hang(exchange);
                default -> forward(exchange, body);
            }
        }
    }

    private void hang(HttpExchange exchange) {
        try {
            // Accepted and never answered (the client gives up on its own timeout); let go at close.
            hanging.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void error(HttpExchange exchange, int status, String type) throws IOException {
        byte[] answer = ("{\"__type\":\"" + type + "\",\"message\":\"the test's proxy says no\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : FORWARDED) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        for (String name : List.of("Content-Type", "x-amzn-requestid", "x-amzn-errortype")) {
            answer.headers().firstValue(name).ifPresent(v -> exchange.getResponseHeaders().set(name, v));
        }
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    @Override
    public void close() {
        hanging.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "CognitoProxy[" + endpoint() + " -> " + upstream + ", " + mode + "]";
    }
}
