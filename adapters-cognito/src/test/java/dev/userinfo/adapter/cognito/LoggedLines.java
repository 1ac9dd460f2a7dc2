package dev.userinfo.adapter.cognito;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the code under test logs through SLF4J while a test runs. The unit tests of this module log
 * through slf4j-simple (test scope; levels in {@code simplelogger.properties}), which writes each
 * line to the {@code System.err} of that moment: this swaps it for a buffer until {@link #close()}.
 * Tests in one JVM run one at a time, so a line a test reads is its own (or a background thread's of
 * the same test).
 */
final class LoggedLines implements AutoCloseable {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream original = System.err;

    private LoggedLines() {
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing {@code System.err}. */
    static LoggedLines capture() {
        return new LoggedLines();
    }

    /** Everything logged since {@link #capture()}, one line per log call. */
    String text() {
        System.err.flush();
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Restores the {@code System.err} there was before. */
    @Override
    public void close() {
        System.setErr(original);
    }
}
