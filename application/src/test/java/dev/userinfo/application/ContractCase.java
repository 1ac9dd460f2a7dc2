package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
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
 */
public record ContractCase(
        String name, String method, String path, Map<String, String> requestHeaders,
        int status, Map<String, String> headers, String body) {

    /** Placeholder in an expected body for the request id, which each transport makes itself. */
    public static final String ANY_REQUEST_ID = "<request-id>";

    /** The headers every contract response must carry, and only those, besides the row's own. */
    public static final java.util.List<String> CONTRACT_HEADER_NAMES = java.util.List.of(
            "Content-Type", "Cache-Control", "Vary", "Access-Control-Allow-Origin",
            "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age",
            "Access-Control-Expose-Headers", "WWW-Authenticate", "Allow", "Retry-After");

    public ContractCase {
        requestHeaders = new LinkedHashMap<>(requestHeaders);
        headers = new LinkedHashMap<>(headers);
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
