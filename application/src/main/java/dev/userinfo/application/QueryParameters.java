package dev.userinfo.application;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request's query parameters, already percent-decoded by the entry point (API Gateway decodes them
 * for both payload versions; Javalin decodes its own), names case-sensitive as RFC 3986 has them,
 * values in arrival order. Null maps, names and values from an event are ignored.
 */
public final class QueryParameters {

    private static final QueryParameters EMPTY = new QueryParameters(Map.of());

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** No parameters. */
    public static QueryParameters empty() {
        return EMPTY;
    }

    /**
     * From single-valued and multi-valued maps together (API Gateway REST sends both, with the
     * multi-valued one complete). Values from the multi-valued map come first; a value of the single
     * map that it already holds is not repeated.
     */
    public static QueryParameters of(Map<String, String> single, Map<String, List<String>> multi) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        if (multi != null) {
            multi.forEach((name, list) -> {
                if (name != null && list != null) {
                    list.forEach(value -> add(merged, name, value));
                }
            });
        }
        if (single != null) {
            single.forEach((name, value) -> {
                if (name != null && value != null && !merged.getOrDefault(name, List.of()).contains(value)) {
                    add(merged, name, value);
                }
            });
        }
        if (merged.isEmpty()) {
            return EMPTY;
        }
        merged.replaceAll((name, list) -> List.copyOf(list));
        return new QueryParameters(Collections.unmodifiableMap(merged));
    }

    private static void add(Map<String, List<String>> merged, String name, String value) {
        if (value != null) {
            merged.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    /** The first value of a parameter, if present. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** All values of a parameter, in arrival order; empty when absent. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Every parameter name to its values, in arrival order; unmodifiable. */
    public Map<String, List<String>> asMap() {
        return values;
    }

    @Override
    public String toString() {
        // Names only: values may hold an authorization code or a state.
        return "QueryParameters" + values.keySet();
    }
}
