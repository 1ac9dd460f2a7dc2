package dev.userinfo.benchmarks;

import dev.userinfo.adapter.cognito.emulator.CognitoLocal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The load benchmark, run by {@code benchmarks/load.sh}: cognito-local with 100 signed-in users, the
 * local server's jar in cognito mode against it (in a JVM of its own), and {@code wrk} at a fixed
 * number of connections and duration against {@code GET /userinfo} and, in the same run and
 * alternating with it, against the constant-answer route of the {@link HttpFloorServer} (the same
 * Javalin configuration, in a JVM of its own with the same options). Prints, for both, requests/s, p50
 * and p99 (median over the rounds), the ratio userinfo/floor, the non-2xx answers, the AdminGetUser
 * calls the server made and the peak RSS of both JVMs.
 *
 * <p>Options ({@code --name=value}): {@code users} (100), {@code connections} (32), {@code threads}
 * (2), {@code warmup} seconds per target (45: the JIT needs that long on a busy 2-core machine),
 * {@code duration} seconds per round (20), {@code rounds} (3),
 * {@code ttl} attribute cache seconds (60), {@code jvm-opts} for both server JVMs (none),
 * {@code profile-opts} for the userinfo JVM only (none; e.g. a JFR recording, which is not measured
 * for the floor and so skews the ratio: use it to find where time goes, not for the figures).
 */
public final class LoadBenchmark {

    private static final Pattern WRK_RESULT = Pattern.compile("WRK_RESULT (.*)");
    private static final Pattern STATUS = Pattern.compile("\"status\":(\\d+)");
    private static final String PASSWORD = "Load-Bench-9";

    private LoadBenchmark() {
    }

