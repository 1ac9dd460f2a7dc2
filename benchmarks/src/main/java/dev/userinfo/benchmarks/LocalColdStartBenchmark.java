package dev.userinfo.benchmarks;

import dev.userinfo.adapter.cognito.emulator.CognitoLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the local server, run by {@code benchmarks/cold-start.sh}: fresh JVMs of
 * {@code bootstrap/target/userinfo-local.jar} in cognito mode against cognito-local, each timed from
 * process launch to its port accepting connections and to the first 200 of {@code GET /userinfo}
 * with a real token (the key set fetched, the signature checked, AdminGetUser called). JVM option
 * sets are compared in the same session, interleaved run by run so that the machine's drift spreads
 * over all of them, and reported as medians and as ratios to the JVM's defaults.
 *
 * <p>Options: {@code --runs=7} counted runs per option set (after one uncounted run each),
 * {@code --variants=} a comma-separated subset of {@link #VARIANTS}, and {@code --compare-jar=} another
 * build of the local jar (a start-up change under trial), run with the JVM's defaults as one more
 * option set named {@code compare-jar}.
 */
public final class LocalColdStartBenchmark {

    /** What is compared; the first is the baseline. {@code %cds} is the archive a training run writes. */
    static final Map<String, List<String>> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("default", List.of());
        VARIANTS.put("c1", List.of("-XX:TieredStopAtLevel=1"));
        VARIANTS.put("appcds", List.of("-XX:SharedArchiveFile=%cds"));
        VARIANTS.put("appcds+c1", List.of("-XX:SharedArchiveFile=%cds", "-XX:TieredStopAtLevel=1"));
        VARIANTS.put("appcds+c1+serialgc", List.of("-XX:SharedArchiveFile=%cds", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
    }

    /** One cold start. */
    record Run(String variant, long listeningMs, long first200Ms) {
    }

    private LocalColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LoadBenchmark.options(args);
        int runs = Integer.parseInt(options.getOrDefault("runs", "7"));
        List<String> variants = List.of(options.getOrDefault("variants", String.join(",", VARIANTS.keySet())).split(","));
        Path jar = Path.of("bootstrap/target/userinfo-local.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run benchmarks/cold-start.sh from the repository root");
        }
        Path work = Files.createTempDirectory("userinfo-coldstart-");
        try (CognitoLocal cognito = CognitoLocal.start()) {
            String poolId = cognito.createUserPool("userinfo-coldstart");
            String clientId = cognito.createAppClient(poolId, "coldstart");
            cognito.createUser(poolId, "alice", "Cold-Start-9", Map.of("email", "alice@example.com", "nickname", "Ally"));
            String token = cognito.initiateAuth(clientId, "alice", "Cold-Start-9").idToken();
            Map<String, String> env = new HashMap<>(Map.of(
                    "USERINFO_MODE", "cognito",
                    "AWS_REGION", CognitoLocal.REGION,
                    "COGNITO_USER_POOL_ID", poolId,
                    "COGNITO_CLIENT_IDS", clientId,
                    "COGNITO_ENDPOINT", cognito.endpoint().toString()));
            Path cds = work.resolve("userinfo-local.jsa");
            System.out.printf(Locale.ROOT, "local server cold start: %s, %d runs per option set, %s %s, %d cores%n",
                    jar.getFileName(), runs, System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                    Runtime.getRuntime().availableProcessors());
            if (variants.stream().anyMatch(v -> VARIANTS.get(v).contains("-XX:SharedArchiveFile=%cds"))) {
                // The training run: the classes loaded up to the first 200 (and at shutdown) go into the archive.
                launch("training", List.of("-XX:ArchiveClassesAtExit=" + cds), jar, env, token, work);
                System.out.printf(Locale.ROOT, "AppCDS archive from one training run: %d bytes%n", Files.size(cds));
            }
            Map<String, List<String>> chosen = new LinkedHashMap<>();
            Map<String, Path> jars = new HashMap<>();
            for (String v : variants) {
                List<String> opts = VARIANTS.get(v);
                if (opts == null) {
                    throw new IllegalArgumentException("unknown variant " + v + "; known: " + VARIANTS.keySet());
                }
                chosen.put(v, opts.stream().map(o -> o.replace("%cds", cds.toString())).toList());
                jars.put(v, jar);
            }
            if (options.containsKey("compare-jar")) {
                chosen.put("compare-jar", List.of());
                jars.put("compare-jar", Path.of(options.get("compare-jar")).toAbsolutePath());
            }
            for (Map.Entry<String, List<String>> v : chosen.entrySet()) {
                launch(v.getKey(), v.getValue(), jars.get(v.getKey()), env, token, work); // uncounted: page cache, archive mapped once
            }
            List<Run> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, List<String>> v : chosen.entrySet()) {
                    Run run = launch(v.getKey(), v.getValue(), jars.get(v.getKey()), env, token, work);
                    results.add(run);
                    System.out.printf(Locale.ROOT, "run %d %-20s listening %5d ms, first 200 %5d ms%n", i + 1, v.getKey(),
                            run.listeningMs(), run.first200Ms());
                }
            }
            report(chosen, results, runs);
        } finally {
            LoadBenchmark.deleteRecursively(work);
        }
    }

    private static void report(Map<String, List<String>> chosen, List<Run> results, int runs) {
        String baseline = chosen.keySet().iterator().next();
        double baseFirst = medianFirst200(results, baseline);
        double baseListening = medianListening(results, baseline);
        System.out.println();
        System.out.printf(Locale.ROOT, "medians over %d fresh JVMs each, interleaved; ratio to %s%n%n", runs, baseline);
        System.out.println("| JVM options | launch → listening ms | launch → first 200 ms | ratio (first 200) |");
        System.out.println("|---|---:|---:|---:|");
        for (Map.Entry<String, List<String>> v : chosen.entrySet()) {
            double first = medianFirst200(results, v.getKey());
            System.out.printf(Locale.ROOT, "| %s `%s` | %.0f | %.0f | %.2f |%n", v.getKey(),
                    String.join(" ", v.getValue()).replaceAll("=/\\S*/", "=…/"), medianListening(results, v.getKey()),
                    first, first / baseFirst);
        }
        System.out.printf(Locale.ROOT, "%nbaseline (%s): listening %.0f ms, first 200 %.0f ms%n", baseline, baseListening, baseFirst);
    }

    private static double medianFirst200(List<Run> results, String variant) {
        return LoadBenchmark.median(results.stream().filter(r -> r.variant().equals(variant))
                .mapToDouble(Run::first200Ms).toArray());
    }

    private static double medianListening(List<Run> results, String variant) {
        return LoadBenchmark.median(results.stream().filter(r -> r.variant().equals(variant))
                .mapToDouble(Run::listeningMs).toArray());
    }

    /** One fresh JVM: launch, poll until the first 200, stop it (letting it exit, so a training run writes its archive). */
    private static Run launch(String variant, List<String> jvmOptions, Path jar, Map<String, String> env, String token,
            Path work) throws IOException, InterruptedException {
        int port = freePort();
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("PORT", Integer.toString(port));
        List<String> command = ServerProcess.javaCommand(jvmOptions, "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("server-" + variant + ".log").toFile());
        builder.environment().putAll(withPort);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/userinfo"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();

        long launched = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = launched + TimeUnit.SECONDS.toNanos(60);
            long listening = -1;
            while (listening < 0) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException(variant + ": the server did not listen ("
                            + (process.isAlive() ? "timeout" : "exit " + process.exitValue()) + "):\n"
                            + ServerProcess.read(work.resolve("server-" + variant + ".log")));
                }
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    listening = System.nanoTime();
                } catch (IOException e) {
                    Thread.sleep(2); // not listening yet
                }
            }
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(variant + ": first answer " + answer.statusCode() + " " + answer.body());
            }
            return new Run(variant, (listening - launched) / 1_000_000, (answered - launched) / 1_000_000);
        } finally {
            process.destroy(); // SIGTERM: shutdown hooks run, and a training run dumps its archive
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
