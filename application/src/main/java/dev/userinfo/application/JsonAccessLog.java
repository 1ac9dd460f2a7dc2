package dev.userinfo.application;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Writes each entry as one JSON line, the shape CloudWatch Logs Insights and local tools both read.
 * Null fields are left out so a line stays short.
 */
public final class JsonAccessLog implements AccessLog {

    private final PrintStream out;

    public JsonAccessLog(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void record(AccessLogEntry entry) {
        out.println(format(entry));
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
