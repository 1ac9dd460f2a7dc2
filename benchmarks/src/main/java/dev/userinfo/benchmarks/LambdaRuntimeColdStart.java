package dev.userinfo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Cold start of the Lambda zip under the real Lambda runtime interface client, run by
 * {@code benchmarks/lambda-cold-start.sh}: each launch is a fresh JVM started the way the managed
 * Java runtime starts one — the runtime interface client's jars (and nothing else) on the class path,
 * {@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda <handler>} as the main class, the
 * unpacked zip as the working directory (the client loads the function from there and its
 * {@code lib/}), the managed runtime's JVM options and the Lambda environment variables — polling a
 * {@link RuntimeApiStandIn} for its one invocation. Beside it, in the same run and interleaved launch
 * by launch, the {@link TrivialLambdaHandler} started the same way.
 *
 * <p><b>"First response"</b> is the moment the runtime posts the answer to the invocation to the
 * Runtime API stand-in, timed on the benchmark's clock from just before the process is started. The
 * invocation is {@code GET /userinfo} from a REST API (payload 1.0) with a valid, signed ID token, so
 * the zip's first answer is the real 200 with the user's profile: its time includes the key set
 * fetch (from a {@link StandInKeySet}), the first RS256 check and the first AdminGetUser (answered by
 * a stand-in over Cognito's JSON protocol). Every launch must answer exactly that (the trivial handler
 * its constant 200) or the benchmark fails. Also reported: launch → the runtime's first request for
 * work (its init phase: JVM, runtime client and handler construction).
 *
 * <p>Options ({@code --name=value}): {@code runs} (7, after one uncounted launch of each to bring the
 * files into the page cache, as a Lambda worker has its code on local disk), {@code zip}
 * (bootstrap/target/userinfo-lambda.zip: point it at another build to measure a variant),
 * {@code handler} (dev.userinfo.bootstrap.lambda.LambdaRestApiHandler::handleRequest),
 * {@code java-tool-options} ({@code JAVA_TOOL_OPTIONS} for the zip's launches only, as the template
 * would set it for the function), {@code memory} (the function's memory in MB, 1024 as in the
 * template: the heap limit follows it as in the managed runtime).
 */
public final class LambdaRuntimeColdStart {

    static final String POOL_ID = "eu-west-1_Bench12345";
    static final String CLIENT_ID = "benchclient0123456789abcd";
    static final String ORIGIN = "https://app.example.com";
    static final StandInKeySet.User USER = new StandInKeySet.User("alice", "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a",
            "alice@example.com");
    static final String EXPECTED_BODY = "{\"name\":\"alice\",\"email\":\"alice@example.com\",\"nickname\":\"Ally\","
            + "\"sub\":\"" + USER.sub() + "\",\"email_verified\":true,\"groups\":[]}";
    static final long SIXTEEN_MIB = 16L * 1024 * 1024;
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(60);
    /** By name: the class needs aws-lambda-java-core, which only the launched JVMs have. */
    private static final String TRIVIAL_HANDLER = LambdaRuntimeColdStart.class.getPackageName() + ".TrivialLambdaHandler";

    /** One launch: ms from process start to the runtime's first {@code /next}, and to its answer. */
    record Launch(String function, double initMs, double responseMs) {
    }

    /** A function to launch: its task root, handler and extra environment. */
    private record Function(String name, Path taskRoot, String handler, Map<String, String> env, String expectedBody) {
    }

