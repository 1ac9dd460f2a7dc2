package dev.userinfo.adapter.lambda;

import java.util.Map;

/**
 * The route an API Gateway event names, read the way API Gateway itself routed the request
 * (docs/ROUTING.md has the table of event shapes): the path within the API, without the stage, a
 * custom domain's base path mapping (REST) or API mapping (HTTP API), which are deployment details
 * that never reach the resource or route the API defines.
 */
final class ApiGatewayRoutes {

    /** HTTP APIs' catch-all route key, and the stage served at the root of the invoke URL. */
    static final String DEFAULT = "$default";

    private ApiGatewayRoutes() {
    }

    /**
     * A resource path or route path with its parameters filled in: {@code /{proxy+}} and
     * {@code {proxy=admin/users}} give {@code /admin/users}.
     *
     * @param template   the resource ({@code /userinfo}, {@code /api/{proxy+}}, {@code /})
     * @param parameters the event's {@code pathParameters}; may be null
     * @return the path, or null when a parameter the template names is not in the event
     */
    static String fill(String template, Map<String, String> parameters) {
        StringBuilder path = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                path.append(template, at, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                return null;
            }
            String name = template.substring(open + 1, close);
            if (name.endsWith("+")) {
                name = name.substring(0, name.length() - 1);
            }
            String value = parameters == null ? null : parameters.get(name);
            if (value == null) {
                return null;
            }
            path.append(template, at, open).append(value);
            at = close + 1;
        }
        return path.toString();
    }

    /**
     * A raw path less the named stage it starts with. A request to the API's own endpoint
     * ({@code https://{api-id}.execute-api.{region}.amazonaws.com/prod/userinfo}) carries a named stage
     * as the first segment; the {@code $default} stage is served at the root and adds none; a custom
     * domain maps to a stage without naming it in the path.
     *
     * @param viaApiEndpoint false when the request came through a custom domain; null when the event
     *                       does not say, and then a leading segment equal to the stage is taken as it
     */
    static String withoutStage(String rawPath, String stage, Boolean viaApiEndpoint) {
        if (rawPath == null || stage == null || stage.isEmpty() || DEFAULT.equals(stage)
                || Boolean.FALSE.equals(viaApiEndpoint)) {
            return rawPath;
        }
        String prefix = "/" + stage;
        if (rawPath.equals(prefix)) {
            return "/";
        }
        return rawPath.startsWith(prefix + "/") ? rawPath.substring(prefix.length()) : rawPath;
    }
}
