package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded mode's copy-paste curl lines, run for real by a shell against a running local
 * server: a success prints the 200 JSON; a failure prints the real error, exits non-zero, and never
 * calls {@code /userinfo} with an error body (or a token left over from an earlier run).
 * Each runs in bash and in the system's POSIX sh (dash on Debian).
 */
class CurlLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A token an earlier run left in the shell: a failed sign-in must not send it either. */
    private static final Map<String, String> STALE_TOKEN = Map.of("TOKEN", "stale-token-from-an-earlier-run");

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private LocalServer server;

    @BeforeEach
    void start() {
        server = LocalServer.start(Map.of("PORT", "0"), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "sh"})
    void bannerLines_print200WithTheUsersJson_andNothingElse(String shell) throws Exception {
        List<String> lines = LocalServerTest.curlLinesOf(output.toString(StandardCharsets.UTF_8));

        Shell run = Shell.run(shell, lines, STALE_TOKEN);

        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.stderr(), run.toString());
        JsonNode user = JSON.readTree(run.stdout());
        assertEquals("alice", user.get("name").asText(), run.toString());
        assertEquals("alice@example.com", user.get("email").asText(), run.toString());
        assertEquals(1, userinfoCalls(), "one call to /userinfo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "sh"})
    void unknownUser_printsTheRealError_exitsNonZero_andNeverCallsUserinfo(String shell) throws Exception {
        List<String> lines = LocalCurl.embedded(server.baseUrl(), "mallory");

        Shell both = Shell.run(shell, lines, STALE_TOKEN);
        Shell first = Shell.run(shell, lines.subList(0, 1), STALE_TOKEN);

        assertNotEquals(0, both.exit(), both.toString());
        assertEquals("", both.stdout(), both.toString());
        assertTrue(both.stderr().contains("curl: (22) The requested URL returned error: 404"), both.toString());
        assertEquals(1, occurrences(both.stderr(), "{\"error\":\"unknown_user\""), both.toString());
        assertTrue(both.stderr().contains("no token, see the error above"), both.toString());
        assertFalse(both.stderr().contains("invalid_token"), both.toString());
        assertNotEquals(0, first.exit(), "the sign-in line fails on its own: " + first);
        assertEquals(0, userinfoCalls(), "/userinfo was called:\n" + output.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "sh"})
    void serverNotRunning_saysSo_exitsNonZero_andSendsNoStaleToken(String shell) throws Exception {
        List<String> lines = server.curlLines();
        server.close();

        Shell run = Shell.run(shell, lines, STALE_TOKEN);

        assertNotEquals(0, run.exit(), run.toString());
        assertEquals("", run.stdout(), run.toString());
        assertTrue(run.stderr().contains("curl: (7) Failed to connect"), run.toString());
        assertTrue(run.stderr().contains("no token, see the error above"), run.toString());
        assertEquals(1, occurrences(run.stderr(), "curl: "), "only the sign-in was tried: " + run);
    }

    @Test
    void readmeQuickStart_showsExactlyTheLinesTheBannerPrints() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);

        List<String> lines = LocalCurl.embedded("http://127.0.0.1:8080", "alice");
        assertEquals(1, readme.stream().filter(lines.get(0)::equals).count(), lines.get(0));
        assertEquals(1, readme.stream().filter(lines.get(1)::equals).count(), lines.get(1));
        assertEquals(readme.indexOf(lines.get(0)) + 1, readme.indexOf(lines.get(1)), "the pair is together, in order");
    }

    private long userinfoCalls() {
        return output.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"event\":\"request\"") && l.contains("\"route\":\"/userinfo\"")).count();
    }

    static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    /**
     * A shell run of copy-pasted lines, its standard output and error kept apart.
     *
     * @param exit   the shell's exit status
     * @param stdout what it printed to standard output
     * @param stderr what it printed to standard error
     */
    record Shell(int exit, String stdout, String stderr) {

        /** Runs {@code lines} as one script, as a reader pasting them would, with {@code env} added. */
        static Shell run(String shell, List<String> lines, Map<String, String> env) throws IOException, InterruptedException {
            Assumptions.assumeTrue(LocalServerTest.onPath("curl") && LocalServerTest.onPath(shell)
                    || LocalServerTest.isCi(), "curl and " + shell + " are needed to run the curl lines");
            ProcessBuilder builder = new ProcessBuilder(shell, "-c", String.join("\n", lines));
            builder.environment().putAll(env);
            Process process = builder.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the shell did not finish in 30 s");
            return new Shell(process.exitValue(), out, err.join());
        }

        private static String read(java.io.InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
