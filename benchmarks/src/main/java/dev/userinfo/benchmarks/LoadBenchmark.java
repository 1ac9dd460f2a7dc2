package dev.userinfo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.adapter.cognito.emulator.CognitoLocal;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The load benchmark, run by {@code benchmarks/load.sh}: the local server's {@code GET /userinfo}
 * (its jar in cognito mode, in a JVM of its own) against a {@link BareJavalinFloor} (a bare Javalin
 * route answering the recorded bytes of a real 200, in a JVM with the same options), driven by the
 * same {@code wrk} command with the same requests, alternating target by target and round by round in
 * one run so both see the same machine.
 *
 * <p>Tokens: a {@link StandInKeySet} signs Cognito-shaped ID tokens for users created in cognito-local
 * (the token's {@code sub} is the user's {@code sub} in the pool) and serves the key set; the server
 * gets it as {@code COGNITO_JWKS_URL} with the matching {@code COGNITO_ISSUER}, and looks the users up
 * in cognito-local ({@code COGNITO_ENDPOINT}, through an {@link AdminGetUserCounter}). Every user is
 * requested once before anything is measured, which warms the attribute cache and checks each answer
 * is a 200 with that user's {@code sub}.
 *
 * <p>Scenarios (each measured against the floor with the same requests):
 * <ul>
 *   <li>{@code one-user}: one signed-in user's token on every request;</li>
 *   <li>{@code users}: the tokens of all {@code users} users, taken in turn;</li>
 *   <li>{@code fresh}: a token never sent before on every request (for the users in turn), so no
 *       cache of verified tokens can hit. The tokens are minted before the servers start (about
 *       1.5 ms of CPU each), so each round sends a fixed number of them and ends when they run out
 *       (or at a time cap); the floor gets the same requests.</li>
 * </ul>
 *
 * <p>Per scenario and target: requests/s, p50 and p99 (medians over the rounds), non-2xx answers
 * (summed; wrk counts statuses of 400 and above, the server's access log counts every status),
 * socket errors, and the server's CPU per request ({@code /proc}); the ratio userinfo/floor of the
 * median requests/s. Then the peak RSS of both JVMs over the whole run and its ratio, the
 * AdminGetUser calls, and the load average the machine had around each round.
 *
 * <p>Options ({@code --name=value}): {@code users} (400), {@code connections} (8), {@code threads}
 * (2), {@code warmup} seconds per target before the rounds (30), {@code duration} seconds per round
 * of {@code one-user} and {@code users} (15), {@code rounds} (3), {@code fresh} tokens per round of
 * {@code fresh} (30000), {@code fresh-warmup} tokens sent to each target before its rounds (15000),
 * {@code fresh-cap} seconds at most per {@code fresh} round (60), {@code scenarios}
 * ({@code one-user,users,fresh}), {@code ttl} attribute cache seconds (3600: no entry expires during
 * the run, so the figures are the request path's; 60 is the production default), {@code jvm-opts}
 * for both JVMs, {@code profile-opts} for the server's JVM only (a JFR recording, say; skews the
 * ratio), {@code server-jar} (bootstrap/target/userinfo-local.jar: point it at another build to
 * measure a variant) and {@code server-env} ({@code NAME=value,NAME=value} added to the server's
 * environment).
 */
public final class LoadBenchmark {

    private static final Pattern WRK_RESULT = Pattern.compile("WRK_RESULT (.*)");
    private static final Pattern STATUS = Pattern.compile("\"status\":(\\d+)");
    private static final String PASSWORD = "Load-Bench-9";
    private static final String USERINFO = "userinfo";
    private static final String FLOOR = "floor";
    private static final List<String> SCENARIOS = List.of("one-user", "users", "fresh");
    /** Cognito's default ID token lifetime; longer than any run. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private LoadBenchmark() {
    }

    /** One wrk run's figures; {@code loadAverage} is the 1-minute load average when it started. */
    record Run(String scenario, String target, long requests, double seconds, double p50Ms, double p99Ms, long non2xx,
            long socketErrors, double serverCpuMicrosPerRequest, long tokensSent, long tokensReused, double loadAverage) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    /** A server under load: its process and the URL wrk sends to. */
    private record Target(String name, ServerProcess process, String url) {
    }

    /** How wrk picks tokens: the arguments after {@code --} of the wrk script. */
    private record Tokens(Path file, String mode, int perThreadLimit, int threads) {
        List<String> scriptArgs() {
            return mode.equals("once")
                    ? List.of(file.toString(), mode, Integer.toString(perThreadLimit), Integer.toString(threads))
                    : List.of(file.toString(), mode);
        }

        /** Removes the marker files the script leaves when a thread has sent its tokens. */
        void clearMarkers() throws IOException {
            for (int thread = 0; thread < threads; thread++) {
                Files.deleteIfExists(Path.of(file + ".done." + thread));
            }
        }
    }

    private record Settings(int users, int connections, int threads, int warmup, int duration, int rounds, int fresh,
            int freshWarmup, int freshCap, List<String> scenarios, int ttl, List<String> jvmOptions,
            List<String> profileOptions, Path serverJar, Map<String, String> serverEnv) {

        static Settings from(Map<String, String> o) {
            List<String> scenarios = List.of(o.getOrDefault("scenarios", String.join(",", SCENARIOS)).split(","));
            for (String s : scenarios) {
                if (!SCENARIOS.contains(s)) {
                    throw new IllegalArgumentException("unknown scenario " + s + "; known: " + SCENARIOS);
                }
            }
            Map<String, String> serverEnv = new LinkedHashMap<>();
            for (String pair : o.getOrDefault("server-env", "").split(",")) {
                if (!pair.isBlank()) {
                    serverEnv.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1));
                }
            }
            Settings s = new Settings(intOption(o, "users", 400), intOption(o, "connections", 8), intOption(o, "threads", 2),
                    intOption(o, "warmup", 30), intOption(o, "duration", 15), intOption(o, "rounds", 3),
                    intOption(o, "fresh", 30_000), intOption(o, "fresh-warmup", 15_000), intOption(o, "fresh-cap", 60),
                    scenarios, intOption(o, "ttl", 3600), words(o.getOrDefault("jvm-opts", "")),
                    words(o.getOrDefault("profile-opts", "")),
                    Path.of(o.getOrDefault("server-jar", "bootstrap/target/userinfo-local.jar")).toAbsolutePath(), serverEnv);
            if (s.connections < s.threads || s.users < 1 || s.rounds < 1) {
                throw new IllegalArgumentException("need connections >= threads, users >= 1, rounds >= 1");
            }
            return s;
        }

        /** Spare tokens per thread file of {@code fresh}: one per connection still in flight when a thread stops, and some. */
        int spares() {
            return connections / threads + 8;
        }
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.from(options(args));
        Path benchmarksJar = Path.of("benchmarks/target/benchmarks.jar").toAbsolutePath();
        for (Path jar : List.of(s.serverJar(), benchmarksJar)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run from the repository root after "
                        + "mvn -pl bootstrap,benchmarks -am package -DskipTests (benchmarks/load.sh does)");
            }
        }
        Path work = Files.createTempDirectory("userinfo-load-");
        System.out.printf(Locale.ROOT, "load benchmark, %s: %s; server %s%s; %d users, wrk -t%d -c%d; warm-up %d s per target;"
                        + " %d rounds of %d s (one-user, users) and %d fresh tokens (fresh, at most %d s); attribute cache TTL %d s;"
                        + " JVM options for both %s; %s %s; %d cores; load average %s%n",
                ZonedDateTime.now().withNano(0), s.scenarios(), s.serverJar(), s.serverEnv().isEmpty() ? "" : " with " + s.serverEnv(),
                s.users(), s.threads(), s.connections(), s.warmup(), s.rounds(), s.duration(), s.fresh(), s.freshCap(), s.ttl(),
                s.jvmOptions().isEmpty() ? "(none)" : s.jvmOptions(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors(), loadAverages());
        try (CognitoLocal cognito = CognitoLocal.start()) {
            String poolId = cognito.createUserPool("userinfo-load");
            String clientId = cognito.createAppClient(poolId, "load");
            List<StandInKeySet.User> users = createUsers(cognito, poolId, s.users());
            try (StandInKeySet keys = StandInKeySet.start(poolId);
                    AdminGetUserCounter counter = new AdminGetUserCounter(cognito.endpoint())) {
                Map<String, List<Tokens>> tokens = mintTokens(s, keys, users, clientId, work);
                Path script = work.resolve("wrk-tokens.lua");
                try (InputStream lua = LoadBenchmark.class.getResourceAsStream("wrk-tokens.lua")) {
                    Files.copy(lua, script);
                }
                Map<String, String> env = new HashMap<>();
                env.put("USERINFO_MODE", "cognito");
                env.put("PORT", "0");
                env.put("AWS_REGION", CognitoLocal.REGION);
                env.put("COGNITO_USER_POOL_ID", poolId);
                env.put("COGNITO_CLIENT_IDS", clientId);
                env.put("COGNITO_ENDPOINT", counter.endpoint().toString());
                env.put("COGNITO_ISSUER", keys.issuer());
                env.put("COGNITO_JWKS_URL", keys.jwksUrl().toString());
                env.put("ATTRIBUTE_CACHE_TTL_SECONDS", Integer.toString(s.ttl()));
                env.putAll(s.serverEnv());
                List<String> serverOptions = new ArrayList<>(s.jvmOptions());
                serverOptions.addAll(s.profileOptions());
                try (ServerProcess userinfo = ServerProcess.start(
                        ServerProcess.javaCommand(serverOptions, "-jar", s.serverJar().toString()), env,
                        work.resolve("userinfo.log"), Duration.ofSeconds(60))) {
                    String firstToken = Files.readAllLines(tokens.get("users").get(0).file()).get(0);
                    warmAttributeCache(userinfo, Files.readAllLines(tokens.get("users").get(0).file()), users);
                    Path answerFile = work.resolve("answer.txt");
                    RecordedAnswer real = RecordedAnswer.fetch(userinfo.port(), "/userinfo",
                            Map.of("Authorization", "Bearer " + firstToken));
                    real.write(answerFile);
                    try (ServerProcess floor = ServerProcess.start(
                            ServerProcess.javaCommand(s.jvmOptions(), "-cp", benchmarksJar.toString(),
                                    BareJavalinFloor.class.getName(), answerFile.toString()),
                            Map.of(), work.resolve("floor.log"), Duration.ofSeconds(60))) {
                        RecordedAnswer replayed = RecordedAnswer.fetch(floor.port(), "/userinfo",
                                Map.of("Authorization", "Bearer " + firstToken));
                        if (!replayed.sameAs(real)) {
                            throw new IllegalStateException("the floor's answer differs from the server's:\n--- server\n"
                                    + real.describe() + "\n--- floor\n" + replayed.describe());
                        }
                        System.out.printf(Locale.ROOT, "the floor answers the server's bytes (%d, %d headers, %d-byte body)%s%n",
                                real.status(), real.headers().size(), real.body().length, replayed.sameBytesAs(real) ? ""
                                        : " but for Jetty's spelling of the media type (" + replayed.headers() + ")");
                        List<Target> targets = List.of(new Target(USERINFO, userinfo, userinfo.baseUrl() + "/userinfo"),
                                new Target(FLOOR, floor, floor.baseUrl() + "/userinfo"));
                        List<Run> runs = measure(s, targets, tokens, script);
                        report(s, runs, counter.calls(), statusCounts(userinfo.output()),
                                userinfo.peakRssKib().orElse(-1), floor.peakRssKib().orElse(-1), keys.keySetFetches());
                    }
                }
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private static List<Run> measure(Settings s, List<Target> targets, Map<String, List<Tokens>> tokens, Path script)
            throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "warming up: %d s per target with the users' tokens ...%n", s.warmup());
        for (Target t : targets) {
            wrk(s, "warm-up", t, s.warmup(), script, tokens.get("users").get(0));
        }
        if (s.scenarios().contains("fresh")) {
            System.out.printf(Locale.ROOT, "warming up: %d fresh tokens per target ...%n", s.freshWarmup());
            for (Target t : targets) {
                wrk(s, "warm-up", t, s.freshCap(), script, tokens.get("fresh").get(0));
            }
        }
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= s.rounds(); round++) {
            for (String scenario : s.scenarios()) {
                Tokens t = scenario.equals("fresh") ? tokens.get("fresh").get(round) : tokens.get(scenario).get(0);
                int seconds = scenario.equals("fresh") ? s.freshCap() : s.duration();
                List<Run> pair = new ArrayList<>();
                for (Target target : targets) {
                    pair.add(wrk(s, scenario, target, seconds, script, t));
                }
                runs.addAll(pair);
                Run u = pair.get(0);
                Run f = pair.get(1);
                System.out.printf(Locale.ROOT, "round %d %-8s userinfo %6.0f req/s (p50 %.2f ms, p99 %.2f ms, %3.0f µs CPU/req) "
                                + "floor %6.0f req/s (p50 %.2f ms, p99 %.2f ms, %3.0f µs CPU/req) ratio %.2f, load %.2f/%.2f%n",
                        round, scenario, u.requestsPerSecond(), u.p50Ms(), u.p99Ms(), u.serverCpuMicrosPerRequest(),
                        f.requestsPerSecond(), f.p50Ms(), f.p99Ms(), f.serverCpuMicrosPerRequest(),
                        u.requestsPerSecond() / f.requestsPerSecond(), u.loadAverage(), f.loadAverage());
            }
        }
        return runs;
    }

    /** Creates {@code count} confirmed users; returns each with the {@code sub} the pool gave it. */
    private static List<StandInKeySet.User> createUsers(CognitoLocal cognito, String poolId, int count) {
        System.out.printf(Locale.ROOT, "creating %d users in cognito-local ...%n", count);
        List<StandInKeySet.User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String username = String.format(Locale.ROOT, "user%03d", i);
            String email = username + "@example.com";
            UserType created = cognito.client().adminCreateUser(b -> b.userPoolId(poolId).username(username)
                    .userAttributes(attribute("email", email), attribute("email_verified", "true"),
                            attribute("nickname", "User " + username.substring(4)))
                    .temporaryPassword(PASSWORD).messageAction(MessageActionType.SUPPRESS)).user();
            cognito.client().adminSetUserPassword(b -> b.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
            String sub = created.attributes().stream().filter(a -> a.name().equals("sub")).map(AttributeType::value)
                    .findFirst()
                    .orElseGet(() -> cognito.client().adminGetUser(b -> b.userPoolId(poolId).username(username))
                            .userAttributes().stream().filter(a -> a.name().equals("sub")).map(AttributeType::value)
                            .findFirst().orElseThrow(() -> new IllegalStateException("no sub for " + username)));
            users.add(new StandInKeySet.User(username, sub, email));
        }
        return users;
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    /**
     * Mints every token the run sends, before any server runs: {@code one-user} (user 0's token),
     * {@code users} (one per user), and {@code fresh} (element 0 the warm-up, element r round r; each
     * split into one file per wrk thread, {@code <file>.<thread>}, plus spares).
     */
    private static Map<String, List<Tokens>> mintTokens(Settings s, StandInKeySet keys, List<StandInKeySet.User> users,
            String clientId, Path work) throws IOException, InterruptedException {
        Map<String, List<Tokens>> tokens = new HashMap<>();
        IntFunction<String> forUser = i -> keys.idToken(users.get(i % users.size()), clientId, List.of(), TOKEN_LIFETIME);
        ForkJoinPool minters = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        try {
            Path users0 = work.resolve("users.txt");
            writeLines(users0, mint(minters, users.size(), forUser));
            tokens.put("users", List.of(new Tokens(users0, "cycle", 0, s.threads())));
            // The first user's token, the same bytes as in "users": its attributes are cached by the same warm-up.
            Path one = Files.write(work.resolve("one-user.txt"), List.of(Files.readAllLines(users0).get(0)));
            tokens.put("one-user", List.of(new Tokens(one, "cycle", 0, s.threads())));
            if (s.scenarios().contains("fresh")) {
                long start = System.nanoTime();
                List<Tokens> fresh = new ArrayList<>();
                int counter = 0;
                for (int set = 0; set <= s.rounds(); set++) {
                    int perThread = (set == 0 ? s.freshWarmup() : s.fresh()) / s.threads();
                    Path base = work.resolve("fresh-" + set + ".txt");
                    for (int thread = 0; thread < s.threads(); thread++) {
                        int first = counter;
                        writeLines(Path.of(base + "." + thread), mint(minters, perThread + s.spares(), i -> forUser.apply(first + i)));
                        counter += perThread + s.spares();
                    }
                    fresh.add(new Tokens(base, "once", perThread, s.threads()));
                }
                tokens.put("fresh", fresh);
                System.out.printf(Locale.ROOT, "minted %d fresh tokens in %.0f s%n", counter, (System.nanoTime() - start) / 1e9);
            }
        } finally {
            minters.shutdown();
        }
        return tokens;
    }

    private static List<String> mint(ForkJoinPool pool, int count, IntFunction<String> token) throws InterruptedException {
        try {
            return pool.submit(() -> IntStream.range(0, count).parallel().mapToObj(token).toList()).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("minting tokens failed", e.getCause());
        }
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
    }

    /**
     * One request per user, one after another: fills the attribute cache (one AdminGetUser each) and
     * checks every answer is a 200 naming that user's {@code sub}.
     */
    private static void warmAttributeCache(ServerProcess server, List<String> tokens, List<StandInKeySet.User> users)
            throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "warming the attribute cache: one request per user ...%n");
        HttpClient client = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < users.size(); i++) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/userinfo"))
                    .header("Authorization", "Bearer " + tokens.get(i)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = answer.statusCode() == 200 ? json.readTree(answer.body()) : null;
            if (body == null || !users.get(i).sub().equals(body.path("sub").asText())) {
                throw new IllegalStateException("userinfo answered " + answer.statusCode() + " " + answer.body()
                        + " for " + users.get(i).username() + "; see " + server.output());
            }
        }
    }

    private static Run wrk(Settings s, String scenario, Target target, int seconds, Path script, Tokens tokens)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + s.threads(), "-c" + s.connections(), "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), target.url(), "--"));
        command.addAll(tokens.scriptArgs());
        tokens.clearMarkers();
        double load = loadAverage1();
        double cpuBefore = target.process().cpuSeconds();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + command + "\n" + output);
        }
        double cpuUsed = target.process().cpuSeconds() - cpuBefore;
        Matcher m = WRK_RESULT.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no WRK_RESULT line from wrk:\n" + output);
        }
        Map<String, Long> f = new HashMap<>();
        for (String pair : m.group(1).trim().split(" ")) {
            String[] kv = pair.split("=");
            f.put(kv[0], Long.parseLong(kv[1]));
        }
        long requests = f.get("requests");
        Run run = new Run(scenario, target.name(), requests, f.get("duration_us") / 1e6, f.get("p50_us") / 1e3,
                f.get("p99_us") / 1e3, f.get("status_errors"),
                f.get("connect_errors") + f.get("read_errors") + f.get("write_errors") + f.get("timeouts"),
                cpuUsed * 1e6 / Math.max(1, requests), f.get("tokens_sent"), f.get("tokens_reused"), load);
        if (tokens.mode().equals("once") && run.seconds() >= seconds - 0.5) {
            System.out.printf(Locale.ROOT, "note: %s %s stopped at the %d s cap after %d requests, before its tokens ran out%n",
                    scenario, target.name(), seconds, requests);
        }
        if (run.tokensReused() > 0) {
            throw new IllegalStateException(run.tokensReused() + " fresh tokens were sent twice to " + target.name()
                    + ": raise the spares");
        }
        return run;
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

    private static void report(Settings s, List<Run> runs, List<AdminGetUserCounter.Call> calls, Map<Integer, Long> statuses,
            long userinfoPeakKib, long floorPeakKib, int keySetFetches) {
        System.out.println();
        System.out.printf(Locale.ROOT, "wrk -t%d -c%d; %d rounds, targets alternating within each; medians over the rounds; "
                + "non-2xx and socket errors summed over the rounds%n%n", s.threads(), s.connections(), s.rounds());
        System.out.println("| scenario | target | req/s | p50 ms | p99 ms | server CPU µs/request | non-2xx | socket errors | load average |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|");
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String scenario : s.scenarios()) {
            Run u = medians(runs, scenario, USERINFO);
            Run f = medians(runs, scenario, FLOOR);
            for (Run r : List.of(u, f)) {
                System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.2f | %.2f | %.0f | %d | %d | %s |%n", scenario, r.target(),
                        r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), r.serverCpuMicrosPerRequest(), r.non2xx(),
                        r.socketErrors(), loadRange(runs, scenario, r.target()));
            }
            ratios.put(scenario, u.requestsPerSecond() / f.requestsPerSecond());
        }
        System.out.println();
        for (Map.Entry<String, Double> ratio : ratios.entrySet()) {
            List<Run> mine = runs.stream().filter(r -> r.scenario().equals(ratio.getKey())).toList();
            List<String> perRound = new ArrayList<>();
            for (int i = 0; i + 1 < mine.size(); i += 2) {
                perRound.add(String.format(Locale.ROOT, "%.2f", mine.get(i).requestsPerSecond() / mine.get(i + 1).requestsPerSecond()));
            }
            String extra = ratio.getKey().equals("fresh") ? String.format(Locale.ROOT, "; %d new tokens per round, none sent twice",
                    s.fresh()) : "";
            System.out.printf(Locale.ROOT, "ratio userinfo/floor, %s (req/s): %.2f (rounds %s)%s%n", ratio.getKey(), ratio.getValue(),
                    String.join(", ", perRound), extra);
        }
        long non2xxLogged = statuses.entrySet().stream().filter(e -> e.getKey() / 100 != 2).mapToLong(Map.Entry::getValue).sum();
        long answered = statuses.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "non-2xx in the server's access log over the whole run (warm-up included): %d of %d; "
                + "statuses %s%n", non2xxLogged, answered, statuses);
        long retries = calls.stream().filter(AdminGetUserCounter.Call::retry).count();
        System.out.printf(Locale.ROOT, "AdminGetUser calls: %d for %d distinct users of %d, plus %d SDK retries; at most %d per user "
                        + "within any %d s window; key set fetched %d times%n",
                calls.size() - retries, calls.stream().map(AdminGetUserCounter.Call::username).distinct().count(), s.users(),
                retries, AdminGetUserCounter.maxCallsPerUserWithin(calls, Duration.ofSeconds(s.ttl())), s.ttl(), keySetFetches);
        System.out.printf(Locale.ROOT, "peak RSS (VmHWM) over the run: userinfo %.0f MiB, floor %.0f MiB, ratio %.2f (JVM options %s)%n",
                userinfoPeakKib / 1024.0, floorPeakKib / 1024.0, (double) userinfoPeakKib / floorPeakKib,
                s.jvmOptions().isEmpty() ? "(none)" : s.jvmOptions());
        System.out.printf(Locale.ROOT, "load average at the end: %s; %s%n", loadAverages(), ZonedDateTime.now().withNano(0));
    }

    private static Run medians(List<Run> runs, String scenario, String target) {
        List<Run> mine = runs.stream().filter(r -> r.scenario().equals(scenario) && r.target().equals(target)).toList();
        return new Run(scenario, target, Math.round(median(mine.stream().mapToDouble(Run::requestsPerSecond).toArray())), 1.0,
                median(mine.stream().mapToDouble(Run::p50Ms).toArray()),
                median(mine.stream().mapToDouble(Run::p99Ms).toArray()),
                mine.stream().mapToLong(Run::non2xx).sum(),
                mine.stream().mapToLong(Run::socketErrors).sum(),
                median(mine.stream().mapToDouble(Run::serverCpuMicrosPerRequest).toArray()),
                mine.stream().mapToLong(Run::tokensSent).sum(), mine.stream().mapToLong(Run::tokensReused).sum(),
                median(mine.stream().mapToDouble(Run::loadAverage).toArray()));
    }

    private static String loadRange(List<Run> runs, String scenario, String target) {
        double[] loads = runs.stream().filter(r -> r.scenario().equals(scenario) && r.target().equals(target))
                .mapToDouble(Run::loadAverage).sorted().toArray();
        return String.format(Locale.ROOT, "%.1f–%.1f", loads[0], loads[loads.length - 1]);
    }

    /** The 1-, 5- and 15-minute load averages, from {@code /proc/loadavg}; "unknown" elsewhere. */
    static String loadAverages() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double loadAverage1() {
        try {
            return Double.parseDouble(loadAverages().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    static List<String> words(String text) {
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

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
