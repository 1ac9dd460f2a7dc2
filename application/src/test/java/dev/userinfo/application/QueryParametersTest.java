package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void multiValuedMapComesFirst_singleValuesItAlreadyHoldsAreNotRepeated() {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        multi.put("state", List.of("s1", "s2"));
        Map<String, String> single = new LinkedHashMap<>();
        single.put("state", "s2");
        single.put("code", "c1");

        QueryParameters query = QueryParameters.of(single, multi);

        assertEquals(List.of("s1", "s2"), query.all("state"));
        assertEquals(Optional.of("s1"), query.first("state"));
        assertEquals(List.of("c1"), query.all("code"));
        assertEquals(List.of("state", "code"), List.copyOf(query.asMap().keySet()));
    }

    @Test
    void nullMapsNamesAndValues_areIgnored_asApiGatewaySendsThem() {
        Map<String, String> single = new HashMap<>();
        single.put(null, "x");
        single.put("a", null);
        Map<String, List<String>> multi = new HashMap<>();
        multi.put("b", Arrays.asList("1", null));
        multi.put("c", null);

        QueryParameters query = QueryParameters.of(single, multi);

        assertEquals(Map.of("b", List.of("1")), query.asMap());
        assertSame(QueryParameters.empty(), QueryParameters.of(null, null));
        assertEquals(Optional.empty(), query.first("a"));
        assertEquals(List.of(), query.all("missing"));
    }

    @Test
    void namesAreCaseSensitive_asRfc3986Has() {
        QueryParameters query = QueryParameters.of(Map.of("Code", "x"), null);

        assertEquals(Optional.empty(), query.first("code"));
        assertEquals(Optional.of("x"), query.first("Code"));
    }

    @Test
    void isUnmodifiable_andToStringShowsNamesOnly() {
        QueryParameters query = QueryParameters.of(Map.of("code", "secret-code-value"), null);

        assertThrows(UnsupportedOperationException.class, () -> query.asMap().put("x", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> query.all("code").add("y"));
        assertEquals("QueryParameters[code]", query.toString());
    }
}
