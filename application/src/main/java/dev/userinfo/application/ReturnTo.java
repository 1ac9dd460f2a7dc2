package dev.userinfo.application;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a browser may be sent after signing in ({@code /auth/login?returnTo=…}), so the sign-in is
 * never an open redirect (RFC 6749, section 10.15; draft-ietf-oauth-security-topics, section 4.11):
 * a local path (one leading {@code /}, not {@code //} or {@code /\}), or an absolute {@code http(s)}
 * URL whose origin the CORS allowlist has (an SPA on another local port). Checked on the value and on
 * every percent-decoding of it, so {@code %2F%2Fevil} is {@code //evil}; no control characters, no
 * backslash, nothing outside printable ASCII, at most {@value #MAX_CHARS} characters. Anything else
 * becomes {@code /}.
 */
final class ReturnTo {

    static final int MAX_CHARS = 512;
    static final String HOME = "/";
    /** Enough for any double or triple encoding; a value still changing after that is refused. */
    private static final int MAX_DECODINGS = 4;

    private ReturnTo() {
    }

    static String safe(String requested, CorsPolicy cors) {
        Objects.requireNonNull(cors, "cors");
        if (requested == null || requested.isEmpty() || requested.length() > MAX_CHARS) {
            return HOME;
        }
        if (!isPrintableAscii(requested)) {
            return HOME;
        }
        boolean local = isLocalPath(requested);
        if (!local && !isAllowedAbsolute(requested, cors)) {
            return HOME;
        }
        // An absolute URL's origin is read from the value as sent; a path is checked at every decoding,
        // since whatever decodes it next (a browser, a proxy, a router) may read the decoded form.
        String value = requested;
        for (int i = 0; i < MAX_DECODINGS; i++) {
            String decoded = percentDecoded(value);
            if (decoded == null || hasControlOrBackslash(decoded) || (local && !isLocalPath(decoded))) {
                return HOME;
            }
            if (decoded.equals(value)) {
                return requested;
            }
            value = decoded;
        }
        return HOME;
    }

    /** Printable ASCII without space or backslash: what a query parameter may hold before decoding. */
    private static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** C0 and C1 control characters, DEL, or a backslash (which browsers read as a slash). */
    private static boolean hasControlOrBackslash(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** One leading slash: a path on this site; {@code //host} would be another site. */
    private static boolean isLocalPath(String value) {
        return value.startsWith("/") && !value.startsWith("//");
    }

    private static boolean isAllowedAbsolute(String value, CorsPolicy cors) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null
                || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        // The authority must be exactly host[:port] as parsed: no user info, no spelling a browser reads otherwise.
        String hostPort = uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port);
        return uri.getRawAuthority().toLowerCase(Locale.ROOT).equals(hostPort) && cors.allows(origin);
    }

    /**
     * {@code %XX} sequences decoded as bytes, read as UTF-8; null when one is malformed or the bytes
     * are not UTF-8 (an overlong {@code %C0%AF} is a slash to a lax decoder).
     */
    private static String percentDecoded(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            if (value.charAt(i) != '%') {
                out.append(value.charAt(i++));
                continue;
            }
            // A run of %XX is one byte sequence: a character may take several.
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            while (i < value.length() && value.charAt(i) == '%') {
                if (i + 2 >= value.length()) {
                    return null;
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 3;
            }
            try {
                out.append(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())));
            } catch (java.nio.charset.CharacterCodingException e) {
                return null;
            }
        }
        return out.toString();
    }
}
