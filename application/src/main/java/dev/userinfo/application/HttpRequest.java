package dev.userinfo.application;

import java.util.UUID;

/**
 * A request as every entry point hands it to the {@link UserInfoEndpoint}.
 *
 * @param method    the HTTP method, as sent
 * @param path      the path, without query string or API Gateway stage
 * @param headers   the headers, case-insensitive; cookies arrive in {@code Cookie} whatever the
 *                  entry point's own shape (HTTP API payload 2.0 hands them over as a separate list)
 * @param query     the query parameters, percent-decoded
 * @param requestId the id to log and to show in a 500 body (the Lambda request id, or a fresh one)
 */
public record HttpRequest(String method, String path, Headers headers, QueryParameters query, String requestId) {

    public HttpRequest {
        method = method == null ? "" : method;
        path = path == null ? "" : path;
        headers = headers == null ? Headers.empty() : headers;
        query = query == null ? QueryParameters.empty() : query;
        requestId = requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
    }

    /** A request without query parameters. */
    public HttpRequest(String method, String path, Headers headers, String requestId) {
        this(method, path, headers, QueryParameters.empty(), requestId);
    }

    @Override
    public String toString() {
        return "HttpRequest[" + method + " " + path + ", " + headers + ", " + query + ", " + requestId + "]";
    }
}
