package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void names_areMatchedCaseInsensitively() {
        Headers headers = Headers.of(Map.of("authorization", "Bearer x"));

        assertEquals(Optional.of("Bearer x"), headers.first("Authorization"));
        assertEquals(Optional.of("Bearer x"), headers.first("AUTHORIZATION"));
    }

    @Test
    void nullMapsNamesAndValues_areIgnored() {
        Map<String, String> single = new HashMap<>();
        single.put(null, "x");
        single.put("Origin", null);
        Map<String, List<String>> multi = new HashMap<>();
        multi.put("Authorization", null);

        assertEquals(Optional.empty(), Headers.of(null, null).first("Authorization"));
        assertEquals(Optional.empty(), Headers.of(single, multi).first("Origin"));
        assertEquals(Optional.empty(), Headers.of(single, multi).first("Authorization"));
    }

    /** API Gateway's multi-value map may hold a null name or a null among the values: skipped, never a 500. */
    @Test
    void nullNameOrNullValueInAMultiValueList_isIgnored() {
        Map<String, List<String>> multi = new HashMap<>();
        multi.put(null, List.of("x"));
        multi.put("Authorization", java.util.Arrays.asList(null, "Bearer a", null));
        multi.put("Origin", java.util.Arrays.asList((String) null));

        Headers headers = Headers.of(null, multi);

        assertEquals(List.of("Bearer a"), headers.all("Authorization"));
        assertEquals(Optional.of("Bearer a"), headers.first("authorization"));
        assertEquals(Optional.empty(), headers.first("Origin"));
        assertEquals(List.of(), headers.all("Origin"));
        assertEquals("Headers[authorization]", headers.toString());
    }

    @Test
    void multiValueHeaders_comeFirst_andTheSingleValueIsNotRepeated() {
        Headers headers = Headers.of(
                Map.of("Authorization", "Bearer a"),
                Map.of("authorization", List.of("Bearer a", "Bearer b")));

        assertEquals(List.of("Bearer a", "Bearer b"), headers.all("Authorization"));
    }

    @Test
    void toString_showsNamesButNeverValues() {
        String text = Headers.of(Map.of("Authorization", "Bearer secret")).toString();

        assertEquals("Headers[authorization]", text);
    }
}
