package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code target/userinfo-local.jar}, run as the README says: {@code java -jar}, then the
 * banner's curl lines, then SIGTERM. Runs after {@code package}, so it tests the jar a developer gets.
 */
class LocalJarIT {

    private static final Path JAR = Path.of("target", "userinfo-local.jar");
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void javaDashJar_startsEmbeddedMode_andTheBannersCurlLinesGive200WithTheUsersJson() throws Exception {
        Running jar = run(Map.of("PORT", "0"));
        List<String> banner = jar.readUntil(line -> line.startsWith("    curl "));
        String text = String.join("\n", banner);
        assertTrue(text.contains("embedded mode"), text);
        Assumptions.assumeTrue(LocalServerTest.onPath("curl") && LocalServerTest.onPath("bash")
                || LocalServerTest.isCi(), "curl, sed and bash are needed to run the banner's lines");

        Process shell = new ProcessBuilder("bash", "-c", String.join("\n", LocalServerTest.curlLinesOf(text + "\n")))
                .redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(shell.waitFor(30, TimeUnit.SECONDS));

        assertEquals(0, shell.exitValue(), output);
        JsonNode user = JSON.readTree(output);
        assertEquals("alice", user.get("name").asText(), output);
        assertEquals("alice@example.com", user.get("email").asText(), output);
        // One access-log line for the request, with the sub and no token.
        List<String> logged = jar.readUntil(line -> line.contains("\"route\":\"/userinfo\""));
        String log = logged.get(logged.size() - 1);
        assertTrue(log.contains("\"status\":200") && log.contains("\"sub\":\"" + user.get("sub").asText() + "\""), log);
        assertTrue(!log.contains("eyJ"), log);
    }

    @Test
    void javaDashJar_servesTheOpenApiDocument_readFromTheYamlPackedInTheJar() throws Exception {
        Running jar = run(Map.of("PORT", "0"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(jar.baseUrl() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("3.0.3", JSON.readTree(response.body()).get("openapi").asText());
    }

    @Test
    void sigterm_stopsTheServerCleanly_andFreesThePort() throws Exception {
        Running jar = run(Map.of("PORT", "0"));
        String url = jar.baseUrl();
        HttpClient client = HttpClient.newHttpClient();
        assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        jar.process.destroy(); // SIGTERM on Unix

        assertTrue(jar.process.waitFor(20, TimeUnit.SECONDS), "still running 20 s after SIGTERM");
        assertEquals(143, jar.process.exitValue(), "the JVM's exit status after SIGTERM");
        assertTrue(jar.readUntil(line -> line.equals("userinfo: stopped")).size() > 0);
        assertThrows(ConnectException.class, () -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void cognitoModeWithAMissingVariable_stopsStartUpWithAMessageNamingIt() throws Exception {
        Running jar = run(Map.of("PORT", "0", "USERINFO_MODE", "cognito", "AWS_REGION", "eu-west-1",
                "COGNITO_CLIENT_IDS", "abc"));

        assertTrue(jar.process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, jar.process.exitValue());
        List<String> lines = jar.readUntil(line -> line.contains("COGNITO_USER_POOL_ID"));
        assertEquals("userinfo: cannot start: COGNITO_USER_POOL_ID: is required but not set",
                lines.get(lines.size() - 1));
    }

    @Test
    void unknownMode_stopsStartUpNamingTheVariable() throws Exception {
        Running jar = run(Map.of("PORT", "0", "USERINFO_MODE", "lambda"));

        assertTrue(jar.process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, jar.process.exitValue());
        List<String> lines = jar.readUntil(line -> line.contains("USERINFO_MODE"));
        assertTrue(lines.get(lines.size() - 1).startsWith("userinfo: cannot start: USERINFO_MODE: "), lines.toString());
    }

    @Test
    void portAlreadyTaken_stopsStartUpSayingWhichVariablePicksAnother() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Running jar = run(Map.of("PORT", Integer.toString(taken.getLocalPort())));

            assertTrue(jar.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, jar.process.exitValue());
            List<String> lines = jar.readUntil(line -> line.startsWith("userinfo: cannot start"));
            assertTrue(lines.get(lines.size() - 1).contains("PORT"), lines.toString());
        }
    }

    private Running run(Map<String, String> env) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by 'package', before this test");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile("userinfo-local-", ".out");
        output.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        // Only what the test sets: a developer's USERINFO_* or COGNITO_* must not leak in.
        builder.environment().keySet().removeIf(UserInfoConfig.VARIABLES::contains);
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return new Running(process, output);
    }

    /**
     * A started jar and its output. The output goes to a file, not a pipe: Process.destroy() closes
     * the pipes on our side, and what the jar prints while it shuts down is part of what is tested.
     */
    private static final class Running {
        final Process process;
        final Path output;
        private int consumed;

        Running(Process process, Path output) {
            this.process = process;
            this.output = output;
        }

        /** Lines after those already read, up to and including the first one that matches, within 60 s. */
        List<String> readUntil(java.util.function.Predicate<String> last) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<String> all = List.of();
            while (System.nanoTime() < deadline) {
                all = Files.readAllLines(output, StandardCharsets.UTF_8);
                for (int i = consumed; i < all.size(); i++) {
                    if (last.test(all.get(i))) {
                        List<String> seen = all.subList(consumed, i + 1);
                        consumed = i + 1;
                        return seen;
                    }
                }
                if (!process.isAlive() && Files.readAllLines(output, StandardCharsets.UTF_8).size() == all.size()) {
                    break;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the expected line never came; output was:\n" + String.join("\n", all));
        }

        String baseUrl() throws Exception {
            List<String> banner = readUntil(line -> LISTENING.matcher(line).find());
            Matcher m = LISTENING.matcher(banner.get(banner.size() - 1));
            assertTrue(m.find());
            return m.group(1);
        }
    }
}
