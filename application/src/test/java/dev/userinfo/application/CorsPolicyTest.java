package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://*.example.com", "app.example.com", "https://app.example.com/", "ftp://x"})
    void patternThatIsNotAnOrigin_isRefusedAtStartUp(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> CorsPolicy.of(List.of(pattern)));
    }
}
