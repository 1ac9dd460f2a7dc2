package dev.userinfo.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userinfo.adapter.lambda.EventJson;
import dev.userinfo.adapter.lambda.FakeLambdaContext;
import dev.userinfo.application.JsonAccessLog;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.lambda.LambdaFixtures;
import dev.userinfo.bootstrap.lambda.LambdaHttpApiHandler;
import dev.userinfo.bootstrap.lambda.LambdaRestApiHandler;
import dev.userinfo.bootstrap.lambda.LambdaWiring;
import dev.userinfo.bootstrap.local.LocalServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The three entry points over one identity: the local server in embedded mode on a random port, and
 * both Lambda handlers wired over that server's own token parser and users, so a token minted by its
 * {@code POST /dev/token} is verified by the same production code whichever way it arrives. Lambda
 * events are JSON (from a fixture under {@code events/}, edited as a tree) read back by the Lambda
 * runtime's own deserialization ({@link EventJson#load}).
 */
final class EntryPoints implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final LocalServer server;
    private final ByteArrayOutputStream localLog = new ByteArrayOutputStream();
    private final ByteArrayOutputStream lambdaLog = new ByteArrayOutputStream();
    private final LambdaRestApiHandler rest;
    private final LambdaHttpApiHandler http;
    private final FakeLambdaContext context = new FakeLambdaContext("5e1f0c2a-7b3d-4e8f-9a6b-1c2d3e4f5a6b");

    private EntryPoints(Map<String, String> env) {
        server = LocalServer.start(env, new PrintStream(localLog, true, StandardCharsets.UTF_8));
        LambdaWiring wiring = LambdaWiring.over(LambdaFixtures.config(false), server.identity().tokenParser(),
                server.identity().lookup(), new JsonAccessLog(new PrintStream(lambdaLog, true, StandardCharsets.UTF_8)),
                () -> { });
        rest = new LambdaRestApiHandler(wiring);
        http = new LambdaHttpApiHandler(wiring);
    }

    /** Starts them; {@code env} is the local server's (embedded mode, {@code PORT=0} added). */
    static EntryPoints start(Map<String, String> env) {
        Map<String, String> withPort = new java.util.HashMap<>(env);
        withPort.put(UserInfoConfig.PORT, "0");
        return new EntryPoints(withPort);
    }

    /** An ID token for a user of the embedded mode, from the local server's {@code POST /dev/token}. */
    String mintIdToken(String username) {
        HttpResponse<String> response = local("POST", "/dev/token", Map.of("Content-Type", "application/json"),
                "{\"username\":\"" + username + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        try {
            return JSON.readTree(response.body()).get("id_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request to the local server over real HTTP; {@code path} is sent as written. */
    HttpResponse<String> local(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    APIGatewayProxyResponseEvent rest(ObjectNode event) {
        return rest.handleRequest(EventJson.load(event, APIGatewayProxyRequestEvent.class), context);
    }

    APIGatewayV2HTTPResponse http(ObjectNode event) {
        return http.handleRequest(EventJson.load(event, APIGatewayV2HTTPEvent.class), context);
    }

    /** A fixture under {@code events/} as an editable tree. */
    static ObjectNode fixture(String name) {
        try (InputStream in = EntryPoints.class.getClassLoader().getResourceAsStream("events/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture events/" + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the local server printed (banner and JSON access lines). */
    String localLog() {
        return localLog.toString(StandardCharsets.UTF_8);
    }

    /** The Lambda handlers' JSON access lines. */
    String lambdaLog() {
        return lambdaLog.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
