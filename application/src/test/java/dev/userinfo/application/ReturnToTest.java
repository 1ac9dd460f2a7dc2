package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hostile returnTo table (BFF.md, CSRF): anything but a local path or an allowed origin's URL becomes "/". */
class ReturnToTest {

    private static final CorsPolicy CORS = CorsPolicy.of(List.of("https://app.example.com", "http://localhost:*"));

    @ParameterizedTest
    @ValueSource(strings = {
        "/", "/app", "/app/page?x=1&y=%2F#frag", "/a/b/c.html", "/%E2%9C%93", "/.well-known/x", "/~user/",
        "https://app.example.com", "https://app.example.com/", "https://app.example.com/app?x=1#y",
        "https://APP.example.com/x", "https://app.example.com:443/x", "http://localhost:5173/", "http://localhost:3000/app",
    })
    void localPathsAndAllowedOrigins_areKept(String value) {
        assertEquals(value, ReturnTo.safe(value, CORS));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "//evil.example.com", "//evil.example.com/x", "///evil.example.com", "/\\evil.example.com", "\\\\evil.example.com",
        "/\\/evil.example.com", "https://evil.example.com", "https://evil.example.com/app", "http://app.example.com/x",
        "https://app.example.com.evil.example.com/", "https://app.example.com@evil.example.com/",
        "https://evil.example.com\\@app.example.com/", "https://app.example.com:8443/", "http://localhost.evil.example.com:5173/",
        "https:evil.example.com", "https:/evil.example.com", "https:///evil.example.com", "javascript:alert(1)",
        "data:text/html,x", "evil.example.com", "app", "?x=1", "#frag", "",
        "%2F%2Fevil.example.com", "/%2Fevil.example.com", "/%2F/evil.example.com", "%2F%5Cevil.example.com",
        "/%5Cevil.example.com", "%252F%252Fevil.example.com", "/%252Fevil.example.com", "%25252F%25252Fevil.example.com",
        "%2f%2fevil.example.com", "/%", "/%zz", "/%2", "%68ttps://evil.example.com",
        "/a\tb", "/a\nb", "/a\rb", "/a\u0000b", "/a%0d%0aSet-Cookie:x", "/a%09b", "/a\u007fb", "/a b", "/ä",
        "https://evil.example.com%2F@app.example.com", "/%C0%AF%C0%AFevil.example.com",
        "/a%1Fb", "/a%7Fb", "/a%C2%80b", "/a%C2%9Fb", "https://app.example.com:/x", "https://app.example.com/%zz",
        "https://app.example.com/%2", "https://app.example.com/%C0%AF", "https://app.example.com/a%0Ab",
        "/a%25252541",
    })
    void hostileValues_becomeHome(String value) {
        assertEquals("/", ReturnTo.safe(value, CORS), value);
    }

    @ParameterizedTest
    @CsvSource({"512, /", "513, '/'"})
    void atMost512Characters(int length, String ignored) {
        String value = "/" + "a".repeat(length - 1);
        assertEquals(length <= ReturnTo.MAX_CHARS ? value : "/", ReturnTo.safe(value, CORS));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void anEncodedSlashPairAtAnyDepth_isCaught(int depth) {
        String encoded = "//evil.example.com";
        for (int i = 0; i < depth; i++) {
            encoded = encoded.replace("%", "%25").replace("/", "%2F");
        }
        assertEquals("/", ReturnTo.safe(encoded, CORS));
    }

    @org.junit.jupiter.api.Test
    void anEncodedSpaceInAPath_isKept_onlyControlCharactersAreRefusedAfterDecoding() {
        assertEquals("/a%20b", ReturnTo.safe("/a%20b", CORS));
        assertEquals("/", ReturnTo.safe("/a%1Fb", CORS));
    }

    /**
     * The port as a browser would send the origin: a default port is dropped only for its own scheme
     * (80 for http, 443 for https), any other port stays and must be allowed itself.
     */
    @org.junit.jupiter.api.Test
    void aDefaultPort_countsOnlyForItsOwnScheme() {
        CorsPolicy plain = CorsPolicy.of(List.of("http://plain.example.com"));
        assertEquals("http://plain.example.com/x", ReturnTo.safe("http://plain.example.com/x", plain));
        assertEquals("http://plain.example.com:80/x", ReturnTo.safe("http://plain.example.com:80/x", plain));
        assertEquals("/", ReturnTo.safe("http://plain.example.com:443/x", plain));
        assertEquals("/", ReturnTo.safe("https://app.example.com:80/x", CORS));
        assertEquals("http://localhost:80/x", ReturnTo.safe("http://localhost:80/x", CORS));
    }

    /** An authority java.net.URI parses without a host (an underscore): refused, never a NullPointerException. */
    @org.junit.jupiter.api.Test
    void anAuthorityWithoutAHost_isHome() {
        assertEquals("/", ReturnTo.safe("https://under_score.example.com/x", CORS));
    }

    /**
     * Each half of a %XX must be a hex digit: with either one unchecked, {@code %3g} would decode to a
     * slash and {@code %g0} to a four-byte lead, and the path would be read otherwise than it was checked.
     */
    @org.junit.jupiter.api.Test
    void eachHalfOfAnEscape_mustBeAHexDigit() {
        assertEquals("/", ReturnTo.safe("/a%3gb", CORS));
        assertEquals("/", ReturnTo.safe("/%g0%90%80%80", CORS));
        assertEquals("/a%30b", ReturnTo.safe("/a%30b", CORS));
        assertEquals("/%F0%90%80%80", ReturnTo.safe("/%F0%90%80%80", CORS));
    }

    @org.junit.jupiter.api.Test
    void null_isHome() {
        assertEquals("/", ReturnTo.safe(null, CORS));
    }
}
