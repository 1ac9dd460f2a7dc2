package dev.userinfo.application;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CORS origin allowlist: exact origins ({@code https://app.example.com}) and, for local
 * development, any-port patterns ({@code http://localhost:*}). An origin is never reflected unless
 * it matches one of them.
 *
 * <p>Configured origins are normalized at start-up to the form a browser sends in {@code Origin}
 * (RFC 6454, section 6.2, "ASCII serialization of an origin"): scheme and host in lower case, an
 * internationalized host in its ASCII (punycode) form, and the scheme's default port (80 for http,
 * 443 for https) left out. So {@code https://App.Example.com:443} allows what a browser sends,
 * {@code https://app.example.com}. Anything that is not an origin (a path, even a lone trailing
 * slash, a query, credentials, a wildcard host, a second port) is refused with a message saying what
 * to write instead: guessing what was meant would make a typo an open door or a silent mismatch.
 *
 * <p>It also holds the request headers a preflight allows ({@code Access-Control-Allow-Headers}):
 * a fixed list, never an echo of what the preflight asks for. By default {@link #DEFAULT_ALLOWED_HEADERS}.
 */
public final class CorsPolicy {

    /** What a browser sends: lower-case scheme and host, a port only when it is not the default. */
    private static final Pattern ORIGIN =
            Pattern.compile("(https?)://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::([0-9]{1,5}))?");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-f:.]+\\]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final String SHAPE = "scheme://host[:port], or scheme://host:* for any port";

    /**
     * The token ({@code Authorization}), {@code Content-Type}, and the headers tracing libraries add to
     * an SPA's {@code fetch}: W3C Trace Context ({@code traceparent}, {@code tracestate}), W3C Baggage
     * ({@code baggage}, sent by OpenTelemetry and Sentry) and {@code sentry-trace}. Without them the
     * browser refuses the preflight and the app never sees the answer.
     */
    public static final List<String> DEFAULT_ALLOWED_HEADERS =
            List.of("Authorization", "Content-Type", "traceparent", "tracestate", "baggage", "sentry-trace");

    /** RFC 9110, section 5.6.2: {@code token = 1*tchar}. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final List<Entry> entries;
    private final List<String> allowedHeaders;

    private record Entry(String scheme, String host, String port) {
        boolean matches(String scheme, String host, String port) {
            return this.scheme.equals(scheme)
                    && this.host.equals(host)
                    && ("*".equals(this.port) || Objects.equals(this.port, port));
        }

        String serialized() {
            return scheme + "://" + host + (port == null ? "" : ":" + port);
        }
    }

    private CorsPolicy(List<Entry> entries, List<String> allowedHeaders) {
        this.entries = List.copyOf(entries);
        this.allowedHeaders = List.copyOf(allowedHeaders);
    }

    /**
     * Builds the policy from configured patterns, each normalized by {@link #normalizeOrigin}, with
     * the {@link #DEFAULT_ALLOWED_HEADERS}.
     *
     * @throws IllegalArgumentException for a pattern that is not an origin, saying what to write instead
     */
    public static CorsPolicy of(List<String> patterns) {
        return of(patterns, DEFAULT_ALLOWED_HEADERS);
    }

    /**
     * Builds the policy from configured origin patterns and the request headers a preflight allows.
     *
     * @param allowedHeaders header names (RFC 9110 tokens, blanks around them ignored), sent in this
     *                       order and spelling; a name repeated in another case is left out; must
     *                       include {@code Authorization}, which carries the token
     * @throws IllegalArgumentException for a pattern that is not an origin, a name that is not a
     *                                  token, {@code *}, or a list without {@code Authorization}
     */
    public static CorsPolicy of(List<String> patterns, List<String> allowedHeaders) {
        return new CorsPolicy(patterns.stream().map(CorsPolicy::normalizeOrigin).map(CorsPolicy::entry).toList(),
                allowedHeaderNames(allowedHeaders));
    }

    /**
     * Checks the request headers a preflight is to allow.
     *
     * @param names header names; blanks around each are ignored
     * @return the names in their order and spelling, a name repeated in another case left out
     * @throws IllegalArgumentException for an empty name, {@code *}, a name that is not an RFC 9110
     *                                  token (section 5.1), or a list without {@code Authorization}
     */
    public static List<String> allowedHeaderNames(List<String> names) {
        List<String> kept = new ArrayList<>();
        for (String raw : names) {
            String name = Objects.requireNonNull(raw, "header name").strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("an empty header name; list names separated by commas");
            }
            if ("*".equals(name)) {
                throw new IllegalArgumentException("'*' would let a page send any header (and never covers"
                        + " Authorization): list the header names");
            }
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a header name (an RFC 9110 token:"
                        + " letters, digits and !#$%&'*+-.^_`|~)");
            }
            if (kept.stream().noneMatch(name::equalsIgnoreCase)) {
                kept.add(name);
            }
        }
        if (kept.stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            throw new IllegalArgumentException("must include Authorization, which carries the token; was "
                    + String.join(", ", kept));
        }
        return List.copyOf(kept);
    }

    /** The value of {@code Access-Control-Allow-Headers} on a preflight's answer. */
    public String allowedHeaders() {
        return String.join(", ", allowedHeaders);
    }

    /** The allowed origins, normalized, in the order configured. */
    public List<String> origins() {
        return entries.stream().map(Entry::serialized).toList();
    }

    /**
     * One configured origin (or {@code scheme://host:*} pattern) as a browser serializes it (RFC 6454,
     * section 6.2): {@code HTTPS://App.Example.com:443} becomes {@code https://app.example.com}.
     *
     * @param pattern {@code http(s)://host[:port]} or {@code http(s)://host:*}; surrounding blanks are ignored
     * @return the normalized origin or pattern
     * @throws IllegalArgumentException when it is not one; the message quotes the value and says the fix
     */
    public static String normalizeOrigin(String pattern) {
        String text = Objects.requireNonNull(pattern, "pattern").strip();
        String quoted = "'" + text + "'";
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty origin: write " + SHAPE);
        }
        if ("null".equals(text)) {
            throw new IllegalArgumentException(quoted + " is the opaque origin of sandboxed pages and files and"
                    + " cannot be allowed; an origin is " + SHAPE);
        }
        int schemeEnd = text.indexOf("://");
        if (text.indexOf('*') >= 0 && !(schemeEnd > 0 && text.endsWith(":*") && text.indexOf('*') == text.length() - 1)) {
            throw new IllegalArgumentException(quoted + ": a wildcard is allowed only as the port"
                    + " (http://localhost:*); list one entry per origin, comma-separated");
        }
        if (schemeEnd < 0) {
            String suggestion = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
            throw new IllegalArgumentException(quoted + " has no scheme: write 'https://" + suggestion
                    + "' (or http:// for a plain-HTTP origin); an origin is " + SHAPE);
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(quoted + ": only http or https origins can be allowed");
        }
        String rest = text.substring(schemeEnd + 3);
        int authorityEnd = firstIndexOf(rest, "/?#");
        if (authorityEnd >= 0) {
            throw new IllegalArgumentException(quoted + ": an origin has no path, query or fragment (not even a"
                    + " trailing slash): write " + suggest(scheme, rest.substring(0, authorityEnd)));
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            throw new IllegalArgumentException(quoted + ": an origin has no user name or password: write "
                    + suggest(scheme, rest.substring(at + 1)));
        }
        String host;
        String portText;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            host = close < 0 ? rest : rest.substring(0, close + 1);
            String after = close < 0 ? "" : rest.substring(close + 1);
            if (close < 0 || !(after.isEmpty() || after.startsWith(":"))) {
                throw new IllegalArgumentException(quoted + " is not an origin: " + SHAPE);
            }
            portText = after.isEmpty() ? null : after.substring(1);
        } else {
            String[] parts = rest.split(":", -1);
            if (parts.length > 2) {
                String base = scheme + "://" + parts[0];
                throw new IllegalArgumentException(quoted + " gives a port twice: write '" + base + ":" + parts[1]
                        + "' for that port or '" + base + ":*' for any port");
            }
            host = parts[0];
            portText = parts.length == 2 ? parts[1] : null;
        }
        host = asciiHost(host, quoted);
        if (portText == null || "*".equals(portText)) {
            return scheme + "://" + host + (portText == null ? "" : ":*");
        }
        if (!PORT.matcher(portText).matches() || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65_535) {
            throw new IllegalArgumentException(quoted + ": the port must be a number from 1 to 65535, or '*'");
        }
        int port = Integer.parseInt(portText);
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private static String asciiHost(String host, String quoted) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[")) {
            if (!IPV6_LITERAL.matcher(lower).matches()) {
                throw new IllegalArgumentException(quoted + " is not an origin: " + SHAPE);
            }
            return lower;
        }
        String ascii;
        try {
            // A browser sends an internationalized name in its ASCII form (xn--...).
            ascii = IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(quoted + " has a host that is not a domain name: " + SHAPE, e);
        }
        if (!HOST_NAME.matcher(ascii).matches()) {
            throw new IllegalArgumentException(quoted + " is not an origin: " + SHAPE);
        }
        return ascii;
    }

    /** The origin to write instead, when the part before the junk is one; else the shape. */
    private static String suggest(String scheme, String authority) {
        try {
            return "'" + normalizeOrigin(scheme + "://" + authority) + "'";
        } catch (IllegalArgumentException e) {
            return SHAPE;
        }
    }

    private static int firstIndexOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static Entry entry(String normalized) {
        int schemeEnd = normalized.indexOf("://");
        String authority = normalized.substring(schemeEnd + 3);
        int portColon = authority.lastIndexOf(':');
        boolean hasPort = portColon > authority.lastIndexOf(']');
        return new Entry(normalized.substring(0, schemeEnd),
                hasPort ? authority.substring(0, portColon) : authority,
                hasPort ? authority.substring(portColon + 1) : null);
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
        // Compared as the browser sends it: lower case, no default port. A variant no browser sends
        // (upper case, an explicit :443) is not let through.
        String scheme = m.group(1);
        String host = m.group(2);
        String port = m.group(3);
        return entries.stream().anyMatch(e -> e.matches(scheme, host, port));
    }
}
