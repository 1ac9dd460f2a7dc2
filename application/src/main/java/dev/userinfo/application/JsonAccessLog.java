package dev.userinfo.application;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes each entry as one JSON line, the shape CloudWatch Logs Insights and local tools both read.
 * Null fields are left out so a line stays short.
 */
public final class JsonAccessLog implements AccessLog {

    private static final String LINE_BREAK = System.lineSeparator();

    private final PrintStream out;

    public JsonAccessLog(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes the line and its line break as one UTF-8 write: encoded before the stream's lock is
     * taken, and one system call while it is held, so request threads logging at once wait for each
     * other as briefly as a synchronous log allows. The line is out before the response is sent.
     */
    @Override
    public void record(AccessLogEntry entry) {
        byte[] line = (format(entry) + LINE_BREAK).getBytes(StandardCharsets.UTF_8);
        out.write(line, 0, line.length);
    }

    /** The line written for an entry. */
    public String format(AccessLogEntry entry) {
        return JsonText.object(json -> {
            json.writeStringField("level", entry.status() >= 500 && entry.status() != 503 ? "ERROR" : "INFO");
            json.writeStringField("event", "request");
            JsonText.stringOrNull(json, "requestId", entry.requestId());
            JsonText.stringOrNull(json, "method", entry.method());
            JsonText.stringOrNull(json, "route", entry.route());
            if (entry.path() != null) {
                json.writeStringField("path", entry.path());
            }
            json.writeNumberField("status", entry.status());
            JsonText.stringOrNull(json, "outcome", entry.outcome());
            if (entry.reason() != null) {
                json.writeStringField("reason", entry.reason());
            }
            if (entry.sub() != null) {
                json.writeStringField("sub", entry.sub());
            }
            if (entry.profile() != null) {
                json.writeStringField("profile", entry.profile());
            }
            json.writeNumberField("latencyMs", Math.round(entry.latencyMillis() * 1000.0) / 1000.0);
        });
    }
}
