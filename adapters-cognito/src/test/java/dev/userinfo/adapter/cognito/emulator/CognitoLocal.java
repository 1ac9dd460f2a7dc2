package dev.userinfo.adapter.cognito.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * Test harness: a private cognito-local (the npm Cognito emulator) on a free 127.0.0.1 port with a
 * fresh data directory, plus helpers to provision pools, app clients and users through the AWS SDK.
 * Shared with other modules' integration tests through this module's test-jar.
 *
 * <p>Needs Node.js 18+ (and npm the first time, to run {@code npm ci} in
 * {@code adapters-cognito/src/test/cognito-local}). Without Node the calling test class is skipped
 * locally, and fails when the environment variable {@code CI=true}.
 *
 * <p>Tokens cognito-local issues carry {@code iss = http://127.0.0.1:<port>/<poolId>} and are signed
 * (RS256, {@code kid=CognitoLocal}) with a key published at {@code <iss>/.well-known/jwks.json}; see
 * {@link #issuer(String)} and {@link #jwksUrl(String)}.
 */
public final class CognitoLocal implements AutoCloseable {

    /** The emulator's npm package directory, relative to the repository root. */
    static final String PACKAGE_DIR = "adapters-cognito/src/test/cognito-local";
    /** Overrides where the npm package directory is (absolute path). */
    static final String DIR_PROPERTY = "cognito.local.dir";
    /** Overrides the Node.js executable (default: {@code node} on the PATH). */
    static final String NODE_PROPERTY = "cognito.local.node";
    /** The region {@link #client()} uses; cognito-local ignores it, the SDK needs one. */
    public static final String REGION = "us-east-1";
    private static final int MIN_NODE_MAJOR = 18;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static final int PORT_ATTEMPTS = 3;

    private final Path packageDir;
    private final Path dataDir;
    private final int port;
    private final Thread shutdownHook;
    private Process process;
    private CognitoIdentityProviderClient client;
    private boolean closed;

    /** The id and access token of one sign-in. */
    public record Tokens(String idToken, String accessToken, String refreshToken) {
        @Override
        public String toString() {
            return "Tokens[redacted]";
        }
    }

    private CognitoLocal(Path packageDir, Path dataDir, int port) {
        this.packageDir = packageDir;
        this.dataDir = dataDir;
        this.port = port;
        this.shutdownHook = new Thread(this::killQuietly, "cognito-local-shutdown-" + port);
    }

    /**
     * Starts a new emulator: installs the npm package if needed, picks a free port, creates a fresh
     * data directory, and returns once the emulator answers.
     */
    public static CognitoLocal start() {
        Path packageDir = locatePackageDir();
        requireNode();
        ensureInstalled(packageDir);
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("cognito-local-");
            // cognito-local's own default makes every new pool email-as-username (and merges arrays
            // from the request into it, so a request cannot undo it); a real pool's default is a
            // plain username, so configure that default. Pools that want email pass it explicitly.
            Files.createDirectories(dataDir.resolve(".cognito"));
            Files.writeString(dataDir.resolve(".cognito/config.json"),
                    "{\"UserPoolDefaults\":{\"UsernameAttributes\":[]}}\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IllegalStateException last = null;
        // A free port found now can be taken by someone else before node binds it; try a few.
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            CognitoLocal emulator = new CognitoLocal(packageDir, dataDir, freePort());
            try {
                emulator.launch();
                Runtime.getRuntime().addShutdownHook(emulator.shutdownHook);
                return emulator;
            } catch (IllegalStateException e) {
                emulator.killQuietly();
                last = e;
            }
        }
        deleteRecursively(dataDir);
        throw last;
    }

    /** Where the emulator's API answers, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The data directory of this emulator (its users and pools live under {@code .cognito/}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The {@code iss} claim of tokens for this pool: {@code http://127.0.0.1:<port>/<poolId>}. */
    public String issuer(String userPoolId) {
        return endpoint() + "/" + userPoolId;
    }

    /** The key set cognito-local serves for this pool: {@code <issuer>/.well-known/jwks.json}. */
    public URI jwksUrl(String userPoolId) {
        return URI.create(issuer(userPoolId) + "/.well-known/jwks.json");
    }

    /** Whether the emulator process is running now. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the emulator process; its port and data directory stay reserved for {@link #restart()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the emulator if it runs and starts it again on the same port with the same data. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        stop();
        launch();
    }

    /**
     * An SDK client for this emulator (dummy static credentials, region us-east-1, endpoint
     * override), made once per emulator and closed with it.
     */
    public synchronized CognitoIdentityProviderClient client() {
        if (client == null) {
            client = CognitoIdentityProviderClient.builder()
                    .region(Region.of(REGION))
                    .endpointOverride(endpoint())
                    .credentialsProvider(credentials())
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
        }
        return client;
    }

    /** Dummy credentials: cognito-local does not check signatures, but the SDK wants to sign. */
    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("cognito-local", "cognito-local"));
    }

    /** Creates a pool whose users sign in with a plain username (as a real pool's default); returns its id. */
    public String createUserPool(String name) {
        return createUserPool(name, b -> { });
    }

    /** Creates a pool with settings of the caller's choosing (e.g. email as username); returns its id. */
    public String createUserPool(String name, Consumer<CreateUserPoolRequest.Builder> settings) {
        return client().createUserPool(b -> {
                    b.poolName(name);
                    settings.accept(b);
                })
                .userPool()
                .id();
    }

    /** Creates an app client (no secret, USER_PASSWORD_AUTH allowed) in the pool; returns its id. */
    public String createAppClient(String userPoolId, String name) {
        return client().createUserPoolClient(b -> b.userPoolId(userPoolId)
                        .clientName(name)
                        .generateSecret(false)
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient()
                .clientId();
    }

    /**
     * Creates a confirmed user with these attributes and a permanent password (AdminCreateUser then
     * AdminSetUserPassword). Returns the username the pool stored: the given one, or the {@code sub}
     * in an email-as-username pool.
     */
    public String createUser(String userPoolId, String username, String password, Map<String, String> attributes) {
        List<AttributeType> attributeList = new ArrayList<>();
        attributes.forEach((name, value) -> attributeList.add(AttributeType.builder().name(name).value(value).build()));
        String stored = client().adminCreateUser(b -> b.userPoolId(userPoolId)
                        .username(username)
                        .userAttributes(attributeList)
                        .temporaryPassword(password)
                        .messageAction(MessageActionType.SUPPRESS))
                .user()
                .username();
        client().adminSetUserPassword(b -> b.userPoolId(userPoolId)
                .username(stored)
                .password(password)
                .permanent(true));
        return stored;
    }

    /** Signs a user in with USER_PASSWORD_AUTH and returns the tokens cognito-local issued. */
    public Tokens initiateAuth(String clientId, String username, String password) {
        AuthenticationResultType result = client().initiateAuth(b -> b.clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", username, "PASSWORD", password)))
                .authenticationResult();
        if (result == null) {
            throw new IllegalStateException("cognito-local answered with a challenge instead of tokens");
        }
        return new Tokens(result.idToken(), result.accessToken(), result.refreshToken());
    }

    /** Stops the emulator, closes the client and deletes the data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (client != null) {
            client.close();
            client = null;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // already shutting down, or never registered: the hook's own kill is harmless
        }
        deleteRecursively(dataDir);
    }

    // --- process management --------------------------------------------------------------

    private synchronized void launch() {
        Path log = dataDir.resolve("cognito-local.log");
        ProcessBuilder builder = new ProcessBuilder(nodeCommand(), startScript(packageDir).toString())
                .directory(dataDir.toFile()) // cognito-local keeps its data in ./.cognito
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.remove("DEBUG");
        env.remove("COGNITO_LOCAL_DEVMODE");
        env.put("NODE_NO_WARNINGS", "1");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run node: " + e.getMessage(), e);
        }
        awaitHealthy(log);
    }

    private void awaitHealthy(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest health = HttpRequest.newBuilder(endpoint().resolve("/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "cognito-local exited with code " + process.exitValue() + " on port " + port + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for cognito-local", e);
            }
            sleep(Duration.ofMillis(100));
        }
        stop();
        throw new IllegalStateException(
                "cognito-local did not answer on port " + port + " within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private void killQuietly() {
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    // --- installation -------------------------------------------------------------------

    /**
     * Finds the npm package directory: the {@value #DIR_PROPERTY} system property, else upwards from
     * where this class was loaded (target/test-classes or the test-jar of adapters-cognito), else
     * upwards from the working directory (a module directory under Maven).
     */
    static Path locatePackageDir() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve("package.json"))) {
                throw new IllegalStateException(DIR_PROPERTY + "=" + dir + " holds no package.json");
            }
            return dir;
        }
        List<Path> starts = new ArrayList<>();
        codeLocation().ifPresent(starts::add);
        starts.add(Path.of(System.getProperty("user.dir")));
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                for (Path candidate : List.of(dir.resolve(PACKAGE_DIR), dir.resolve("src/test/cognito-local"))) {
                    if (Files.isRegularFile(candidate.resolve("package.json"))
                            && Files.isRegularFile(candidate.resolve("package-lock.json"))) {
                        return candidate;
                    }
                }
            }
        }
        throw new IllegalStateException("cannot find " + PACKAGE_DIR + " above " + starts
                + "; run the tests from the repository, or set -D" + DIR_PROPERTY + "=<path>");
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = CognitoLocal.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Path startScript(Path packageDir) {
        return packageDir.resolve("node_modules/cognito-local/lib/bin/start.js");
    }

    /** Node is a prerequisite: skip locally without it, but fail in CI so it is never silently untested. */
    private static void requireNode() {
        Optional<Integer> major = nodeMajorVersion();
        String problem = major.isEmpty()
                ? "Node.js (" + MIN_NODE_MAJOR + "+) was not found as '" + nodeCommand() + "'"
                : major.get() < MIN_NODE_MAJOR ? "Node.js " + major.get() + " is too old (need " + MIN_NODE_MAJOR + "+)" : null;
        if (problem != null) {
            unavailable(problem + "; cognito-local integration tests need it: install Node.js "
                    + MIN_NODE_MAJOR + "+ and npm (Debian: apt-get install nodejs npm)");
        }
    }

    private static void unavailable(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message + " (skipped because CI is not set)");
    }

    private static Optional<Integer> nodeMajorVersion() {
        try {
            Process p = new ProcessBuilder(nodeCommand(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.startsWith("v")) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(out.substring(1, out.indexOf('.'))));
        } catch (IOException | NumberFormatException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String nodeCommand() {
        String configured = System.getProperty(NODE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return isWindows() ? "node.exe" : "node";
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    }

    /**
     * Runs {@code npm ci} unless node_modules is complete and not older than package-lock.json.
     * Serialised across JVMs with a file lock, since several modules' tests may start at once.
     */
    static void ensureInstalled(Path packageDir) {
        if (isInstalled(packageDir)) {
            return;
        }
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"),
                "cognito-local-npm-ci-" + Integer.toHexString(packageDir.toString().hashCode()) + ".lock");
        synchronized (CognitoLocal.class) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (!isInstalled(packageDir)) {
                    npmCi(packageDir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not lock " + lockFile, e);
            }
        }
    }

    private static boolean isInstalled(Path packageDir) {
        // npm writes node_modules/.package-lock.json last, so its presence means a finished install.
        Path installed = packageDir.resolve("node_modules/.package-lock.json");
        if (!Files.isRegularFile(installed) || !Files.isRegularFile(startScript(packageDir))) {
            return false;
        }
        try {
            FileTime lock = Files.getLastModifiedTime(packageDir.resolve("package-lock.json"));
            return Files.getLastModifiedTime(installed).compareTo(lock) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void npmCi(Path packageDir) {
        Path log;
        try {
            log = Files.createTempFile("cognito-local-npm-ci-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(isWindows() ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund");
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .directory(packageDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            unavailable("npm is not on the PATH (" + e.getMessage() + "); cognito-local needs `npm ci` in "
                    + packageDir + ": install npm (Debian: apt-get install npm)");
            return;
        }
        try {
            if (!p.waitFor(NPM_CI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("npm ci in " + packageDir + " took longer than " + NPM_CI_TIMEOUT);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during npm ci", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + packageDir + " failed with code " + p.exitValue() + ":\n" + tail(log));
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover temp log is harmless
        }
    }

    // --- small helpers ------------------------------------------------------------------

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: a temp directory left behind is harmless
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "CognitoLocal[" + endpoint() + ", data=" + dataDir + "]";
    }
}
