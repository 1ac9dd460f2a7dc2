package dev.userinfo.bootstrap.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A few client threads sending {@code GET /userinfo} back to back with the given tokens in turn, and
 * what each request got: when it was sent, how long it took, status, {@code Retry-After} and body.
 * Bounded by the caller (start, stop); no wall-clock assertions of its own.
 */
final class LoadClients implements AutoCloseable {

    /** One request and its answer; {@code status} is -1 when no HTTP answer came (the error class is in {@code body}). */
    record Answer(long sentAtNanos, long doneAtNanos, int status, Optional<String> retryAfter, String body) {
        Duration elapsed() {
            return Duration.ofNanos(doneAtNanos - sentAtNanos);
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    private LoadClients() {
    }

    static LoadClients start(String baseUrl, List<String> tokens, int threads) {
        LoadClients load = new LoadClients();
        URI uri = URI.create(baseUrl + "/userinfo");
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread thread = new Thread(() -> load.run(uri, tokens, offset), "load-client-" + t);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void run(URI uri, List<String> tokens, int offset) {
        for (int i = offset; running.get(); i++) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                    // Far above any budget under test, so a slow answer is measured rather than cut off.
                    .timeout(Duration.ofSeconds(30))
                    .build();
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                answers.add(new Answer(sent, System.nanoTime(), response.statusCode(),
                        response.headers().firstValue("Retry-After"), response.body()));
            } catch (IOException e) {
                answers.add(new Answer(sent, System.nanoTime(), -1, Optional.empty(), e.getClass().getName()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits (at most {@code limit}) until some answer matches; false if none did in time. */
    boolean awaitAnswer(Predicate<Answer> wanted, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers.stream().anyMatch(wanted)) {
                return true;
            }
            Thread.sleep(20);
        }
        return answers.stream().anyMatch(wanted);
    }

    /** Stops sending, waits for the requests in flight, and returns every answer in order of sending. */
    List<Answer> stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60).toMillis());
        }
        List<Answer> all = new ArrayList<>(answers);
        all.sort((a, b) -> Long.compare(a.sentAtNanos(), b.sentAtNanos()));
        return all;
    }

    /** How many answers had each status, for assertion messages. */
    static Map<Integer, Long> countByStatus(List<Answer> answers) {
        Map<Integer, Long> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status(), 1L, Long::sum));
        return counts;
    }

    @Override
    public void close() {
        running.set(false);
    }
}
