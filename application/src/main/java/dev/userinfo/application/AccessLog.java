package dev.userinfo.application;

/** Where the endpoint reports each finished request: one entry per request. */
@FunctionalInterface
public interface AccessLog {

    void record(AccessLogEntry entry);

    /** Discards entries (tests that do not look at the log). */
    static AccessLog discarding() {
        return entry -> { };
    }
}
