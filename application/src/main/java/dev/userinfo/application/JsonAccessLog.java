package dev.userinfo.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes each entry as one JSON line, the shape CloudWatch Logs Insights and local tools both read.
 * Null fields are left out so a line stays short.
 */
public final class JsonAccessLog implements AccessLog {

    private final ObjectMapper mapper = new ObjectMapper();
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
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", entry.status() >= 500 && entry.status() != 503 ? "ERROR" : "INFO");
        line.put("event", "request");
        line.put("requestId", entry.requestId());
        line.put("method", entry.method());
        line.put("route", entry.route());
        if (entry.path() != null) {
            line.put("path", entry.path());
        }
        line.put("status", entry.status());
        line.put("outcome", entry.outcome());
        if (entry.reason() != null) {
            line.put("reason", entry.reason());
        }
        if (entry.sub() != null) {
            line.put("sub", entry.sub());
        }
        if (entry.profile() != null) {
            line.put("profile", entry.profile());
        }
        line.put("latencyMs", Math.round(entry.latencyMillis() * 1000.0) / 1000.0);
        try {
            return mapper.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        }
    }
}
