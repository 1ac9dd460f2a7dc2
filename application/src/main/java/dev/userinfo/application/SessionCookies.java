package dev.userinfo.application;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The session and login cookies on the wire, and the one place that reads the {@code Cookie} header
 * and writes {@code Set-Cookie}: both through Netty's RFC 6265 codec in its strict mode
 * ({@link ServerCookieDecoder#STRICT}, {@link ServerCookieEncoder#STRICT}), never by hand.
 *
 * <p>The session cookie is {@code HttpOnly; SameSite=Strict; Path=/}, no {@code Domain},
 * {@code Max-Age} the time left to the session's absolute limit; the login cookie is the same with
 * {@code SameSite=Lax} (Cognito's redirect back is a cross-site navigation) and {@code Max-Age=600};
 * both {@code Secure} with the {@code __Host-} prefix unless the scheme is plain-http localhost
 * (BFF.md, Cookies). Netty writes {@code Expires} beside {@code Max-Age}, from the wall clock; where
 * both are there, {@code Max-Age} wins (RFC 6265, section 5.3, step 3).
 *
 * <p>A sealed session longer than one cookie allows is split into {@code <name>.0} and
 * {@code <name>.1}; one that does not fit into two is too large. A cookie, name, value and attributes
 * together, stays within 4,096 bytes, the least a browser must store (RFC 6265, section 6.1).
 */
final class SessionCookies {

    /** RFC 6265, section 6.1: at least 4,096 bytes per cookie, name, value and attributes together. */
    static final int MAX_COOKIE_BYTES = 4096;

    private final CookieScheme scheme;

    SessionCookies(CookieScheme scheme) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
    }

    String part(int index) {
        return scheme.sessionName() + "." + index;
    }

    /**
     * The request's cookies, name to value, from every {@code Cookie} header it has; the first of a
     * repeated name counts (a browser sends the most specific first, RFC 6265, section 5.4). Pairs the
     * strict decoder refuses are left out.
     */
    static Map<String, String> read(Headers headers) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headers.all("Cookie")) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decodeAll(header)) {
                cookies.putIfAbsent(cookie.name(), cookie.value());
            }
        }
        return cookies;
    }

    /** The sealed session the cookies hold: the whole cookie, else both halves joined; empty when neither. */
    Optional<String> session(Map<String, String> cookies) {
        String whole = cookies.get(scheme.sessionName());
        if (whole != null && !whole.isEmpty()) {
            return Optional.of(whole);
        }
        String first = cookies.get(part(0));
        String second = cookies.get(part(1));
        if (first != null && second != null && !first.isEmpty() && !second.isEmpty()) {
            return Optional.of(first + second);
        }
        return Optional.empty();
    }

    /** The sealed pending sign-ins the cookies hold. */
    Optional<String> login(Map<String, String> cookies) {
        return Optional.ofNullable(cookies.get(scheme.loginName())).filter(v -> !v.isEmpty());
    }

    /**
     * The {@code Set-Cookie} values that store {@code sealed} as the session: one cookie when it fits,
     * else two halves; each session cookie the request had and the new ones do not use is deleted.
     *
     * @param maxAge  the time left to the session's absolute limit
     * @param present the request's cookies
     * @return empty when even two cookies cannot hold it
     */
    Optional<List<String>> setSession(String sealed, Duration maxAge, Map<String, String> present) {
        long seconds = Math.max(0, maxAge.getSeconds());
        List<String> out = new ArrayList<>();
        String whole = encode(scheme.sessionName(), sealed, seconds, CookieHeaderNames.SameSite.Strict);
        if (fits(whole)) {
            out.add(whole);
            for (int i = 0; i < 2; i++) {
                if (present.containsKey(part(i))) {
                    out.add(delete(part(i), CookieHeaderNames.SameSite.Strict));
                }
            }
            return Optional.of(out);
        }
        int half = (sealed.length() + 1) / 2;
        String first = encode(part(0), sealed.substring(0, half), seconds, CookieHeaderNames.SameSite.Strict);
        String second = encode(part(1), sealed.substring(half), seconds, CookieHeaderNames.SameSite.Strict);
        if (!fits(first) || !fits(second)) {
            return Optional.empty();
        }
        out.add(first);
        out.add(second);
        if (present.containsKey(scheme.sessionName())) {
            out.add(delete(scheme.sessionName(), CookieHeaderNames.SameSite.Strict));
        }
        return Optional.of(out);
    }

    /** Deletes the session cookie, and each half of one the request had. */
    List<String> clearSession(Map<String, String> present) {
        List<String> out = new ArrayList<>();
        out.add(delete(scheme.sessionName(), CookieHeaderNames.SameSite.Strict));
        for (int i = 0; i < 2; i++) {
            if (present.containsKey(part(i))) {
                out.add(delete(part(i), CookieHeaderNames.SameSite.Strict));
            }
        }
        return out;
    }

    /** Stores the pending sign-ins for the ten minutes a sign-in may take. */
    String setLogin(String sealed, Duration maxAge) {
        return encode(scheme.loginName(), sealed, maxAge.getSeconds(), CookieHeaderNames.SameSite.Lax);
    }

    String clearLogin() {
        return delete(scheme.loginName(), CookieHeaderNames.SameSite.Lax);
    }

    private String delete(String name, CookieHeaderNames.SameSite sameSite) {
        return encode(name, "", 0, sameSite);
    }

    private String encode(String name, String value, long maxAgeSeconds, CookieHeaderNames.SameSite sameSite) {
        DefaultCookie cookie = new DefaultCookie(name, value);
        cookie.setPath("/");
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setSecure(scheme.secure());
        cookie.setHttpOnly(true);
        cookie.setSameSite(sameSite);
        return ServerCookieEncoder.STRICT.encode(cookie);
    }

    private static boolean fits(String setCookie) {
        return setCookie.getBytes(StandardCharsets.US_ASCII).length <= MAX_COOKIE_BYTES;
    }
}
