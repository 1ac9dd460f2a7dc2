package dev.userinfo.application;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response as every entry point must send it: status, single-valued headers in a fixed order, the
 * {@code Set-Cookie} values, and the JSON body (empty for 204 and redirects). The {@code outcome} is
 * for the access log and is never sent.
 *
 * <p>Cookies are kept apart from {@code headers} because each needs a header line of its own (RFC 6265
 * §3: a server must not fold several into one {@code Set-Cookie}), and each entry point has its own
 * shape for that: repeated header lines (Javalin), {@code multiValueHeaders} (API Gateway REST, payload
 * 1.0), the {@code cookies} list (HTTP API, payload 2.0).
 *
 * @param status  the HTTP status code
 * @param headers header name (as the contract spells it) to value; must not hold {@code Set-Cookie}
 * @param cookies each a complete {@code Set-Cookie} value ({@code name=value; Path=/; ...}), in order
 * @param body    the body, sent as UTF-8
 * @param outcome what the access log records
 */
public record HttpResponse(int status, Map<String, String> headers, List<String> cookies, String body,
        RequestOutcome outcome) {

    public HttpResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        if (headers.keySet().stream().anyMatch(SET_COOKIE::equalsIgnoreCase)) {
            throw new IllegalArgumentException("Set-Cookie goes in cookies, one value each");
        }
        cookies = List.copyOf(Objects.requireNonNull(cookies, "cookies"));
        body = body == null ? "" : body;
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A response that sets no cookie. */
    public HttpResponse(int status, Map<String, String> headers, String body, RequestOutcome outcome) {
        this(status, headers, List.of(), body, outcome);
    }

    /** The header every cookie is sent in. */
    public static final String SET_COOKIE = "Set-Cookie";

    /** The body as the UTF-8 bytes that go on the wire. */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** One header by its exact name as this contract spells it. */
    public String header(String name) {
        return headers.get(name);
    }
}
