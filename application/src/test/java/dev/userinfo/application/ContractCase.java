package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the HTTP contract: a request and the exact response every entry point must give.
 * Shared through the test-jar so the Javalin and Lambda tests replay the same rows over their wire.
 *
 * @param name            what the row shows
 * @param method          request method
 * @param path            request path
 * @param requestHeaders  request headers, names as a client might spell them
 * @param status          expected status
 * @param headers         every expected response header that the contract names, exactly
 * @param body            expected body; {@link #ANY_REQUEST_ID} stands for the request id
 * @param query           request query parameters, decoded (one value each)
 * @param setCookies      every expected {@code Set-Cookie} value, in order; {@link #EXPIRES} stands
 *                        for the {@code Expires} date the cookie codec derives from the wall clock
 */
public record ContractCase(
        String name, String method, String path, Map<String, String> requestHeaders,
        int status, Map<String, String> headers, String body, Map<String, String> query, List<String> setCookies) {

    /** Placeholder in an expected body for the request id, which each transport makes itself. */
    public static final String ANY_REQUEST_ID = "<request-id>";

    /** The headers every contract response must carry, and only those, besides the row's own. */
    public static final java.util.List<String> CONTRACT_HEADER_NAMES = java.util.List.of(
            "Content-Type", "Cache-Control", "Vary", "Access-Control-Allow-Origin",
            "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age",
            "Access-Control-Expose-Headers", "WWW-Authenticate", "Allow", "Retry-After",
            "Access-Control-Allow-Credentials", "Location");

    /** Placeholder in an expected {@code Set-Cookie} for its {@code Expires} date. */
    public static final String EXPIRES = "<expires>";

    private static final Pattern EXPIRES_ATTRIBUTE = Pattern.compile("; Expires=([^;]+);");
    private static final Pattern MAX_AGE = Pattern.compile("; Max-Age=(\\d+);");

    public ContractCase {
        requestHeaders = new LinkedHashMap<>(requestHeaders);
        headers = new LinkedHashMap<>(headers);
        query = new LinkedHashMap<>(query);
        setCookies = List.copyOf(setCookies);
    }

    /** A row without query parameters that sets no cookie: every row of bearer mode. */
    public ContractCase(String name, String method, String path, Map<String, String> requestHeaders,
            int status, Map<String, String> headers, String body) {
        this(name, method, path, requestHeaders, status, headers, body, Map.of(), List.of());
    }

    /** The request's query string, encoded as a browser would: {@code ?a=1&b=2}, or empty. */
    public String queryString() {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder q = new StringBuilder("?");
        query.forEach((k, v) -> q.append(q.length() > 1 ? "&" : "").append(encode(k)).append('=').append(encode(v)));
        return q.toString();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Asserts status, headers, body, and the {@code Set-Cookie} values in order. */
    public void assertResponse(int actualStatus, java.util.function.Function<String, String> headerLookup,
            List<String> actualCookies, String actualBody) {
        assertResponse(actualStatus, headerLookup, actualBody);
        assertEquals(setCookies, actualCookies.stream().map(c -> withoutExpires(c, name)).toList(), name + ": Set-Cookie");
    }

    /**
     * A {@code Set-Cookie} value with its {@code Expires} date replaced by {@link #EXPIRES}, after
     * checking it is an IMF-fixdate (RFC 9110, section 5.6.7) within a minute of now + {@code Max-Age}.
     */
    public static String withoutExpires(String setCookie, String context) {
        Matcher expires = EXPIRES_ATTRIBUTE.matcher(setCookie);
        if (!expires.find()) {
            return setCookie;
        }
        Matcher maxAge = MAX_AGE.matcher(setCookie);
        assertTrue(maxAge.find(), context + ": Expires without Max-Age in " + setCookie);
        Instant date = ZonedDateTime.parse(expires.group(1), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Instant expected = Instant.now().plusSeconds(Long.parseLong(maxAge.group(1)));
        assertTrue(Math.abs(Duration.between(expected, date).getSeconds()) <= 60,
                context + ": Expires " + expires.group(1) + " is not now + Max-Age");
        return expires.replaceFirst("; Expires=" + EXPIRES + ";");
    }

    /**
     * Asserts a response against this row. {@code headerLookup} reads a response header by name
     * case-insensitively as the transport allows; only the contract's header names are compared, so
     * a transport's own headers (Date, Content-Length) do not matter.
     */
    public void assertResponse(int actualStatus, java.util.function.Function<String, String> headerLookup,
            String actualBody) {
        assertEquals(status, actualStatus, name + ": status");
        for (String header : CONTRACT_HEADER_NAMES) {
            assertEquals(headers.get(header), headerLookup.apply(header), name + ": header " + header);
        }
        assertBody(actualBody);
    }

    /** Asserts the body, allowing any well-formed request id where the row has the placeholder. */
    public void assertBody(String actualBody) {
        if (body.contains(ANY_REQUEST_ID)) {
            String regex = Pattern.quote(body).replace(ANY_REQUEST_ID, "\\E[A-Za-z0-9._-]{1,128}\\Q");
            assertTrue(actualBody.matches(regex), name + ": body " + actualBody + " does not match " + body);
        } else {
            assertEquals(body, actualBody, name + ": body");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
