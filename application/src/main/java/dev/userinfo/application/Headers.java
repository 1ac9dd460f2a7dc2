package dev.userinfo.application;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Request headers with case-insensitive names, built null-safely from whatever shape an entry point
 * has (API Gateway may hand over {@code null} maps, null names or null values).
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    private final Map<String, List<String>> values;

    private Headers(TreeMap<String, List<String>> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** From single-valued headers; a {@code null} map, name or value is ignored. */
    public static Headers of(Map<String, String> single) {
        return of(single, null);
    }

    /**
     * From single-valued and multi-valued headers together (API Gateway REST sends both). Values
     * from the multi-valued map come first; duplicates from the single map are not repeated.
     */
    public static Headers of(Map<String, String> single, Map<String, List<String>> multi) {
        TreeMap<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (multi != null) {
            multi.forEach((name, list) -> {
                if (name != null && list != null) {
                    for (String value : list) {
                        add(merged, name, value);
                    }
                }
            });
        }
        if (single != null) {
            single.forEach((name, value) -> {
                if (name != null && value != null
                        && !merged.getOrDefault(name, List.of()).contains(value)) {
                    add(merged, name, value);
                }
            });
        }
        return merged.isEmpty() ? EMPTY : new Headers(merged);
    }

    private static void add(TreeMap<String, List<String>> merged, String name, String value) {
        if (value == null) {
            return;
        }
        merged.compute(name, (key, old) -> {
            if (old == null) {
                return List.of(value);
            }
            var list = new java.util.ArrayList<>(old);
            list.add(value);
            return List.copyOf(list);
        });
    }

    /** The first value of a header, if present. */
    public Optional<String> first(String name) {
        // A name is only ever stored with at least one value (see add).
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    /** All values of a header, in arrival order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    @Override
    public String toString() {
        // Names only: values may hold credentials.
        return "Headers" + values.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }
}
