package dev.userinfo.application;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CORS origin allowlist: exact origins ({@code https://app.example.com}) and, for local
 * development, any-port patterns ({@code http://localhost:*}). An origin is never reflected unless
 * it matches one of them.
 */
public final class CorsPolicy {

    private static final Pattern ORIGIN =
            Pattern.compile("(https?)://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::([0-9]{1,5}))?");

    private final List<Entry> entries;

    private record Entry(String scheme, String host, String port) {
        boolean matches(String scheme, String host, String port) {
            return this.scheme.equals(scheme)
                    && this.host.equals(host)
                    && ("*".equals(this.port) || Objects.equals(this.port, port));
        }
    }

    private CorsPolicy(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Builds the policy from configured patterns.
     *
     * @throws IllegalArgumentException for a pattern that is not {@code scheme://host[:port|:*]}
     */
    public static CorsPolicy of(List<String> patterns) {
        return new CorsPolicy(patterns.stream().map(CorsPolicy::parsePattern).toList());
    }

    /** The local server's default: any port on localhost and 127.0.0.1, over http. */
    public static CorsPolicy localDevelopment() {
        return of(List.of("http://localhost:*", "http://127.0.0.1:*"));
    }

    private static Entry parsePattern(String pattern) {
        String text = Objects.requireNonNull(pattern, "pattern").trim();
        String portPart = null;
        String rest = text;
        if (text.endsWith(":*")) {
            portPart = "*";
            rest = text.substring(0, text.length() - 2);
        }
        Matcher m = ORIGIN.matcher(rest);
        if (!m.matches() || (portPart != null && m.group(3) != null)) {
            throw new IllegalArgumentException(
                    "not an origin (scheme://host[:port]) or port pattern (scheme://host:*): " + text);
        }
        return new Entry(m.group(1), m.group(2).toLowerCase(Locale.ROOT), portPart != null ? portPart : m.group(3));
    }

    /** Whether a request's {@code Origin} header value may read responses. */
    public boolean allows(String origin) {
        if (origin == null) {
            return false;
        }
        Matcher m = ORIGIN.matcher(origin);
        if (!m.matches()) {
            return false;
        }
        // Scheme and host are compared as the browser sends them: lower case. An upper-case
        // variant is not what any browser sends, so it is not let through.
        String scheme = m.group(1);
        String host = m.group(2);
        String port = m.group(3);
        return entries.stream().anyMatch(e -> e.matches(scheme, host, port));
    }
}
