package dev.userinfo.bootstrap.local;

import dev.userinfo.adapter.cognito.CryptoProviders;
import dev.userinfo.adapter.http.UserInfoHttpServer;
import dev.userinfo.adapter.http.UserInfoRoutes;
import dev.userinfo.application.JsonAccessLog;
import dev.userinfo.application.UserInfoEndpoint;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.config.UserInfoConfigWarnings;
import dev.userinfo.domain.GetUserInfo;
import io.javalin.util.JavalinBindException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local server for frontend development: {@code java -jar bootstrap/target/userinfo-local.jar}.
 * Reads the configuration, wires the mode (embedded by default, or cognito), serves {@code /userinfo}
 * through the same contract as the Lambda on {@code 127.0.0.1:$PORT}, and prints how to try it.
 */
public final class LocalServer implements AutoCloseable {

    /** Loopback only: embedded mode hands out tokens to anyone who asks, so it must not be reachable from outside. */
    public static final String HOST = "127.0.0.1";
    /**
     * Both loopback addresses, never a public one: {@code localhost} resolves to either, depending on
     * the client (a browser, a dev server's proxy), so both must answer. {@code ::1} is skipped on a
     * machine without IPv6.
     */
    public static final List<String> HOSTS = List.of(HOST, "::1");

    private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private final UserInfoHttpServer http;
    private final CryptoProviders.InUse crypto;
    private final LocalIdentity identity;
    private final List<String> curlLines;
    private final PrintStream out;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalServer(UserInfoHttpServer http, LocalIdentity identity, PrintStream out, CryptoProviders.InUse crypto) {
        this.crypto = crypto;
        this.http = http;
        this.identity = identity;
        this.out = out;
        this.curlLines = identity.curlLines().apply(baseUrl());
    }

    /** Runs the server until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public static void main(String[] args) {
        // Before any logger exists: libraries speak up at WARN, so what a developer sees is the banner
        // and one JSON line per request. -Dorg.slf4j.simpleLogger.defaultLogLevel=info brings them back.
        if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
            System.setProperty(SIMPLE_LOGGER_LEVEL, "warn");
        }
        LocalServer server;
        try {
            server = start(System.getenv(), System.out);
        } catch (ConfigurationException e) {
            System.err.println("userinfo: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        } catch (JavalinBindException e) {
            System.err.println("userinfo: cannot start: the port is taken (" + UserInfoConfig.PORT
                    + " picks another, 0 a free one)");
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "userinfo-shutdown"));
    }

    /**
     * Starts the server from environment variables and prints its banner, after a warning line for
     * each variable it will not read although it looks meant for it (a misspelling, or a variable
     * of the other mode). The warnings come first, so a misspelling is on screen next to the
     * "required but not set" it causes.
     *
     * @throws ConfigurationException naming the variable when the configuration is missing or wrong
     */
    public static LocalServer start(Map<String, String> env, PrintStream out) {
        UserInfoConfigWarnings.forLocalServer(env).forEach(w -> out.println("warning: " + w.message()));
        out.flush();
        return start(UserInfoConfig.forLocalServer(env), out, Clock.systemUTC());
    }

    static LocalServer start(UserInfoConfig config, PrintStream out, Clock clock) {
        Objects.requireNonNull(out, "out");
        AtomicReference<String> baseUrl = new AtomicReference<>();
        // Before any key or token is handled: every signature check then uses the provider chosen here.
        CryptoProviders.InUse crypto = CryptoProviders.installPreferred();
        LocalIdentity identity = switch (config.mode()) {
            case EMBEDDED -> EmbeddedMode.create(config, clock, baseUrl::get);
            case COGNITO -> CognitoMode.create(config, out, clock);
        };
        UserInfoEndpoint endpoint = new UserInfoEndpoint(
                new GetUserInfo(identity.tokenParser(), identity.lookup(), config.attributeSource()),
                config.corsPolicy(),
                new JsonAccessLog(out),
                identity.cookieSessions());
        UserInfoHttpServer http;
        try {
            http = UserInfoHttpServer.start(HOSTS, config.port(), new UserInfoRoutes(endpoint), identity.routes());
        } catch (RuntimeException e) {
            identity.onClose().run();
            throw e;
        }
        baseUrl.set(http.baseUri().toString());
        LocalServer server = new LocalServer(http, identity, out, crypto);
        out.print(server.banner(config));
        out.flush();
        return server;
    }

    /** The start-up text: mode, URL, and a copy-paste pair of curl lines. */
    String banner(UserInfoConfig config) {
        String url = baseUrl();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("userinfo local server, " + identity.description());
        lines.add("  listening on " + url + " (GET " + url + UserInfoEndpoint.PATH + ", GET " + url
                + UserInfoRoutes.HEALTH_PATH + ")" + (http.hosts().size() > 1 ? ", also as http://localhost:" + port() : ""));
        lines.add("  allowed origins: " + String.join(", ", config.allowedOrigins()));
        lines.add("  OpenAPI document: " + url + UserInfoRoutes.OPENAPI_PATH);
        identity.notes().apply(url).forEach(note -> lines.add("  " + note));
        lines.add("  " + crypto.describe());
        lines.add("  try it:");
        curlLines.forEach(line -> lines.add("    " + line));
        lines.add("");
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return http.baseUri().toString();
    }

    public int port() {
        return http.port();
    }

    /** The banner's curl lines: the first gets a token into {@code $TOKEN}, the second calls /userinfo. */
    public List<String> curlLines() {
        return curlLines;
    }

    public UserInfoConfig.Mode mode() {
        return identity.mode();
    }

    /** The mode's token parser and users, for tests that wire the Lambda handlers over the very same. */
    public LocalIdentity identity() {
        return identity;
    }

    /** Stops serving, lets requests in flight finish, releases the mode's clients. Safe to call twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.close();
            identity.onClose().run();
            out.println("userinfo: stopped");
            out.flush();
        }
    }
}
