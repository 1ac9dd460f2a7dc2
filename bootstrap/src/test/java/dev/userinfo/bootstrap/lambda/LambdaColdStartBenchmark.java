package dev.userinfo.bootstrap.lambda;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Cold-start benchmark of the Lambda zip: fresh JVMs, each with only the zip's contents (and the
 * one-class {@link LambdaColdStartChild}) on the classpath, build {@link LambdaRestApiHandler} with
 * its real wiring and answer one REST event carrying a signed ID token. Cognito is stood in for by a
 * loopback server here (the key set, and AdminGetUser in its JSON protocol), so the run covers the
 * real key fetch, signature check and SDK call without leaving the machine.
 *
 * <p>Run with {@code bash benchmarks/lambda-handler-jvm-options.sh [runs] [variants]}, which compares
 * JVM option sets (the managed runtime's options, AppCDS) side by side. {@link LambdaZipIT} runs it
 * once to prove the zip boots on its own. The cold start under the real runtime interface client,
 * against a trivial handler, is {@code benchmarks/lambda-cold-start.sh}
 * ({@code dev.userinfo.benchmarks.LambdaRuntimeColdStart}).
 */
public final class LambdaColdStartBenchmark {

    static final String POOL_ID = "eu-west-1_Bench12345";
    static final String CLIENT_ID = "benchclient0123456789abcd";
    static final String SUB = "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a";
    static final String EXPECTED_BODY = "{\"name\":\"alice\",\"email\":\"alice@example.com\",\"nickname\":\"Ally\","
            + "\"sub\":\"" + SUB + "\",\"email_verified\":true,\"groups\":[]}";
    /** Close to the JVM options the managed Java runtime starts with (C1 only, serial GC). */
    static final List<String> JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto");

    /** One run's figures; {@code processMs} is the parent's view, launch to exit. */
    record Run(int status, String body, long launchToResponseMs, double mainToResponseMs, double initMs,
            double requestMs, long processMs) {
    }

    private LambdaColdStartBenchmark() {
    }

    /**
     * JVM option sets {@link #compare} can put side by side; the first is the baseline of the ratios.
     * {@code %cds} is the AppCDS archive a training run (one cold start with
     * {@code -XX:ArchiveClassesAtExit}) writes first.
     */
    static final Map<String, List<String>> VARIANTS = new java.util.LinkedHashMap<>();

    static {
        VARIANTS.put("default", List.of());
        VARIANTS.put("c1", List.of("-XX:TieredStopAtLevel=1"));
        VARIANTS.put("runtime", JVM_OPTIONS);
        VARIANTS.put("appcds", List.of("-XX:SharedArchiveFile=%cds"));
        List<String> runtimeWithCds = new ArrayList<>(JVM_OPTIONS);
        runtimeWithCds.add("-XX:SharedArchiveFile=%cds");
        VARIANTS.put("runtime+appcds", List.copyOf(runtimeWithCds));
    }

    /**
     * {@code <zip> [runs] [variants]}: without variants, {@code runs} cold starts with the runtime's
     * options ({@link #JVM_OPTIONS}); with a comma-separated list of {@link #VARIANTS}, that many of
     * each, interleaved, as medians and ratios to the first.
     */
    public static void main(String[] args) throws Exception {
        Path zip = Path.of(args.length > 0 ? args[0] : "bootstrap/target/userinfo-lambda.zip");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1");
        }
        Path dir = Files.createTempDirectory("userinfo-lambda-");
        try {
            unzip(zip, dir);
            if (args.length > 2) {
                Map<String, List<String>> chosen = new java.util.LinkedHashMap<>();
                for (String name : args[2].split(",")) {
                    List<String> options = VARIANTS.get(name);
                    if (options == null) {
                        throw new IllegalArgumentException("unknown variant " + name + "; known: " + VARIANTS.keySet());
                    }
                    chosen.put(name, options);
                }
                compare(zip, dir, runs, chosen);
            } else {
                report(zip, dir, runs);
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Each option set {@code runs} times, interleaved run by run, after one uncounted run of each. */
    private static void compare(Path zip, Path dir, int runs, Map<String, List<String>> variants) throws Exception {
        System.out.printf(Locale.ROOT, "zip: %s (%d bytes), JVM: %s %s%n", zip, Files.size(zip),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        Path cds = dir.resolve("userinfo-lambda.jsa");
        Map<String, List<Run>> results = new java.util.LinkedHashMap<>();
        // AppCDS archives classes from jars only (a JVM with a non-empty directory on its classpath
        // refuses to dump or use one), so in this mode the zip's root classes and the driver class are
        // put into jars of their own, for every option set alike.
        try (Session session = new Session(dir, true)) {
            if (variants.values().stream().anyMatch(o -> o.contains("-XX:SharedArchiveFile=%cds"))) {
                session.launch(List.of("-XX:ArchiveClassesAtExit=" + cds));
                System.out.printf(Locale.ROOT, "AppCDS archive from one training run: %d bytes%n", Files.size(cds));
            }
            Map<String, List<String>> resolved = new java.util.LinkedHashMap<>();
            variants.forEach((name, options) ->
                    resolved.put(name, options.stream().map(o -> o.replace("%cds", cds.toString())).toList()));
            for (List<String> options : resolved.values()) {
                session.launch(options); // uncounted: page cache, archive mapped once
            }
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, List<String>> v : resolved.entrySet()) {
                    Run r = session.launch(v.getValue());
                    results.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(r);
                    System.out.printf(Locale.ROOT, "run %d %-16s launch->response %5d ms, handler init %7.1f ms, "
                            + "first request %6.1f ms%n", i + 1, v.getKey(), r.launchToResponseMs(), r.initMs(), r.requestMs());
                }
            }
        }
        String baseline = variants.keySet().iterator().next();
        double base = median(results.get(baseline).stream().mapToDouble(Run::launchToResponseMs).toArray());
        System.out.printf(Locale.ROOT, "%nmedians over %d fresh JVMs each, interleaved; ratio to %s%n%n", runs, baseline);
        System.out.println("| JVM options | launch → response ms | handler init ms | first request ms | ratio |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Map.Entry<String, List<Run>> e : results.entrySet()) {
            double launchToResponse = median(e.getValue().stream().mapToDouble(Run::launchToResponseMs).toArray());
            System.out.printf(Locale.ROOT, "| %s `%s` | %.0f | %.1f | %.1f | %.2f |%n", e.getKey(),
                    String.join(" ", variants.get(e.getKey())).replace("%cds", "…/userinfo-lambda.jsa"), launchToResponse,
                    median(e.getValue().stream().mapToDouble(Run::initMs).toArray()),
                    median(e.getValue().stream().mapToDouble(Run::requestMs).toArray()), launchToResponse / base);
        }
    }

    private static void report(Path zip, Path dir, int runs) throws Exception {
        System.out.printf(Locale.ROOT, "zip: %s (%d bytes), JVM: %s %s, options: %s%n", zip, Files.size(zip),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), JVM_OPTIONS);
        // One run first, not counted: it brings the zip's jars into the page cache, as a
        // Lambda worker has its code on local disk before the init phase starts.
        run(dir, 1);
        List<Run> results = run(dir, runs);
        System.out.println("run  launch->response ms  main->response ms  handler init ms  first request ms  process ms");
        for (int i = 0; i < results.size(); i++) {
            Run r = results.get(i);
            System.out.printf(Locale.ROOT, "%3d  %19d  %17.1f  %15.1f  %16.1f  %10d%n", i + 1, r.launchToResponseMs(),
                    r.mainToResponseMs(), r.initMs(), r.requestMs(), r.processMs());
        }
        System.out.printf(Locale.ROOT, "median over %d runs: launch->response %.1f ms, handler init %.1f ms, "
                        + "first request %.1f ms, process %.1f ms%n", results.size(),
                median(results.stream().mapToDouble(Run::launchToResponseMs).toArray()),
                median(results.stream().mapToDouble(Run::initMs).toArray()),
                median(results.stream().mapToDouble(Run::requestMs).toArray()),
                median(results.stream().mapToDouble(Run::processMs).toArray()));
    }

    /**
     * Starts the stand-in Cognito, then {@code runs} fresh JVMs one after another.
     *
     * @param extractedZip a directory holding the zip's contents
     * @throws IllegalStateException when a run does not answer 200 with alice's profile
     */
    static List<Run> run(Path extractedZip, int runs) throws Exception {
        try (Session session = new Session(extractedZip, false)) {
            List<Run> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(session.launch(JVM_OPTIONS));
            }
            return results;
        }
    }

    /**
     * The stand-in Cognito and the child's classpath, kept for a series of launches (an AppCDS archive
     * is only used by JVMs whose classpath is the one it was written with).
     */
    private static final class Session implements AutoCloseable {
        private final RSAKey key;
        private final HttpServer cognito;
        private final String endpoint;
        private final String issuer;
        private final Path childDir;
        private final String classpath;

        /** @param jarred the zip's root classes and the driver class in jars rather than directories */
        Session(Path extractedZip, boolean jarred) throws Exception {
            key = new RSAKeyGenerator(2048).keyID("bench-key-1").generate();
            AtomicInteger adminGetUserCalls = new AtomicInteger();
            cognito = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            endpoint = "http://127.0.0.1:" + cognito.getAddress().getPort();
            issuer = endpoint + "/" + POOL_ID;
            String jwks = new JWKSet(key.toPublicJWK()).toString();
            cognito.createContext("/" + POOL_ID + "/.well-known/jwks.json", exchange -> send(exchange, "application/json", jwks));
            cognito.createContext("/", exchange -> {
                adminGetUserCalls.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                send(exchange, "application/x-amz-json-1.1", adminGetUserAnswer());
            });
            cognito.start();
            childDir = Files.createTempDirectory("userinfo-coldstart-child-");
            copyChildClass(childDir);
            if (jarred) {
                Path rootJar = jarOf(extractedZip, childDir.resolve("zip-root.jar"), p -> !p.startsWith(extractedZip.resolve("lib")));
                Path childJar = jarOf(childDir, childDir.resolve("driver.jar"), p -> p.toString().endsWith(".class"));
                classpath = rootJar + java.io.File.pathSeparator + extractedZip.resolve("lib") + "/*"
                        + java.io.File.pathSeparator + childJar;
            } else {
                classpath = extractedZip + java.io.File.pathSeparator + extractedZip.resolve("lib") + "/*"
                        + java.io.File.pathSeparator + childDir;
            }
        }

        /** Puts the regular files under {@code dir} that {@code include} accepts into a new jar. */
        private static Path jarOf(Path dir, Path jar, java.util.function.Predicate<Path> include) throws IOException {
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                    var files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).filter(include).filter(p -> !p.equals(jar)).toList()) {
                    out.putNextEntry(new java.util.jar.JarEntry(dir.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            return jar;
        }

        Run launch(List<String> jvmOptions) throws Exception {
            return LambdaColdStartBenchmark.launch(classpath, jvmOptions, environment(endpoint, issuer), idToken(key, issuer));
        }

        @Override
        public void close() throws IOException {
            cognito.stop(0);
            deleteRecursively(childDir);
        }
    }

    private static Run launch(String classpath, List<String> jvmOptions, Map<String, String> env, String token)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, LambdaColdStartChild.class.getName()));
        long launched = System.currentTimeMillis();
        command.add(Long.toString(launched));
        command.add(token);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                output.add(line);
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("cold-start run did not finish in 60 s: " + output);
        }
        long processMs = (System.nanoTime() - started) / 1_000_000;
        Map<String, String> figures = new HashMap<>();
        String body = null;
        for (String line : output) {
            if (line.startsWith(LambdaColdStartChild.RESULT)) {
                for (String pair : line.substring(LambdaColdStartChild.RESULT.length()).split(" ")) {
                    String[] kv = pair.split("=", 2);
                    figures.put(kv[0], kv[1]);
                }
            } else if (line.startsWith(LambdaColdStartChild.BODY)) {
                body = line.substring(LambdaColdStartChild.BODY.length());
            }
        }
        if (process.exitValue() != 0 || figures.isEmpty()) {
            throw new IllegalStateException("cold-start run failed (exit " + process.exitValue() + "): "
                    + String.join("\n", output));
        }
        Run run = new Run(Integer.parseInt(figures.get("status")), body,
                Long.parseLong(figures.get("launchToResponseMs")), Double.parseDouble(figures.get("mainToResponseMs")),
                Double.parseDouble(figures.get("initMs")), Double.parseDouble(figures.get("requestMs")), processMs);
        if (run.status() != 200 || !EXPECTED_BODY.equals(run.body())) {
            throw new IllegalStateException("cold-start run answered " + run.status() + " " + run.body()
                    + "\n" + String.join("\n", output));
        }
        return run;
    }

    private static Map<String, String> environment(String endpoint, String issuer) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "cold-start-benchmark");
        env.put("AWS_SECRET_ACCESS_KEY", "cold-start-benchmark");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("COGNITO_USER_POOL_ID", POOL_ID);
        env.put("COGNITO_CLIENT_IDS", CLIENT_ID);
        env.put("COGNITO_ENDPOINT", endpoint);
        env.put("COGNITO_ISSUER", issuer);
        env.put("ALLOWED_ORIGINS", "https://app.example.com");
        return env;
    }

    private static String idToken(RSAKey key, String issuer) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(SUB)
                .audience(CLIENT_ID)
                .claim("token_use", "id")
                .claim("cognito:username", "alice")
                .claim("email", "alice@example.com")
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String adminGetUserAnswer() {
        return "{\"Enabled\":true,\"Username\":\"alice\",\"UserStatus\":\"CONFIRMED\","
                + "\"UserCreateDate\":1.7733E9,\"UserLastModifiedDate\":1.7733E9,\"UserAttributes\":["
                + "{\"Name\":\"sub\",\"Value\":\"" + SUB + "\"},"
                + "{\"Name\":\"email\",\"Value\":\"alice@example.com\"},"
                + "{\"Name\":\"email_verified\",\"Value\":\"true\"},"
                + "{\"Name\":\"nickname\",\"Value\":\"Ally\"}]}";
    }

    private static void send(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void copyChildClass(Path dir) throws IOException {
        String resource = LambdaColdStartChild.class.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = LambdaColdStartChild.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void unzip(Path zip, Path dir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