    /** One wrk run's figures. */
    record Run(String target, long requests, double seconds, double p50Ms, double p99Ms, long non2xx, long socketErrors,
            double serverCpuMicrosPerRequest) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int users = Integer.parseInt(options.getOrDefault("users", "100"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "45"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "20"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int ttl = Integer.parseInt(options.getOrDefault("ttl", "60"));
        List<String> jvmOptions = words(options.getOrDefault("jvm-opts", ""));
        List<String> userinfoJvmOptions = new ArrayList<>(jvmOptions);
        userinfoJvmOptions.addAll(words(options.getOrDefault("profile-opts", "")));

        Path localJar = Path.of("bootstrap/target/userinfo-local.jar").toAbsolutePath();
        Path benchmarksJar = Path.of("benchmarks/target/benchmarks.jar").toAbsolutePath();
        for (Path jar : List.of(localJar, benchmarksJar)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run from the repository root after "
                        + "mvn -pl bootstrap,benchmarks -am package -DskipTests (benchmarks/load.sh does)");
            }
        }
        Path work = Files.createTempDirectory("userinfo-load-");
        System.out.printf(Locale.ROOT, "load benchmark: %d users, wrk -t%d -c%d, warm-up %d s, %d rounds of %d s per target, "
                        + "attribute cache TTL %d s, server JVM options %s, %s %s, %d cores%n",
                users, threads, connections, warmup, rounds, duration, ttl, jvmOptions.isEmpty() ? "(none)" : jvmOptions,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors());
        try (CognitoLocal cognito = CognitoLocal.start()) {
            String poolId = cognito.createUserPool("userinfo-load");
            String clientId = cognito.createAppClient(poolId, "load");
            List<String> tokens = signIn(cognito, poolId, clientId, users);
            Path tokenFile = Files.write(work.resolve("tokens.txt"), tokens);
            Path script = work.resolve("userinfo.lua");
            try (InputStream lua = LoadBenchmark.class.getResourceAsStream("wrk-tokens.lua")) {
                Files.copy(lua, script);
            }

            try (AdminGetUserCounter counter = new AdminGetUserCounter(cognito.endpoint())) {
                Map<String, String> env = new HashMap<>();
                env.put("USERINFO_MODE", "cognito");
                env.put("PORT", "0");
                env.put("AWS_REGION", CognitoLocal.REGION);
                env.put("COGNITO_USER_POOL_ID", poolId);
                env.put("COGNITO_CLIENT_IDS", clientId);
                // AdminGetUser goes through the counter; tokens name the emulator itself as issuer,
                // and the key set comes straight from it.
                env.put("COGNITO_ENDPOINT", counter.endpoint().toString());
                env.put("COGNITO_ISSUER", cognito.issuer(poolId));
                env.put("ATTRIBUTE_CACHE_TTL_SECONDS", Integer.toString(ttl));
                try (ServerProcess userinfo = ServerProcess.start(
                        ServerProcess.javaCommand(userinfoJvmOptions, "-jar", localJar.toString()), env,
                        work.resolve("userinfo.log"), Duration.ofSeconds(60))) {
                    byte[] body = firstAnswer(userinfo.baseUrl() + "/userinfo", tokens.get(0));
                    Path bodyFile = Files.write(work.resolve("floor-body.json"), body);
                    try (ServerProcess floor = ServerProcess.start(
                            ServerProcess.javaCommand(jvmOptions, "-cp", benchmarksJar.toString(),
                                    HttpFloorServer.class.getName(), bodyFile.toString()),
                            Map.of(), work.resolve("floor.log"), Duration.ofSeconds(60))) {
                        String userinfoUrl = userinfo.baseUrl() + "/userinfo";
                        String floorUrl = floor.baseUrl() + HttpFloorServer.PATH;
                        List<String> wrk = List.of("wrk", "-t" + threads, "-c" + connections);

                        System.out.println("warming up both servers ...");
                        wrk(wrk, warmup, script, userinfoUrl, tokenFile, "userinfo", userinfo);
                        wrk(wrk, warmup, script, floorUrl, tokenFile, "floor", floor);
                        List<Run> measured = new ArrayList<>();
                        for (int round = 1; round <= rounds; round++) {
                            Run u = wrk(wrk, duration, script, userinfoUrl, tokenFile, "userinfo", userinfo);
                            Run f = wrk(wrk, duration, script, floorUrl, tokenFile, "floor", floor);
                            measured.add(u);
                            measured.add(f);
                            System.out.printf(Locale.ROOT, "round %d: userinfo %.0f req/s (p50 %.2f ms, p99 %.2f ms, "
                                            + "%.0f us CPU/request), floor %.0f req/s (p50 %.2f ms, p99 %.2f ms, %.0f us CPU/request), "
                                            + "ratio %.2f%n", round,
                                    u.requestsPerSecond(), u.p50Ms(), u.p99Ms(), u.serverCpuMicrosPerRequest(),
                                    f.requestsPerSecond(), f.p50Ms(), f.p99Ms(), f.serverCpuMicrosPerRequest(),
                                    u.requestsPerSecond() / f.requestsPerSecond());
                        }
                        long userinfoPeakKib = userinfo.peakRssKib().orElse(-1);
                        long floorPeakKib = floor.peakRssKib().orElse(-1);
                        report(measured, counter.calls(), users, Duration.ofSeconds(ttl), statusCounts(userinfo.output()),
                                userinfoPeakKib, floorPeakKib, connections, threads, duration, rounds);
                    }
                }
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private static List<String> signIn(CognitoLocal cognito, String poolId, String clientId, int users) {
        System.out.printf(Locale.ROOT, "creating and signing in %d users in cognito-local ...%n", users);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String username = String.format(Locale.ROOT, "user%03d", i);
            cognito.createUser(poolId, username, PASSWORD, Map.of(
                    "email", username + "@example.com", "email_verified", "true", "nickname", "User " + i));
            tokens.add(cognito.initiateAuth(clientId, username, PASSWORD).idToken());
        }
        return tokens;
    }

    private static byte[] firstAnswer(String url, String token) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("userinfo answered " + answer.statusCode() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return answer.body();
    }

    private static Run wrk(List<String> wrk, int seconds, Path script, String url, Path tokens, String target,
            ServerProcess server) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(wrk);
        command.addAll(List.of("-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(), url, "--", tokens.toString()));
        double cpuBefore = server.cpuSeconds();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + command + "\n" + output);
        }
        double cpuUsed = server.cpuSeconds() - cpuBefore;
        Matcher m = WRK_RESULT.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no WRK_RESULT line from wrk:\n" + output);
        }
        Map<String, Long> figures = new HashMap<>();
        for (String pair : m.group(1).trim().split(" ")) {
            String[] kv = pair.split("=");
            figures.put(kv[0], Long.parseLong(kv[1]));
        }
        long requests = figures.get("requests");
        return new Run(target, requests, figures.get("duration_us") / 1e6,
                figures.get("p50_us") / 1e3, figures.get("p99_us") / 1e3, figures.get("status_errors"),
                figures.get("connect_errors") + figures.get("read_errors") + figures.get("write_errors")
                        + figures.get("timeouts"), cpuUsed * 1e6 / Math.max(1, requests));
    }

    /** Answers by status in the server's access log: every request it answered, warm-up included. */
    private static Map<Integer, Long> statusCounts(Path log) throws IOException {
        Map<Integer, Long> counts = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("{\"level\"")) {
                    Matcher m = STATUS.matcher(line);
                    if (m.find()) {
                        counts.merge(Integer.parseInt(m.group(1)), 1L, Long::sum);
                    }
                }
            }
        }
        return counts;
    }

    private static void report(List<Run> runs, List<AdminGetUserCounter.Call> calls, int users, Duration ttl,
            Map<Integer, Long> statuses, long userinfoPeakKib, long floorPeakKib, int connections, int threads,
            int duration, int rounds) {
        Run userinfo = medians(runs, "userinfo");
        Run floor = medians(runs, "floor");
        long non2xxLogged = statuses.entrySet().stream().filter(e -> e.getKey() / 100 != 2).mapToLong(Map.Entry::getValue).sum();
        long answered = statuses.values().stream().mapToLong(Long::longValue).sum();
        long distinctUsers = calls.stream().map(AdminGetUserCounter.Call::username).distinct().count();
        int maxPerWindow = AdminGetUserCounter.maxCallsPerUserWithin(calls, ttl);

        System.out.println();
        System.out.printf(Locale.ROOT, "wrk -t%d -c%d, %d rounds of %d s per target, alternating; medians over the rounds%n%n",
                threads, connections, rounds, duration);
        System.out.println("| target | req/s | p50 ms | p99 ms | server CPU µs/request | non-2xx | socket errors |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Run r : List.of(userinfo, floor)) {
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.0f | %d | %d |%n", r.target(), r.requestsPerSecond(),
                    r.p50Ms(), r.p99Ms(), r.serverCpuMicrosPerRequest(), r.non2xx(), r.socketErrors());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "ratio userinfo/floor (req/s): %.2f (target >= 0.70)%n",
                userinfo.requestsPerSecond() / floor.requestsPerSecond());
        System.out.printf(Locale.ROOT, "non-2xx answers: %d by wrk over the measured rounds, %d of %d in the server's "
                + "access log over the whole run (target 0); statuses %s%n",
                runs.stream().filter(r -> r.target().equals("userinfo")).mapToLong(Run::non2xx).sum(),
                non2xxLogged, answered, statuses);
        long retries = calls.stream().filter(AdminGetUserCounter.Call::retry).count();
        System.out.printf(Locale.ROOT, "AdminGetUser calls: %d for %d distinct users of %d, plus %d SDK retries of "
                + "slow or failed attempts; at most %d per user within any %d s window (target: at most 1)%n",
                calls.size() - retries, distinctUsers, users, retries, maxPerWindow, ttl.toSeconds());
        System.out.printf(Locale.ROOT, "peak RSS (VmHWM): userinfo %.0f MiB, floor %.0f MiB%n",
                userinfoPeakKib / 1024.0, floorPeakKib / 1024.0);
    }

    private static Run medians(List<Run> runs, String target) {
        List<Run> mine = runs.stream().filter(r -> r.target().equals(target)).toList();
        return new Run(target,
                Math.round(median(mine.stream().mapToDouble(Run::requestsPerSecond).toArray())), 1.0,
                median(mine.stream().mapToDouble(Run::p50Ms).toArray()),
                median(mine.stream().mapToDouble(Run::p99Ms).toArray()),
                mine.stream().mapToLong(Run::non2xx).sum(),
                mine.stream().mapToLong(Run::socketErrors).sum(),
                median(mine.stream().mapToDouble(Run::serverCpuMicrosPerRequest).toArray()));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
