package dev.userinfo.bootstrap.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a server under test writes while a resilience test runs: its own output (the banner and
 * the JSON access log, through the {@link PrintStream} {@link LocalServer#start} takes), whatever
 * reaches {@code System.out} and {@code System.err} (slf4j-simple: Jetty, Javalin, the AWS SDK, the
 * Cognito adapter), and every {@code java.util.logging} record (the {@code System.Logger}s of the
 * endpoint and routes, whose console handler may hold a stream captured before this one).
 * {@link #assertNoTokenNorEmail} then greps all of it.
 */
public final class LogCapture implements AutoCloseable {

    /** Every JWT's header starts with {@code {"} and so its base64url with {@code eyJ}. */
    private static final String JWT_PREFIX = "eyJ";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    /** A file, not memory: the memory test measures the heap, and 10,000 log lines must not count. */
    private final Path file;
    private final PrintStream serverOut;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            serverOut.println("JUL " + record.getLevel() + " " + record.getLoggerName() + ": "
                    + new java.util.logging.SimpleFormatter().formatMessage(record)
                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        try {
            file = Files.createTempFile("userinfo-logs-", ".txt");
            // PrintStream locks itself per write, so lines from request threads never interleave mid-line.
            serverOut = new PrintStream(new BufferedOutputStream(Files.newOutputStream(file)), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts capturing. {@code System.out} and {@code System.err} are replaced (not teed: 10,000
     * hostile requests would otherwise flood the build log) until {@link #close()}.
     */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        System.setOut(capture.serverOut);
        System.setErr(capture.serverOut);
        Logger root = LogManager.getLogManager().getLogger("");
        root.addHandler(capture.julHandler);
        capture.julHandler.setLevel(Level.ALL);
        return capture;
    }

    /** Prints a test's own summary to the real standard output, past the capture. */
    void report(String line) {
        originalOut.println(line);
    }

    /** The stream to hand to {@link LocalServer#start}. */
    public PrintStream serverOut() {
        return serverOut;
    }

    public String text() {
        serverOut.flush();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * No token (nor any part of one that identifies it: its signature) and no email address anywhere
     * in the capture, which must hold access log lines, so the grep is not run over nothing.
     */
    public void assertNoTokenNorEmail(Collection<String> tokensSent, Collection<String> emailsKnown) {
        String logs = text();
        assertTrue(logs.contains("\"event\":\"request\""), "no access log line was captured:\n" + head(logs));
        assertFalse(logs.contains(JWT_PREFIX), "a JWT (eyJ...) is in the logs:\n" + around(logs, logs.indexOf(JWT_PREFIX)));
        for (String token : tokensSent) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            if (signature.length() >= 16) {
                assertFalse(logs.contains(signature), "a token's signature is in the logs:\n"
                        + around(logs, logs.indexOf(signature)));
            }
        }
        for (String email : emailsKnown) {
            assertFalse(logs.contains(email), "an email address is in the logs:\n" + around(logs, logs.indexOf(email)));
        }
        Matcher anyEmail = EMAIL.matcher(logs);
        assertFalse(anyEmail.find(), () -> "something shaped like an email address is in the logs:\n"
                + around(logs, anyEmail.start()));
    }

    /** Restores {@code System.out}, {@code System.err} and the logging handlers, and deletes the file. */
    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        LogManager.getLogManager().getLogger("").removeHandler(julHandler);
        serverOut.close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file left behind is harmless
        }
    }

    private static String head(String logs) {
        return logs.substring(0, Math.min(logs.length(), 2000));
    }

    /** The lines around a finding: enough to see where it came from, without dumping 10,000 lines. */
    private static String around(String logs, int at) {
        int from = Math.max(0, logs.lastIndexOf('\n', Math.max(0, at - 400)));
        int to = logs.indexOf('\n', Math.min(logs.length(), at + 400));
        return logs.substring(from, to < 0 ? logs.length() : to);
    }
}
