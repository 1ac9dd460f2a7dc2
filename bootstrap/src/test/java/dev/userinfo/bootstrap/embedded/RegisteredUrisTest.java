package dev.userinfo.bootstrap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The redirect URI registration: exact matches, the loopback patterns, and what never passes. */
class RegisteredUrisTest {

    private static final RegisteredUris LOOPBACK = RegisteredUris.of(List.of("http://localhost:*", "http://127.0.0.1:*"));
    private static final RegisteredUris EXACT = RegisteredUris.of(List.of("https://app.example.com/callback",
            "http://localhost:3000/cb"));

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:3000/callback", "http://localhost:5173/", "http://localhost/",
            "http://localhost:8080", "http://127.0.0.1:4200/auth/callback?x=1", "http://localhost:3000/a/b?c=d&e=f"})
    void loopbackPattern_allowsAnyPortAndPath(String uri) {
        assertTrue(LOOPBACK.allows(uri), uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://localhost:3000/cb", "http://localhost.evil.example:3000/cb",
            "http://evil.example/?localhost:3000", "http://localhost:3000@evil.example/", "http://user@localhost:3000/",
            "http://localhost:3000/cb#fragment", "http://LOCALHOST:3000/cb", "http://[::1]:3000/cb",
            "http://localhost:3000\\@evil.example/", "//localhost:3000/cb", "localhost:3000/cb", "javascript:alert(1)",
            "http://localhost:/cb", "http://127.0.0.2:3000/", "", " http://localhost:3000/", "http://localhost:3000/ cb"})
    void loopbackPattern_refusesEverythingElse(String uri) {
        assertFalse(LOOPBACK.allows(uri), uri);
    }

    @Test
    void ipv6LoopbackPattern_allowsItsOwnHostOnly() {
        RegisteredUris ipv6 = RegisteredUris.of(List.of("http://[::1]:*"));

        assertTrue(ipv6.allows("http://[::1]:3000/cb"));
        assertFalse(ipv6.allows("http://localhost:3000/cb"));
    }

    @Test
    void exactEntries_matchCharacterForCharacter() {
        assertTrue(EXACT.allows("https://app.example.com/callback"));
        assertTrue(EXACT.allows("http://localhost:3000/cb"));
        for (String near : List.of("https://app.example.com/callback/", "https://app.example.com/Callback",
                "https://app.example.com/callback?x=1", "https://APP.example.com/callback", "http://app.example.com/callback",
                "https://app.example.com:443/callback", "http://localhost:3001/cb", "http://localhost:3000/cb2")) {
            assertFalse(EXACT.allows(near), near);
        }
        assertFalse(EXACT.allows(null));
    }

    @Test
    void exactOnly_hasNoPatternFallback() {
        assertFalse(EXACT.allows("http://localhost:3000/other"));
        assertEquals(List.of("https://app.example.com/callback", "http://localhost:3000/cb"), EXACT.entries());
        assertEquals("https://app.example.com/callback, http://localhost:3000/cb", EXACT.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://*.example.com:*", "http://example.com:*", "https://localhost:*", "http://app.example.com/cb",
            "https://app.example.com/cb#x", "https://user@app.example.com/cb", "/callback", "not a url", "https://",
            "ftp://localhost/cb",
            // Seven characters, then a loopback host: only the http:// prefix makes a pattern local.
            "https:/localhost:*", "ftp://x127.0.0.1:*"})
    void registration_refusesWhatCognitoWouldRefuse(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegisteredUris.of(List.of(entry)));
        assertTrue(e.getMessage().contains(entry.isEmpty() ? "" : entry.substring(0, Math.min(5, entry.length()))), e.getMessage());
    }

    @Test
    void registration_acceptsHttpOnLoopbackAndHttpsElsewhere() {
        RegisteredUris uris = RegisteredUris.of(List.of("http://127.0.0.1:8080/cb", "http://[::1]:9/x", "https://a.example/cb"));
        assertTrue(uris.allows("http://127.0.0.1:8080/cb"));
        assertTrue(uris.allows("http://[::1]:9/x"));
    }

    @Test
    void emptyRegistration_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> RegisteredUris.of(List.of()));
    }

    /** A URL with a host but no scheme, or a scheme but no host, is refused as such, before any scheme rule. */
    @ParameterizedTest
    @ValueSource(strings = {"//app.example.com/cb", "https:app.example.com/cb"})
    void registration_refusesAUrlWithoutSchemeOrHost_namingWhy(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegisteredUris.of(List.of(entry)));
        assertEquals("'" + entry + "' is not an absolute URL with a host", e.getMessage());
    }

    private static final RegisteredUris CALLBACK_ONLY = EXACT.withLoopback(List.of("/auth/callback"),
            List.of("https://spa.example.com/signed-out"));

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/auth/callback", "http://127.0.0.1:8080/auth/callback",
            "http://[::1]:9/auth/callback", "http://localhost/auth/callback", "https://spa.example.com/signed-out",
            "https://app.example.com/callback"})
    void withLoopback_allowsThatPathOnEveryLoopbackOrigin_theAddedExactUris_andWhatWasThere(String uri) {
        assertTrue(CALLBACK_ONLY.allows(uri), uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/auth/callback?x=1", "http://localhost:8080/auth/callback/",
            "http://localhost:8080/auth/callbackx", "http://localhost:8080/", "https://localhost:8080/auth/callback",
            "http://evil.example/auth/callback", "http://127.0.0.2/auth/callback", "http://user@localhost/auth/callback",
            "http://localhost:8080/auth/callback#f", "http://localhost:/auth/callback", "http://LOCALHOST/auth/callback",
            "https://spa.example.com/signed-out/"})
    void withLoopback_refusesAnyOtherPathQueryHostOrScheme(String uri) {
        assertFalse(CALLBACK_ONLY.allows(uri), uri);
    }

    @Test
    void withLoopback_showsWhatItAdded_andRefusesPathsThatAreNotAbsolute() {
        assertEquals(List.of("https://app.example.com/callback", "http://localhost:3000/cb",
                "http://localhost:*/auth/callback", "https://spa.example.com/signed-out"), CALLBACK_ONLY.entries());
        for (String bad : List.of("auth/callback", "//evil.example/cb", "/cb?x=1", "/cb#f")) {
            assertThrows(IllegalArgumentException.class, () -> EXACT.withLoopback(List.of(bad), List.of()), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> EXACT.withLoopback(List.of(), List.of("http://evil.example/signed-out")));
    }
}
