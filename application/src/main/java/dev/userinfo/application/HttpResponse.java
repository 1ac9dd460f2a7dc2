package dev.userinfo.application;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response as every entry point must send it: status, headers in a fixed order, and the JSON body
 * (empty for 204). The {@code outcome} is for the access log and is never sent.
 */
public record HttpResponse(int status, Map<String, String> headers, String body, RequestOutcome outcome) {

    public HttpResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        body = body == null ? "" : body;
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The body as the UTF-8 bytes that go on the wire. */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** One header by its exact name as this contract spells it. */
    public String header(String name) {
        return headers.get(name);
    }
}
