package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CorsPolicyTest {

    private final CorsPolicy policy = CorsPolicy.of(List.of("https://app.example.com", "http://localhost:*"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://app.example.com, true",
        "https://app.example.com:443, false",
        "http://app.example.com, false",
        "https://app.example.com.evil.com, false",
        "https://evil.com/https://app.example.com, false",
        "https://APP.example.com, false",
        "http://localhost:5173, true",
        "http://localhost, true",
        "https://localhost:5173, false",
        "http://localhost.evil.com:5173, false",
        "http://127.0.0.1:5173, false",
        "null, false",
        "'', false",
    })
    void origin_isAllowedOnlyOnAnExactOrPortWildcardMatch(String origin, boolean allowed) {
        assertEquals(allowed, policy.allows(origin));
    }

    /** An explicit non-default port allows that port only: not the default one, not another, not none. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://app.example.com:8443, true",
        "https://app.example.com, false",
        "https://app.example.com:443, false",
        "https://app.example.com:8444, false",
        "https://app.example.com:844, false",
        "http://app.example.com:8443, false",
        "https://other.example.com:8443, false",
    })
    void explicitNonDefaultPort_allowsExactlyThatPort(String origin, boolean allowed) {
        CorsPolicy withPort = CorsPolicy.of(List.of("https://app.example.com:8443"));

        assertEquals(allowed, withPort.allows(origin));
        assertEquals(List.of("https://app.example.com:8443"), withPort.origins());
    }

    @Test
    void portWildcard_allowsAnyPortOfThatSchemeAndHostOnly() {
        CorsPolicy local = CorsPolicy.of(List.of("http://127.0.0.1:*", "http://[::1]:*"));

        assertTrue(local.allows("http://127.0.0.1:3000"));
        assertTrue(local.allows("http://127.0.0.1"));
        assertTrue(local.allows("http://[::1]:5173"));
        assertFalse(local.allows("https://127.0.0.1:3000"));
        assertFalse(local.allows("http://127.0.0.2:3000"));
        assertEquals(List.of("http://127.0.0.1:*", "http://[::1]:*"), local.origins());
    }

    @Test
    void noOriginHeader_isNotAllowed() {
        assertFalse(policy.allows(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://*.example.com", "app.example.com", "https://app.example.com/", "ftp://x"})
    void patternThatIsNotAnOrigin_isRefusedAtStartUp(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> CorsPolicy.of(List.of(pattern)));
    }

    /** RFC 6454, 6.2: scheme and host in lower case, the scheme's default port left out. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://app.example.test:443, https://app.example.test",
        "http://app.example.test:80, http://app.example.test",
        "HTTPS://App.Example.TEST, https://app.example.test",
        "https://app.example.test:8443, https://app.example.test:8443",
        "http://app.example.test:443, http://app.example.test:443",
        "https://app.example.test:80, https://app.example.test:80",
        "http://localhost:05173, http://localhost:5173",
        "http://LOCALHOST:*, http://localhost:*",
        "'  https://app.example.test  ', https://app.example.test",
        "https://app.example.test:1, https://app.example.test:1",
        "https://app.example.test:65535, https://app.example.test:65535",
        "'http://[::1]:3000', 'http://[::1]:3000'",
        "'http://[::1]:80', 'http://[::1]'",
        "'http://[::1]', 'http://[::1]'",
        "'http://[::1]:*', 'http://[::1]:*'",
        "'HTTP://[::FFFF:7F00:1]:8080', 'http://[::ffff:7f00:1]:8080'",
        "https://bücher.example, https://xn--bcher-kva.example",
    })
    void configuredOrigin_isNormalizedAsTheBrowserSerializesIt(String configured, String serialized) {
        assertEquals(serialized, CorsPolicy.normalizeOrigin(configured));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://app.example.test:443", "HTTPS://APP.EXAMPLE.TEST", "https://app.example.test:0443"})
    void originWrittenWithItsDefaultPortOrInUpperCase_matchesWhatTheBrowserSends(String configured) {
        CorsPolicy configuredPolicy = CorsPolicy.of(List.of(configured));

        assertTrue(configuredPolicy.allows("https://app.example.test"));
        assertFalse(configuredPolicy.allows("https://app.example.test:443"), "browsers never send the default port");
        assertFalse(configuredPolicy.allows("http://app.example.test"));
        assertEquals(List.of("https://app.example.test"), configuredPolicy.origins());
    }

    /** Each refusal names the fix: the message holds the value to write instead, or what to drop. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "http://localhost:3000:*   | write 'http://localhost:3000' for that port or 'http://localhost:*' for any port",
        "https://app.example.test/ | 'https://app.example.test'",
        "https://app.example.test/app | 'https://app.example.test'",
        "https://app.example.test?x=1 | 'https://app.example.test'",
        "https://app.example.test#top | 'https://app.example.test'",
        "https://user@app.example.test | 'https://app.example.test'",
        "app.example.test          | 'https://app.example.test'",
        "ftp://app.example.test    | http or https",
        "https://app.example.test:0 | from 1 to 65535",
        "https://app.example.test:70000 | from 1 to 65535",
        "https://*.example.test    | one entry per origin",
        "*                         | one entry per origin",
        "https://                  | scheme://host",
        "null                      | the opaque origin of sandboxed pages",
        "://app.example.test       | only http or https",
        "https:///app              | no path, query or fragment (not even a trailing slash): write scheme://host",
        "app.example.test/         | has no scheme: write 'https://app.example.test'",
        "https://@app.example.test | no user name or password: write 'https://app.example.test'",
        "http://[::1               | is not an origin",
        "http://[::1]x             | is not an origin",
        "https://app.example.test:65536 | from 1 to 65535",
        "https://app.example.test:+443 | from 1 to 65535",
        "https://app.example.test:000443 | from 1 to 65535",
        "https://app.example.test:44a | from 1 to 65535",
        "https://app.example.test: | from 1 to 65535",
        "https://*.example.test:*  | a wildcard is allowed only as the port",
        "http://localhost*         | a wildcard is allowed only as the port",
        "http://localhost:**       | a wildcard is allowed only as the port",
        "://app.example.test:*     | a wildcard is allowed only as the port",
        "http://[zz]               | is not an origin",
        "http://[::1]:3000:*       | the port must be a number",
        "http://app_example.test   | is not an origin",
        "http://-app.example.test  | is not an origin",
    })
    void malformedOrigin_isRefusedWithAMessageSayingTheFix(String configured, String fix) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorsPolicy.normalizeOrigin(configured));

        assertTrue(e.getMessage().contains(fix), e.getMessage());
        assertTrue(e.getMessage().contains(configured.trim()), "names what was written: " + e.getMessage());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "\t"})
    void emptyOrBlankOrigin_isRefusedAsEmpty(String configured) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorsPolicy.normalizeOrigin(configured));

        assertTrue(e.getMessage().startsWith("an empty origin: write scheme://host"), e.getMessage());
    }

    @Test
    void allowedRequestHeaders_byDefault_areAuthorizationContentTypeAndTheTracingHeadersSpasSend() {
        assertEquals("Authorization, Content-Type, traceparent, tracestate, baggage, sentry-trace",
                policy.allowedHeaders());
    }

    @Test
    void allowedRequestHeaders_asConfigured_inTheirOrderAndSpelling_withoutDuplicates() {
        CorsPolicy configured = CorsPolicy.of(List.of("https://app.example.com"),
                List.of(" Authorization ", "X-CSRF", "x-request-id", "authorization", "X-Api_Key!#$%&'*+.^`|~"));

        assertEquals("Authorization, X-CSRF, x-request-id, X-Api_Key!#$%&'*+.^`|~", configured.allowedHeaders());
    }

    /** RFC 9110, section 5.1: a field name is a token (5.6.2); anything else cannot be a header a browser sends. */
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"X Trace", "X-Trace:", "X\tTrace", "tr\u00e4ce", "(comment)", "X-A,", "X/B", "X@Y",
        "a=b", "\"quoted\"", "{x}", "[x]", "<x>", "x?", "x;y", "x\\y"})
    void headerNameThatIsNotAnRfc9110Token_isRefusedNamingIt(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorsPolicy.of(List.of("https://app.example.com"), List.of("Authorization", name)));

        assertTrue(e.getMessage().contains("'" + name.strip() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("RFC 9110"), e.getMessage());
    }

    @Test
    void wildcardOrEmptyOrAListWithoutAuthorization_isRefused() {
        var wildcard = assertThrows(IllegalArgumentException.class,
                () -> CorsPolicy.of(List.of("https://app.example.com"), List.of("Authorization", "*")));
        assertTrue(wildcard.getMessage().contains("'*'"), wildcard.getMessage());
        var empty = assertThrows(IllegalArgumentException.class,
                () -> CorsPolicy.of(List.of("https://app.example.com"), List.of("Authorization", " ")));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        var noAuthorization = assertThrows(IllegalArgumentException.class,
                () -> CorsPolicy.of(List.of("https://app.example.com"), List.of("Content-Type", "traceparent")));
        assertTrue(noAuthorization.getMessage().contains("Authorization"), noAuthorization.getMessage());
    }
}