    private LambdaRuntimeColdStart() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoadBenchmark.options(args);
        int runs = Integer.parseInt(o.getOrDefault("runs", "7"));
        Path zip = Path.of(o.getOrDefault("zip", "bootstrap/target/userinfo-lambda.zip")).toAbsolutePath();
        String handler = o.getOrDefault("handler", "dev.userinfo.bootstrap.lambda.LambdaRestApiHandler::handleRequest");
        String javaToolOptions = o.getOrDefault("java-tool-options", "");
        int memoryMb = Integer.parseInt(o.getOrDefault("memory", "1024"));
        Path runtimeLib = Path.of("benchmarks/target/lambda-runtime").toAbsolutePath();
        if (!Files.isRegularFile(zip) || !Files.isDirectory(runtimeLib)) {
            throw new IllegalStateException(zip + " or " + runtimeLib + " is missing: run from the repository root after "
                    + "mvn -pl bootstrap,benchmarks -am package -DskipTests (benchmarks/lambda-cold-start.sh does)");
        }
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1");
        }
        Path work = Files.createTempDirectory("userinfo-lambda-ric-");
        try {
            Path zipRoot = Files.createDirectories(work.resolve("task-zip"));
            unzip(zip, zipRoot);
            Path trivialRoot = trivialTaskRoot(work.resolve("task-trivial"), zipRoot);
            Path jni = extractJni(runtimeLib, work);
            List<String> command = command(runtimeLib, jni, memoryMb);
            System.out.printf(Locale.ROOT, "Lambda cold start under the runtime interface client, %s: zip %s (%d bytes, %.2f MiB; "
                            + "goal <= 16 MiB: %s); runtime class path %s; JNI %s; JVM %s %s; %d cores; load average %s%n",
                    ZonedDateTime.now().withNano(0), zip, Files.size(zip), Files.size(zip) / 1024.0 / 1024.0,
                    Files.size(zip) <= SIXTEEN_MIB ? "met" : "MISSED", classPath(runtimeLib), jni.getFileName(),
                    System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                    Runtime.getRuntime().availableProcessors(), LoadBenchmark.loadAverages());
            System.out.println("JVM options (the managed Java runtime's): " + command.subList(1, command.indexOf("-classpath")));

            try (StandInKeySet keys = StandInKeySet.start(POOL_ID); AdminGetUserStandIn cognito = new AdminGetUserStandIn()) {
                String token = keys.idToken(USER, CLIENT_ID, List.of(), Duration.ofHours(1));
                String event = restApiEvent(token);
                Map<String, String> zipEnv = new LinkedHashMap<>();
                zipEnv.put("COGNITO_USER_POOL_ID", POOL_ID);
                zipEnv.put("COGNITO_CLIENT_IDS", CLIENT_ID);
                zipEnv.put("COGNITO_TOKEN_USE", "id");
                zipEnv.put("COGNITO_ENDPOINT", cognito.endpoint());
                zipEnv.put("COGNITO_ISSUER", keys.issuer());
                zipEnv.put("COGNITO_JWKS_URL", keys.jwksUrl().toString());
                zipEnv.put("ALLOWED_ORIGINS", ORIGIN);
                zipEnv.put("ATTRIBUTE_CACHE_TTL_SECONDS", "60");
                zipEnv.put("TRUST_API_GATEWAY_AUTHORIZER", "false");
                if (!javaToolOptions.isBlank()) {
                    zipEnv.put("JAVA_TOOL_OPTIONS", javaToolOptions);
                }
                List<Function> functions = List.of(
                        new Function("userinfo zip", zipRoot, handler, zipEnv, EXPECTED_BODY),
                        new Function("trivial", trivialRoot, TRIVIAL_HANDLER + "::handleRequest", Map.of(),
                                TrivialLambdaHandler.BODY));
                for (Function f : functions) {
                    launch(command, f, event, memoryMb, work); // uncounted
                }
                List<Launch> launches = new ArrayList<>();
                List<Double> loads = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    for (Function f : functions) {
                        loads.add(loadAverage1());
                        Launch l = launch(command, f, event, memoryMb, work);
                        launches.add(l);
                        System.out.printf(Locale.ROOT, "run %d %-12s launch -> init done %6.0f ms, launch -> first response %6.0f ms%n",
                                run, f.name(), l.initMs(), l.responseMs());
                    }
                }
                report(launches, functions, runs, loads, cognito.calls(), keys.keySetFetches());
            }
        } finally {
            LoadBenchmark.deleteRecursively(work);
        }
    }

    private static void report(List<Launch> launches, List<Function> functions, int runs, List<Double> loads,
            int adminGetUserCalls, int keySetFetches) {
        System.out.printf(Locale.ROOT, "%nmedians of %d launches each, interleaved (load average %.1f–%.1f)%n%n", runs,
                loads.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                loads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        System.out.println("| function | launch → init done ms | launch → first response ms |");
        System.out.println("|---|---:|---:|");
        Map<String, Double> response = new LinkedHashMap<>();
        for (Function f : functions) {
            List<Launch> mine = launches.stream().filter(l -> l.function().equals(f.name())).toList();
            double init = LoadBenchmark.median(mine.stream().mapToDouble(Launch::initMs).toArray());
            double first = LoadBenchmark.median(mine.stream().mapToDouble(Launch::responseMs).toArray());
            response.put(f.name(), first);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", f.name(), init, first);
        }
        System.out.printf(Locale.ROOT, "%nratio zip/trivial, launch → first response: %.2f (goal <= 1.6)%n",
                response.get(functions.get(0).name()) / response.get(functions.get(1).name()));
        System.out.printf(Locale.ROOT, "AdminGetUser calls: %d, key set fetches: %d (one each per zip launch, uncounted one included)%n",
                adminGetUserCalls, keySetFetches);
    }

    /** {@code java <the managed runtime's options> -classpath <runtime jars> AWSLambda}; the handler follows. */
    private static List<String> command(Path runtimeLib, Path jni, int memoryMb) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As the managed Java runtime starts its JVM (its launch command as seen on java17/java21
        // functions): heap limited to 85 % of the memory, serial GC, C1 only, CDS, the client's JNI
        // library named, and the CRaC compat shim. Its Log4j hot-patch agent is left out.
        command.add("-XX:MaxHeapSize=" + (memoryMb * 1024L * 85 / 100) + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-XX:+ErrorFileToStderr");
        command.add("-D" + JNI_PROPERTY + "=" + jni);
        command.add("-classpath");
        command.add(classPath(runtimeLib));
        command.add(RIC_MAIN);
        return command;
    }

    private static String classPath(Path runtimeLib) throws IOException {
        try (Stream<Path> jars = Files.list(runtimeLib)) {
            return String.join(File.pathSeparator, jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList());
        }
    }

    /** One cold start: a fresh Runtime API stand-in, a fresh JVM, its first answer checked, the JVM stopped. */
    private static Launch launch(List<String> command, Function f, String event, int memoryMb, Path work) throws Exception {
        String arn = "arn:aws:lambda:eu-west-1:123456789012:function:userinfo";
        try (RuntimeApiStandIn runtimeApi = new RuntimeApiStandIn(event, arn)) {
            List<String> full = new ArrayList<>(command);
            full.add(f.handler());
            Path log = work.resolve("launch.log");
            ProcessBuilder builder = new ProcessBuilder(full).directory(f.taskRoot().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(lambdaEnvironment(runtimeApi.address(), f, memoryMb));
            builder.environment().putAll(f.env());
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                RuntimeApiStandIn.Outcome outcome = null;
                long deadline = start + LAUNCH_TIMEOUT.toNanos();
                while (outcome == null) {
                    try {
                        outcome = runtimeApi.await(Duration.ofMillis(100));
                    } catch (TimeoutException e) {
                        if (!process.isAlive() || System.nanoTime() > deadline) {
                            throw new IllegalStateException(f.name() + " gave no answer (process "
                                    + (process.isAlive() ? "still running" : "exited " + process.exitValue()) + "):\n"
                                    + ServerProcess.read(log));
                        }
                    }
                }
                check(f, outcome, log);
                return new Launch(f.name(), (outcome.nextAtNanos() - start) / 1e6, (outcome.doneAtNanos() - start) / 1e6);
            } finally {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static void check(Function f, RuntimeApiStandIn.Outcome outcome, Path log) throws IOException {
        JsonNode response = outcome.answered() ? new ObjectMapper().readTree(outcome.body()) : null;
        if (response == null || response.path("statusCode").asInt() != 200 || !f.expectedBody().equals(response.path("body").asText())) {
            throw new IllegalStateException(f.name() + " answered " + outcome.body() + "\n" + ServerProcess.read(log));
        }
    }

    /** The variables Lambda sets for every function (the developer guide's "Defined runtime environment variables"). */
    private static Map<String, String> lambdaEnvironment(String runtimeApi, Function f, int memoryMb) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", f.handler());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", f.taskRoot().toString());
        // As Lambda sets it, with the task root and its lib/ (where a function's native libraries go);
        // the JVM's java.library.path starts with it.
        env.put("LD_LIBRARY_PATH", "/lib64:/usr/lib64:" + f.taskRoot() + ":" + f.taskRoot().resolve("lib"));
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "userinfo");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/userinfo");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]00000000000000000000000000000000");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        // Lambda hands the execution role's credentials over in these variables.
        env.put("AWS_ACCESS_KEY_ID", "ASIACOLDSTARTBENCH00");
        env.put("AWS_SECRET_ACCESS_KEY", "cold-start-benchmark-secret");
        env.put("AWS_SESSION_TOKEN", "cold-start-benchmark-session");
        // Nothing answers the instance metadata address here; make sure nothing waits for it.
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    /** A REST API (payload 1.0) proxy event for {@code GET /userinfo} as API Gateway sends it behind a Cognito authorizer. */
    private static String restApiEvent(String token) {
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + token);
        headers.put("Host", "abcdef1234.execute-api.eu-west-1.amazonaws.com");
        headers.put("Origin", ORIGIN);
        headers.put("User-Agent", "Mozilla/5.0");
        headers.put("X-Forwarded-For", "203.0.113.7");
        headers.put("X-Forwarded-Port", "443");
        headers.put("X-Forwarded-Proto", "https");
        Map<String, Object> multiValueHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> multiValueHeaders.put(name, List.of(value)));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("resourceId", "abc123");
        context.put("authorizer", Map.of("claims", Map.of("sub", USER.sub(), "cognito:username", USER.username(),
                "email", USER.email(), "token_use", "id", "aud", CLIENT_ID)));
        context.put("resourcePath", "/userinfo");
        context.put("httpMethod", "GET");
        context.put("extendedRequestId", "cold-start-ext");
        context.put("requestTime", "01/Jan/2026:00:00:00 +0000");
        context.put("path", "/prod/userinfo");
        context.put("accountId", "123456789012");
        context.put("protocol", "HTTP/1.1");
        context.put("stage", "prod");
        context.put("domainPrefix", "abcdef1234");
        context.put("requestTimeEpoch", 1767225600000L);
        context.put("requestId", "c0ld5tar-0000-4000-8000-000000000001");
        context.put("identity", Map.of("sourceIp", "203.0.113.7", "userAgent", "Mozilla/5.0"));
        context.put("domainName", "abcdef1234.execute-api.eu-west-1.amazonaws.com");
        context.put("apiId", "abcdef1234");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", "/userinfo");
        event.put("path", "/userinfo");
        event.put("httpMethod", "GET");
        event.put("headers", headers);
        event.put("multiValueHeaders", multiValueHeaders);
        event.put("queryStringParameters", null);
        event.put("multiValueQueryStringParameters", null);
        event.put("pathParameters", null);
        event.put("stageVariables", null);
        event.put("requestContext", context);
        event.put("body", null);
        event.put("isBase64Encoded", false);
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The baseline's task root: the trivial handler's class file, and the zip's events jar in {@code lib/}
     * (with joda-time, when the zip carries it: a zip of before issue 13 did).
     */
    private static Path trivialTaskRoot(Path root, Path zipRoot) throws IOException {
        String resource = TRIVIAL_HANDLER.replace('.', '/') + ".class";
        Path classFile = root.resolve(resource);
        Files.createDirectories(classFile.getParent());
        try (InputStream in = LambdaRuntimeColdStart.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, classFile);
        }
        Path lib = Files.createDirectories(root.resolve("lib"));
        // The events library the handler's signature names; joda-time only if the zip has it.
        for (String prefix : List.of("aws-lambda-java-events-", "joda-time-")) {
            try (Stream<Path> jars = Files.list(zipRoot.resolve("lib"))) {
                List<Path> found = jars.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
                if (found.isEmpty() && prefix.startsWith("joda-time")) {
                    continue;
                }
                if (found.size() != 1) {
                    throw new IllegalStateException("expected one " + prefix + "*.jar in the zip's lib/, found " + found);
                }
                Files.copy(found.get(0), lib.resolve(found.get(0).getFileName()));
            }
        }
        return root;
    }

    /**
     * The runtime interface client's JNI library for this machine, taken out of its jar once, as the
     * managed runtime keeps it on disk and names it with a system property (the client would otherwise
     * unpack it to a fixed path in /tmp at every start).
     */
    private static Path extractJni(Path runtimeLib, Path work) throws IOException {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch_64";
            default -> throw new IllegalStateException("the runtime interface client has no JNI library for "
                    + System.getProperty("os.arch"));
        };
        String name = "libaws-lambda-jni.linux-" + arch + ".so";
        try (Stream<Path> jars = Files.list(runtimeLib)) {
            Path ric = jars.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client-"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no runtime interface client jar in " + runtimeLib));
            try (JarFile jar = new JarFile(ric.toFile())) {
                ZipEntry entry = jar.getEntry("jni/" + name);
                if (entry == null) {
                    throw new IllegalStateException(ric + " has no jni/" + name);
                }
                Path target = work.resolve(name);
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                return target;
            }
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

    private static double loadAverage1() {
        try {
            return Double.parseDouble(LoadBenchmark.loadAverages().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Cognito's AdminGetUser for the one user, over its JSON protocol
     * ({@code X-Amz-Target: AWSCognitoIdentityProviderService.AdminGetUser}): the user when asked by
     * username or {@code sub}, {@code UserNotFoundException} otherwise.
     */
    private static final class AdminGetUserStandIn implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger calls = new AtomicInteger();

        AdminGetUserStandIn() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        int calls() {
            return calls.get();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                JsonNode request = new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes());
                String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                String username = request.path("Username").asText();
                boolean known = "AWSCognitoIdentityProviderService.AdminGetUser".equals(target)
                        && POOL_ID.equals(request.path("UserPoolId").asText())
                        && (USER.username().equals(username) || USER.sub().equals(username));
                if (known) {
                    calls.incrementAndGet();
                }
                String body = known
                        ? "{\"Enabled\":true,\"Username\":\"" + USER.username() + "\",\"UserStatus\":\"CONFIRMED\","
                                + "\"UserCreateDate\":1.7733E9,\"UserLastModifiedDate\":1.7733E9,\"UserAttributes\":["
                                + "{\"Name\":\"sub\",\"Value\":\"" + USER.sub() + "\"},"
                                + "{\"Name\":\"email\",\"Value\":\"" + USER.email() + "\"},"
                                + "{\"Name\":\"email_verified\",\"Value\":\"true\"},"
                                + "{\"Name\":\"nickname\",\"Value\":\"Ally\"}]}"
                        : "{\"__type\":\"UserNotFoundException\",\"message\":\"User does not exist.\"}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                if (!known) {
                    exchange.getResponseHeaders().set("x-amzn-ErrorType", "UserNotFoundException");
                }
                exchange.sendResponseHeaders(known ? 200 : 400, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
