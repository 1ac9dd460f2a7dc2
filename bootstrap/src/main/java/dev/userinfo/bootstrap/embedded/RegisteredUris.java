package dev.userinfo.bootstrap.embedded;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An app client's registered URLs (Cognito's callback URLs or allowed sign-out URLs), and the one
 * question asked of them: is this URL one of them? The comparison is exact, character for
 * character, as Cognito compares a {@code redirect_uri} (and as RFC 6749, 3.1.2.3, and the OAuth
 * security BCP, RFC 9700, 4.1.3, require), with one development-only form: a loopback pattern
 * {@code http://localhost:*} (or {@code http://127.0.0.1:*}, {@code http://[::1]:*}) registers every
 * URL of that host on any port and any path, so a frontend dev server works out of the box.
 *
 * <p>A registered URL is absolute, has no fragment (RFC 6749, 3.1.2) and no user info, and is https
 * except on a loopback host (Cognito's rule: http is allowed for {@code http://localhost} only).
 */
public final class RegisteredUris {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final String ANY_PORT = ":*";

    private final List<String> exact;
    private final List<String> loopbackPatternHosts;
    private final List<String> loopbackPaths;
    private final List<String> entries;

    private RegisteredUris(List<String> entries, List<String> exact, List<String> loopbackPatternHosts,
            List<String> loopbackPaths) {
        this.entries = List.copyOf(entries);
        this.exact = List.copyOf(exact);
        this.loopbackPatternHosts = List.copyOf(loopbackPatternHosts);
        this.loopbackPaths = List.copyOf(loopbackPaths);
    }

    /**
     * Reads a registration.
     *
     * @param entries exact URLs and loopback patterns, at least one
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static RegisteredUris of(List<String> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("names no URL");
        }
        List<String> exact = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        for (String entry : entries) {
            if (entry.endsWith(ANY_PORT)) {
                String host = entry.substring(0, entry.length() - ANY_PORT.length());
                if (!host.startsWith("http://") || !LOOPBACK_HOSTS.contains(host.substring("http://".length()))) {
                    throw new IllegalArgumentException("'" + entry + "': a pattern with ':*' is for development on this"
                            + " machine only: http://localhost:*, http://127.0.0.1:* or http://[::1]:*");
                }
                patterns.add(host.substring("http://".length()));
            } else {
                exact.add(checkedExact(entry));
            }
        }
        return new RegisteredUris(entries, exact, patterns, List.of());
    }

    /**
     * These registrations and, besides, each of {@code paths} on every loopback origin: {@code http},
     * {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, any port, that path exactly and no query.
     * What the local server registers for itself, whichever host and port a browser (or a frontend dev
     * server's proxy) reaches it by: its cookie sessions' {@code /auth/callback}, and where they sign out to.
     *
     * @param paths absolute paths, each starting with one {@code /}
     * @param exactUris further exact URLs (https, or http on a loopback host)
     * @throws IllegalArgumentException naming a path that is not absolute or an exact URL that is not allowed
     */
    public RegisteredUris withLoopback(List<String> paths, List<String> exactUris) {
        List<String> shown = new ArrayList<>(entries);
        List<String> addedPaths = new ArrayList<>(loopbackPaths);
        for (String path : paths) {
            if (!path.startsWith("/") || path.startsWith("//") || path.contains("?") || path.contains("#")) {
                throw new IllegalArgumentException("'" + path + "' is not an absolute path without query or fragment");
            }
            addedPaths.add(path);
            shown.add("http://localhost:*" + path);
        }
        List<String> addedExact = new ArrayList<>(exact);
        for (String uri : exactUris) {
            addedExact.add(checkedExact(uri));
            shown.add(uri);
        }
        return new RegisteredUris(shown, addedExact, loopbackPatternHosts, addedPaths);
    }

    private static String checkedExact(String entry) {
        URI uri;
        try {
            uri = new URI(entry);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + entry + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + entry + "' is not an absolute URL with a host");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + entry + "' has a fragment, which a redirect URL must not have (RFC 6749, 3.1.2)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + entry + "' has user info before its host");
        }
        boolean loopback = LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException("'" + entry + "' must be https (http only for localhost, as in Cognito)");
        }
        return entry;
    }

    /**
     * Whether {@code candidate} is registered: equal to an exact entry, a URL a loopback pattern
     * covers ({@code http}, exactly that host, any port or none, any path and query, no fragment, no
     * user info), or a loopback URL of one of the paths {@link #withLoopback} added (the same, but that
     * path exactly and no query). Anything that does not parse as a URL is not registered.
     */
    public boolean allows(String candidate) {
        if (candidate == null) {
            return false;
        }
        if (exact.contains(candidate)) {
            return true;
        }
        if (loopbackPatternHosts.isEmpty() && loopbackPaths.isEmpty()) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!"http".equals(uri.getScheme()) || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                || uri.getHost() == null || uri.getRawAuthority() == null) {
            return false;
        }
        // The authority as written must be exactly host or host:port, so nothing the URI parser
        // tolerated (a registry-based authority, an empty port) passes as loopback.
        String authority = uri.getRawAuthority();
        String expected = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        if (!authority.equals(expected)) {
            return false;
        }
        if (loopbackPatternHosts.contains(uri.getHost())) {
            return true;
        }
        return LOOPBACK_HOSTS.contains(uri.getHost()) && uri.getRawQuery() == null
                && loopbackPaths.contains(uri.getRawPath());
    }

    /** The entries as registered, in their order. */
    public List<String> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return String.join(", ", entries);
    }
}
