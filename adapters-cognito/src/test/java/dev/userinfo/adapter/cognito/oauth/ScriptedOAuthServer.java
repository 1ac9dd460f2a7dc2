package dev.userinfo.adapter.cognito.oauth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a managed login domain on 127.0.0.1: answers each request with the next scripted
 * status and body, and records what was sent (path, Authorization header, form parameters).
 */
final class ScriptedOAuthServer implements AutoCloseable {

    record Received(String path, String authorization, String contentType, Map<String, String> form) {
    }

    record Answer(int status, String body, long delayMillis) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Answer> script = new CopyOnWriteArrayList<>();

    private ScriptedOAuthServer(HttpServer server) {
        this.server = server;
    }

    static ScriptedOAuthServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ScriptedOAuthServer stand = new ScriptedOAuthServer(http);
            http.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                stand.received.add(new Received(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), form(body)));
                Answer answer = stand.script.isEmpty() ? new Answer(500, "", 0) : stand.script.remove(0);
                if (answer.delayMillis() > 0) {
                    try {
                        Thread.sleep(answer.delayMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type",
                        answer.body().startsWith("{") ? "application/json;charset=UTF-8" : "text/html");
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
            });
            http.start();
            return stand;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ScriptedOAuthServer answer(int status, String body) {
        script.add(new Answer(status, body, 0));
        return this;
    }

    ScriptedOAuthServer answerAfter(long delayMillis, int status, String body) {
        script.add(new Answer(status, body, delayMillis));
        return this;
    }

    URI domain() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
