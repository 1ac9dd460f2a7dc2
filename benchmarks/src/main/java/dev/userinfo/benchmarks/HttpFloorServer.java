package dev.userinfo.benchmarks;

import dev.userinfo.adapter.http.UserInfoHttpServer;
import dev.userinfo.adapter.http.UserInfoRoutes;
import dev.userinfo.application.AccessLog;
import dev.userinfo.application.CorsPolicy;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.application.UserInfoEndpoint;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The HTTP floor of this stack for the load benchmark: the same {@link UserInfoHttpServer} (same
 * Javalin and Jetty configuration, same contract routes) with one more route, {@value #PATH}, that
 * answers a constant body with the headers of a real 200 and does nothing else. Whatever userinfo
 * adds on top of this is the cost of verifying, looking up and rendering.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.userinfo.benchmarks.HttpFloorServer <body-file>}
 * prints {@code listening on http://127.0.0.1:<port>} and runs until stopped.
 */
public final class HttpFloorServer {

    /** The constant-answer route. */
    public static final String PATH = "/floor";

    private HttpFloorServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        byte[] body = Files.readAllBytes(Path.of(args[0]));
        Consumer<JavalinConfig> floor = config -> config.routes.get(PATH, ctx -> {
            ctx.status(200);
            ctx.header("Content-Type", "application/json; charset=utf-8");
            ctx.header("Cache-Control", "no-store");
            ctx.header("Vary", "Origin");
            ctx.result(body);
        });
        UserInfoEndpoint endpoint = new UserInfoEndpoint(
                new GetUserInfo(token -> {
                    throw new InvalidTokenException(InvalidTokenReason.MALFORMED);
                }, new InMemoryUserAttributeLookup()),
                CorsPolicy.of(List.of("http://localhost:*")),
                AccessLog.discarding());
        UserInfoHttpServer server = UserInfoHttpServer.start("127.0.0.1", 0, new UserInfoRoutes(endpoint), List.of(floor));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "floor-shutdown"));
        System.out.println("listening on " + server.baseUri());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
