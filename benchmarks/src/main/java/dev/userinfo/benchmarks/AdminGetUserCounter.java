package dev.userinfo.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pass-through proxy in front of the Cognito emulator's API that notes every {@code AdminGetUser}
 * call it forwards: when, and for which username. The server under load gets this proxy as its
 * {@code COGNITO_ENDPOINT}, so the count is exact without touching the server's code.
 */
final class AdminGetUserCounter implements AutoCloseable {

    private static final String TARGET = "AWSCognitoIdentityProviderService.AdminGetUser";
    /** Headers the SDK sends that the JDK client may forward (it sets Host, Content-Length and the like itself). */
    private static final List<String> FORWARDED = List.of("Content-Type", "X-Amz-Target", "Authorization", "X-Amz-Date",
            "amz-sdk-invocation-id", "amz-sdk-request");

    private final URI upstream;
    private final HttpServer server;
    /** Unbounded, so the proxy never queues the server's calls: the emulator behind it is the only bottleneck. */
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Call> calls = new ArrayList<>();

    /**
     * One AdminGetUser HTTP request the server sent: a call's first attempt, or the SDK retrying it
     * (same {@code amz-sdk-invocation-id}, a higher attempt number in {@code amz-sdk-request}).
     */
    record Call(long atNanos, String username, String invocationId, boolean retry) {
    }

    AdminGetUserCounter(URI upstream) {
        this.upstream = upstream;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * The most calls (first attempts; the SDK's retries of a call are the same lookup) one user got
     * within any window of {@code ttl}: 1 means the cache did its job.
     */
    static int maxCallsPerUserWithin(List<Call> calls, Duration ttl) {
        Map<String, List<Long>> byUser = new HashMap<>();
        calls.stream().filter(c -> !c.retry())
                .forEach(c -> byUser.computeIfAbsent(c.username(), u -> new ArrayList<>()).add(c.atNanos()));
        int max = 0;
        for (List<Long> times : byUser.values()) {
            times.sort(Long::compare);
            for (int i = 0, j = 0; j < times.size(); j++) {
                while (times.get(j) - times.get(i) >= ttl.toNanos()) {
                    i++;
                }
                max = Math.max(max, j - i + 1);
            }
        }
        return max;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (TARGET.equals(target)) {
                String username = json.readTree(body).path("Username").asText();
                String invocation = exchange.getRequestHeaders().getFirst("amz-sdk-invocation-id");
                String attempt = exchange.getRequestHeaders().getFirst("amz-sdk-request");
                boolean retry = attempt != null && !attempt.startsWith("attempt=1;") && !attempt.equals("attempt=1");
                synchronized (this) {
                    calls.add(new Call(System.nanoTime(), username, invocation, retry));
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : FORWARDED) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            }
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            answer.headers().firstValue("x-amzn-requestid").ifPresent(v -> exchange.getResponseHeaders().set("x-amzn-requestid", v));
            answer.headers().firstValue("x-amzn-errortype").ifPresent(v -> exchange.getResponseHeaders().set("x-amzn-errortype", v));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
