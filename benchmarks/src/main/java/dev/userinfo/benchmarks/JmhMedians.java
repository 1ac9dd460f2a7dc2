package dev.userinfo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JMH result file ({@code -rf json}) and prints, per benchmark, the median of its measured
 * iterations and the fastest one, and the ratio of each median to a baseline benchmark's median from
 * the same run. On a shared machine a median of iterations moves less than JMH's mean.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.userinfo.benchmarks.JmhMedians <result.json> <baseline method>}
 */
public final class JmhMedians {

    private JmhMedians() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        String baseline = args[1];
        Map<String, double[]> iterations = new LinkedHashMap<>();
        String unit = "";
        for (JsonNode result : results) {
            String name = result.path("benchmark").asText();
            List<Double> scores = new ArrayList<>();
            for (JsonNode fork : result.path("primaryMetric").path("rawData")) {
                fork.forEach(score -> scores.add(score.asDouble()));
            }
            iterations.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    scores.stream().mapToDouble(Double::doubleValue).toArray());
            unit = result.path("primaryMetric").path("scoreUnit").asText();
        }
        double base = iterations.entrySet().stream().filter(e -> e.getKey().endsWith("." + baseline)).findFirst()
                .map(e -> LoadBenchmark.median(e.getValue()))
                .orElseThrow(() -> new IllegalArgumentException("no benchmark named " + baseline + " in " + iterations.keySet()));
        System.out.printf(Locale.ROOT, "| benchmark | median %s | fastest %s | iterations | ratio of medians to %s |%n", unit, unit, baseline);
        System.out.println("|---|---:|---:|---:|---:|");
        for (Map.Entry<String, double[]> e : iterations.entrySet()) {
            double median = LoadBenchmark.median(e.getValue());
            double fastest = java.util.Arrays.stream(e.getValue()).min().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "| `%s` | %,.0f | %,.0f | %d | %.2f |%n", e.getKey(), median, fastest,
                    e.getValue().length, median / base);
        }
    }
}
