package dev.userinfo.adapter.http;

import dev.userinfo.domain.BearerToken;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A running Javalin server with the {@link UserInfoRoutes} and any extra route groups (the local
 * server's dev routes), or with other route groups alone (the embedded sign-in server). Configured so
 * that nothing Javalin would add on its own (compression, ETags, its banner) makes the local answers
 * differ from the Lambda's. It can listen on several addresses with one port, so {@code localhost}
 * reaches it whether a client resolves that to {@code 127.0.0.1} or to {@code ::1}.
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

    /** How often a free port is picked again when someone else took it before it was bound. */
    private static final int PORT_ATTEMPTS = 5;

    private final Javalin javalin;
    private final List<String> hosts;

    private UserInfoHttpServer(Javalin javalin, List<String> hosts) {
        this.javalin = javalin;
        this.hosts = hosts;
    }

    /**
     * Starts the server on one address.
     *
     * @param host        the address to bind ({@code 127.0.0.1} keeps it on this machine)
     * @param port        the port; {@code 0} picks a free one, see {@link #port()}
     * @param routes      the contract's routes
     * @param extraRoutes further route groups, registered before the contract's
     */
    public static UserInfoHttpServer start(String host, int port, UserInfoRoutes routes,
            List<Consumer<JavalinConfig>> extraRoutes) {
        return start(List.of(host), port, routes, extraRoutes);
    }

    /**
     * Starts the server with the contract's routes on every address of {@code hosts}, one port for
     * all (see {@link #serve(List, int, List)}).
     *
     * @param routes      the contract's routes
     * @param extraRoutes further route groups, registered before the contract's
     */
    public static UserInfoHttpServer start(List<String> hosts, int port, UserInfoRoutes routes,
            List<Consumer<JavalinConfig>> extraRoutes) {
        Objects.requireNonNull(routes, "routes");
        List<Consumer<JavalinConfig>> groups = new ArrayList<>(extraRoutes);
        groups.add(routes::register);
        return serve(hosts, port, groups);
    }

    /**
     * Starts a server of these route groups alone (another local server than the contract's, such as
     * the embedded sign-in server), configured as the contract's is: no compression, no ETags, the
     * same header size limit, and Jetty's own refusals answered as JSON.
     *
     * <p>It listens on every address of {@code hosts} with the one port: the first address is required,
     * each further one is skipped when this machine does not have it (a host without IPv6 has no
     * {@code ::1}), see {@link #hosts()}. With port {@code 0} a port free on all of them is picked, and
     * picked again if another process takes it first.
     *
     * @param hosts       the addresses to bind, the first one required; loopback ones keep it on this machine
     * @param port        the port; {@code 0} picks a free one, see {@link #port()}
     * @param routeGroups the route groups, registered in this order
     * @throws io.javalin.util.JavalinBindException when the port is taken on one of the addresses
     */
    public static UserInfoHttpServer serve(List<String> hosts, int port, List<Consumer<JavalinConfig>> routeGroups) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("hosts must name at least one address");
        }
        List<String> bound = new ArrayList<>();
        bound.add(hosts.get(0));
        hosts.stream().skip(1).filter(UserInfoHttpServer::canBind).forEach(bound::add);
        if (port != 0 || bound.size() == 1) {
            return startOn(bound, port, routeGroups);
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            try {
                return startOn(bound, freePortOn(bound), routeGroups);
            } catch (JavalinBindException e) {
                last = e;
            }
        }
        throw last;
    }

    private static UserInfoHttpServer startOn(List<String> hosts, int port, List<Consumer<JavalinConfig>> routeGroups) {
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
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
                // Jetty keeps a per-connection cache of header fields (Authorization and Cookie among
                // them) to reuse when the next request repeats them. Here a connection's requests carry
                // different bearer tokens (a proxy multiplexes users onto it, a token is refreshed), so
                // every token was added and the cache cleared again: about a sixth of the server's CPU in
                // the load benchmark's profile. Off: each field is parsed once, as it arrives.
                http.setHeaderCacheSize(0);
            });
            // One connector per address, the first one first (Javalin reports its port); with
            // connectors of its own, Javalin adds no default one.
            for (String host : hosts) {
                config.jetty.addConnector((server, http) -> {
                    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                    connector.setHost(host);
                    connector.setPort(port);
                    return connector;
                });
            }
            routeGroups.forEach(group -> group.accept(config));
        });
        try {
            javalin.start();
        } catch (RuntimeException e) {
            javalin.stop();
            throw e;
        }
        return new UserInfoHttpServer(javalin, List.copyOf(hosts));
    }

    /** Whether this machine has the address, so a server can listen on it. */
    private static boolean canBind(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port that is free on every one of the addresses now (another process may still take it
     * before it is bound; {@link #serve} then refuses with a bind exception).
     */
    public static int freePort(List<String> hosts) {
        List<String> usable = new ArrayList<>();
        usable.add(hosts.get(0));
        hosts.stream().skip(1).filter(UserInfoHttpServer::canBind).forEach(usable::add);
        return freePortOn(usable);
    }

    private static int freePortOn(List<String> hosts) {
        for (int attempt = 0; attempt < PORT_ATTEMPTS * 4; attempt++) {
            int candidate;
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(hosts.get(0)), 0));
                candidate = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + hosts.get(0), e);
            }
            if (hosts.stream().skip(1).allMatch(host -> isFree(host, candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no port is free on all of " + hosts);
    }

    private static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The addresses the server listens on, the first one first. */
    public List<String> hosts() {
        return hosts;
    }

    /** The port the server listens on (the one picked, when started with port 0). */
    public int port() {
        return javalin.port();
    }

    /** {@code http://host:port} of the first address, without a trailing slash. */
    public URI baseUri() {
        String host = hosts.get(0);
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port());
    }

    /** Stops accepting requests, lets the ones in flight finish, and frees the port. */
    @Override
    public void close() {
        javalin.stop();
    }
}
