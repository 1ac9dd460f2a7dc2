package dev.userinfo.adapter.http;

import dev.userinfo.domain.BearerToken;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A running Javalin server with the {@link UserInfoRoutes} and any extra route groups (the local
 * server's dev routes). Configured so that nothing Javalin would add on its own (compression, ETags,
 * its banner) makes the local answers differ from the Lambda's.
 */
public final class UserInfoHttpServer implements AutoCloseable {

    /**
     * Bytes of request line and headers Jetty reads; beyond it, 431 in the contract's JSON shape.
     * Room for the largest token the verifier accepts ({@link BearerToken#MAX_CHARS}, API Gateway's
     * own limit on the request line and headers) and 6 KiB of whatever else a browser sends with it,
     * so a token at or past the cap gets the contract's answer (200, or 401 for a token too large),
     * as behind API Gateway, rather than Jetty's 431.
     */
    static final int MAX_REQUEST_HEADER_BYTES = BearerToken.MAX_CHARS + 6 * 1024;

    private final Javalin javalin;
    private final String host;

    private UserInfoHttpServer(Javalin javalin, String host) {
        this.javalin = javalin;
        this.host = host;
    }

    /**
     * Starts the server.
     *
     * @param host        the address to bind ({@code 127.0.0.1} keeps it on this machine)
     * @param port        the port; {@code 0} picks a free one, see {@link #port()}
     * @param routes      the contract's routes
     * @param extraRoutes further route groups, registered before the contract's
     */
    public static UserInfoHttpServer start(String host, int port, UserInfoRoutes routes,
            List<Consumer<JavalinConfig>> extraRoutes) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(routes, "routes");
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.generateEtags = false;
            // Javalin leaves the path alone: the endpoint judges the raw path by API Gateway's
            // routing rules (docs/ROUTING.md), so "/userinfo/" is answered as "/userinfo" and
            // "/USERINFO" or "//userinfo" get the contract's 404, exactly as the Lambda answers them.
            config.router.ignoreTrailingSlashes = false;
            config.router.caseInsensitiveRoutes = false;
            // Javalin mounts its servlet inside a handler the server already has: this one.
            config.jetty.modifyServer(server -> {
                server.setHandler(new ContractContentType());
                server.setErrorHandler(new ProtocolErrorHandler());
            });
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
            extraRoutes.forEach(group -> group.accept(config));
            routes.register(config);
        });
        javalin.start(host, port);
        return new UserInfoHttpServer(javalin, host);
    }

    /** The port the server listens on (the one picked, when started with port 0). */
    public int port() {
        return javalin.port();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public URI baseUri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port());
    }

    /** Stops accepting requests, lets the ones in flight finish, and frees the port. */
    @Override
    public void close() {
        javalin.stop();
    }
}
