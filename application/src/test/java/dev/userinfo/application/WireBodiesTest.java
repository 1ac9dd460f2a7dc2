package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bodies and the access log line are written field by field with Jackson's streaming generator;
 * whatever the values hold (quotes, backslashes, control characters, non-ASCII, nulls), the text is
 * exactly what Jackson's object mapper writes for the same fields in the same order.
 */
class WireBodiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "", "quote \" backslash \\ slash /", "tab\tnewline\ncontrol\u0001\u001f",
            "non-ASCII: Zoë, 日本, 🙂", "</script><script>", "\u2028\u2029"})
    void theUserInfoBody_isWhatTheObjectMapperWrites(String text) throws Exception {
        WireBodies.UserInfoBody body = new WireBodies.UserInfoBody(text, text + "@example.com", null, "sub-" + text, true,
                List.of(text, "admins"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", text);
        expected.put("email", text + "@example.com");
        expected.put("nickname", null);
        expected.put("sub", "sub-" + text);
        expected.put("email_verified", true);
        expected.put("groups", List.of(text, "admins"));

        assertEquals(MAPPER.writeValueAsString(expected), body.json());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void nullsAndFalse_areWrittenAsSuch(boolean verified) throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", null);
        expected.put("email", null);
        expected.put("nickname", null);
        expected.put("sub", "s");
        expected.put("email_verified", null);
        expected.put("groups", null);
        assertEquals(MAPPER.writeValueAsString(expected), new WireBodies.UserInfoBody(null, null, null, "s", null, null).json());
        assertEquals("{\"name\":null,\"email\":null,\"nickname\":null,\"sub\":\"s\",\"email_verified\":" + verified
                + ",\"groups\":[]}", new WireBodies.UserInfoBody(null, null, null, "s", verified, List.of()).json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"internal_error", "a \"b\" \\ ü"})
    void theErrorBody_carriesTheRequestIdOnlyWhenThereIsOne(String code) throws Exception {
        assertEquals(MAPPER.writeValueAsString(Map.of("error", code)), new WireBodies.ErrorBody(code, null).json());
        Map<String, Object> withId = new LinkedHashMap<>();
        withId.put("error", code);
        withId.put("requestId", "req-" + code);
        assertEquals(MAPPER.writeValueAsString(withId), new WireBodies.ErrorBody(code, "req-" + code).json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://auth.example.com/logout?client_id=abc&logout_uri=https%3A%2F%2Fapp.example.com%2F",
            "quote \" backslash \\ </script>"})
    void theLogoutBody_isWhatTheObjectMapperWrites(String url) throws Exception {
        assertEquals(MAPPER.writeValueAsString(Map.of("logoutUrl", url)), new WireBodies.LogoutBody(url).json());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.0004, 0.0005, 1.23456, 12.5, 1234.0004, 0.00001})
    void theAccessLogLine_isWhatTheObjectMapperWrites(double latency) throws Exception {
        for (AccessLogEntry entry : Arrays.asList(
                new AccessLogEntry("r-1", "GET", "/userinfo", null, 200, "ok", null, "sub \"1\"", latency, "pool"),
                new AccessLogEntry(null, "other", "other", "/x_jwt_", 500, "internal_error", "unexpected", null, latency),
                new AccessLogEntry("r-2", "OPTIONS", "/userinfo", null, 503, "temporarily_unavailable", "USER_POOL", null, latency))) {
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("level", entry.status() >= 500 && entry.status() != 503 ? "ERROR" : "INFO");
            expected.put("event", "request");
            expected.put("requestId", entry.requestId());
            expected.put("method", entry.method());
            expected.put("route", entry.route());
            if (entry.path() != null) {
                expected.put("path", entry.path());
            }
            expected.put("status", entry.status());
            expected.put("outcome", entry.outcome());
            if (entry.reason() != null) {
                expected.put("reason", entry.reason());
            }
            if (entry.sub() != null) {
                expected.put("sub", entry.sub());
            }
            if (entry.profile() != null) {
                expected.put("profile", entry.profile());
            }
            expected.put("latencyMs", Math.round(latency * 1000.0) / 1000.0);

            assertEquals(MAPPER.writeValueAsString(expected), new JsonAccessLog(System.out).format(entry));
        }
    }
}
