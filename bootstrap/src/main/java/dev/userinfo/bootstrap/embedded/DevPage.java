package dev.userinfo.bootstrap.embedded;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The HTML of {@code GET /dev}: the dev users, a button per user that mints a token and shows what
 * {@code GET /userinfo} answers with it, and the curl lines that do the same from a terminal.
 */
final class DevPage {

    private DevPage() {
    }

    /**
     * @param curlLines given the server's URL and a username, the terminal lines that do what a button does
     */
    static String render(List<DevUser> users, String baseUrl, BiFunction<String, String, List<String>> curlLines) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>userinfo — embedded mode</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}\n")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}\n")
                .append("pre{background:#f4f4f4;padding:.6rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}\n")
                .append("button{margin-right:.3rem}\n</style>\n</head>\n<body>\n")
                .append("<h1>userinfo — embedded mode</h1>\n")
                .append("<p>Sample users of an in-memory pool. Tokens are minted here and signed with a key made at ")
                .append("start-up; <code>GET /userinfo</code> verifies them with the same code as production.</p>\n")
                .append("<table id=\"users\">\n<tr><th>username</th><th>nickname</th><th>email</th><th>groups</th>")
                .append("<th>enabled</th><th>try it</th></tr>\n");
        for (DevUser user : users) {
            String name = escape(user.username());
            html.append("<tr data-username=\"").append(name).append("\"><td>").append(name).append("</td><td>")
                    .append(escape(user.attributes().getOrDefault("nickname", ""))).append("</td><td>")
                    .append(escape(user.attributes().getOrDefault("email", ""))).append("</td><td>")
                    .append(escape(String.join(", ", user.groups()))).append("</td><td>")
                    .append(user.enabled() ? "yes" : "no (expect 403)").append("</td><td>")
                    .append("<button type=\"button\" data-username=\"").append(name)
                    .append("\" data-token=\"id_token\">ID token → /userinfo</button>")
                    .append("<button type=\"button\" data-username=\"").append(name)
                    .append("\" data-token=\"access_token\">access token → /userinfo</button>")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Answer</h2>\n<p id=\"status\">Press a button.</p>\n<pre id=\"output\"></pre>\n")
                .append("<p>Token sent (paste it into your app, or decode it to see the claims):</p>\n")
                .append("<pre id=\"token\"></pre>\n<h2>From a terminal</h2>\n");
        for (DevUser user : users) {
            html.append("<pre class=\"curl\">");
            for (String line : curlLines.apply(baseUrl, user.username())) {
                html.append(escape(line)).append('\n');
            }
            html.append("</pre>\n");
        }
        html.append("<script src=\"").append(DevRoutes.SCRIPT_PATH).append("\"></script>\n</body>\n</html>\n");
        return html.toString();
    }

    /** Text into HTML text or a double-quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
