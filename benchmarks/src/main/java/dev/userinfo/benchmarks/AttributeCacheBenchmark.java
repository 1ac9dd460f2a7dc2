package dev.userinfo.benchmarks;

import dev.userinfo.adapter.cognito.CachingUserAttributeLookup;
import dev.userinfo.adapter.cognito.CachingUserAttributeLookup.Policy;
import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.UserAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attribute cache's latency with and without refresh-ahead, in one JVM, alternating round by
 * round so both see the same machine. A stand-in pool answers every AdminGetUser after a fixed delay
 * (Cognito's latency); client threads ask for random users at a steady pace, so each user's entry is
 * asked for many times per TTL, as a busy container's would be. Without refresh-ahead (the cache as it
 * was: every entry lives exactly the TTL) the first request after each expiry waits for the pool;
 * with it (refresh at 80 % of the TTL, lifetimes jittered by 10 %) the reload runs in the background.
 * Prints p50, p99, p99.9 and the maximum of the lookup latency per round, their medians, the ratio of
 * the p99s, and the calls made per second. Measured, never asserted.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.userinfo.benchmarks.AttributeCacheBenchmark [--name=value ...]
 * </pre>
 *
 * <p>Options: {@code users} (200), {@code threads} (8), {@code ttl-ms} (2000), {@code pool-ms} (25, the
 * stand-in's answer delay), {@code pace-ms} (1, each thread's pause between requests), {@code warmup}
 * seconds per round (3), {@code duration} seconds measured per round (10), {@code rounds} (3).
 */
public final class AttributeCacheBenchmark {

    private AttributeCacheBenchmark() {
    }

    /** One measured round of one configuration. */
    record Round(String name, double p50Micros, double p99Micros, double p999Micros, double maxMicros, long requests,
            double callsPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int users = Integer.parseInt(options.getOrDefault("users", "200"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "8"));
        Duration ttl = Duration.ofMillis(Long.parseLong(options.getOrDefault("ttl-ms", "2000")));
        long poolMillis = Long.parseLong(options.getOrDefault("pool-ms", "25"));
        long paceMillis = Long.parseLong(options.getOrDefault("pace-ms", "1"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "10"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));

        Policy with = Policy.of(ttl, Duration.ofSeconds(900), 10_000);
        Policy without = new Policy(ttl, Duration.ofSeconds(900), 10_000, 1, 0);
        System.out.printf(Locale.ROOT, "%d users, %d threads pausing %d ms, TTL %d ms, pool answers in %d ms, "
                + "%d s warm-up + %d s measured per round, %d rounds%n", users, threads, paceMillis, ttl.toMillis(),
                poolMillis, warmup, duration, rounds);

        List<Round> withRounds = new ArrayList<>();
        List<Round> withoutRounds = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (boolean refreshAhead : new boolean[] {false, true}) {
                Round r = run(refreshAhead ? "with refresh-ahead" : "without", refreshAhead ? with : without,
                        users, threads, poolMillis, paceMillis, warmup, duration);
                (refreshAhead ? withRounds : withoutRounds).add(r);
                System.out.printf(Locale.ROOT, "round %d %-19s p50 %8.1f µs  p99 %9.1f µs  p99.9 %9.1f µs  max %9.1f µs"
                        + "  %,d requests  %.1f AdminGetUser/s%n", round, r.name(), r.p50Micros(), r.p99Micros(),
                        r.p999Micros(), r.maxMicros(), r.requests(), r.callsPerSecond());
            }
        }
        Round a = medians("with refresh-ahead", withRounds);
        Round b = medians("without", withoutRounds);
        System.out.println();
        System.out.println("| cache | p50 µs | p99 µs | p99.9 µs | max µs | AdminGetUser/s |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Round r : List.of(b, a)) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f |%n", r.name(), r.p50Micros(),
                    r.p99Micros(), r.p999Micros(), r.maxMicros(), r.callsPerSecond());
        }
        System.out.printf(Locale.ROOT, "%nmedian p99 with / without refresh-ahead: %.4f%n", a.p99Micros() / b.p99Micros());
    }

    private static Round run(String name, Policy policy, int users, int threads, long poolMillis, long paceMillis,
            int warmup, int duration) throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        UserAttributeLookup slowPool = (username, sub) -> {
            calls.incrementAndGet();
            sleep(poolMillis);
            return new UserAttributes(username, sub, Map.of("sub", sub, "nickname", "N " + username), true);
        };
        CachingUserAttributeLookup cache = new CachingUserAttributeLookup(slowPool, policy);
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            latencies[me] = new long[(int) (duration * 1000L / Math.max(1, paceMillis) * 2 + 1000)];
            Thread client = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get()) {
                    int user = random.nextInt(users);
                    long started = System.nanoTime();
                    cache.lookup("user" + user, "sub-" + user);
                    long took = System.nanoTime() - started;
                    if (measuring.get() && counts[me] < latencies[me].length) {
                        latencies[me][counts[me]++] = took;
                    }
                    sleep(paceMillis);
                }
            }, "bench-client-" + t);
            clients.add(client);
            client.start();
        }
        Thread.sleep(warmup * 1000L);
        int callsBefore = calls.get();
        measuring.set(true);
        Thread.sleep(duration * 1000L);
        measuring.set(false);
        int callsDuring = calls.get() - callsBefore;
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Round(name, micros(all, 0.50), micros(all, 0.99), micros(all, 0.999), all[all.length - 1] / 1000.0,
                total, callsDuring / (double) duration);
    }

    private static double micros(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    private static Round medians(String name, List<Round> rounds) {
        return new Round(name, median(rounds, Round::p50Micros), median(rounds, Round::p99Micros),
                median(rounds, Round::p999Micros), median(rounds, Round::maxMicros),
                (long) median(rounds, r -> r.requests()), median(rounds, Round::callsPerSecond));
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> value) {
        double[] values = rounds.stream().mapToDouble(value).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
