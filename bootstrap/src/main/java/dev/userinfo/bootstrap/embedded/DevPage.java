package dev.userinfo.bootstrap.embedded;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The HTML of {@code GET /dev}: sign in through the embedded sign-in server and see the tokens'
 * claims, the dev users with their switches (disable, delete, re-create, sign out everywhere), the
 * token switches (lifetime, a failing token endpoint), a button per user that mints a token and
 * shows what {@code GET /userinfo} answers with it, and the curl lines that do the same from a
 * terminal. The page's script ({@code dev.js}) does the work; every value here is escaped text.
 */
final class DevPage {

    private static final String STYLE = "<style>\n"
            + ":root{--ink:#1d2430;--muted:#5b6575;--line:#d8dee8;--bg:#f3f5f9;--accent:#2456c9;"
            + "--ok:#067647;--okbg:#ecfdf3;--warn:#b54708;--warnbg:#fffaeb;--bad:#b42318;--badbg:#fef3f2}\n"
            + "*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--ink);background:var(--bg)}\n"
            + "header{background:#111827;color:#fff;padding:.9rem 1.2rem}header h1{margin:0;font-size:1.15rem}"
            + "header p{margin:.15rem 0 0;color:#c7cdd8;font-size:.85rem;overflow-wrap:anywhere}header code{color:#fff}\n"
            + "main{max-width:64rem;margin:0 auto;padding:1rem;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem}\n"
            + "section{background:#fff;border:1px solid var(--line);border-radius:12px;padding:1rem 1.1rem;min-width:0}\n"
            + "section.wide{grid-column:1/-1}h2{font-size:1rem;margin:0 0 .6rem}p.hint{color:var(--muted);font-size:.85rem;margin:.3rem 0 .6rem}\n"
            + "button{font:inherit;font-size:.85rem;cursor:pointer;border:1px solid var(--line);background:#fff;border-radius:7px;padding:.3rem .6rem;margin:.15rem .2rem .15rem 0}\n"
            + "button:hover{border-color:var(--accent)}button.primary{background:var(--accent);border-color:var(--accent);color:#fff}"
            + "button:disabled{opacity:.5;cursor:default}\n"
            + "table{border-collapse:collapse;width:100%;font-size:.88rem}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}"
            + "th{color:var(--muted);font-weight:600;font-size:.78rem;text-transform:uppercase;letter-spacing:.04em}\n"
            + ".scroll{overflow-x:auto}.chip{display:inline-block;font-size:.75rem;border-radius:999px;padding:.05rem .55rem;background:#eef2ff;color:#3538cd}\n"
            + ".chip.enabled,.ok{background:var(--okbg);color:var(--ok)}.chip.disabled,.warn{background:var(--warnbg);color:var(--warn)}"
            + ".chip.deleted,.bad{background:var(--badbg);color:var(--bad)}\n"
            + ".status{border-radius:8px;padding:.45rem .7rem;margin:.2rem 0 .6rem;font-weight:600;background:#f2f4f7;overflow-wrap:anywhere}\n"
            + "pre{background:#0f172a;color:#e2e8f0;border-radius:8px;padding:.7rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:.8rem;margin:.3rem 0}\n"
            + "pre.curl{background:#f4f4f4;color:var(--ink)}.sub{font-family:ui-monospace,monospace;font-size:.78rem;color:var(--muted)}\n"
            + "label{font-size:.88rem}input,select{font:inherit;font-size:.88rem;padding:.25rem .4rem;border:1px solid var(--line);border-radius:6px}\n"
            + ".claims{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:.6rem}.claims h3{font-size:.8rem;margin:.2rem 0;color:var(--muted)}\n"
            + "@media (max-width:760px){main{grid-template-columns:minmax(0,1fr)}.claims{grid-template-columns:minmax(0,1fr)}"
            + "table .sub{display:none}}\n"
            + "</style>\n";

    private DevPage() {
    }

    /**
     * @param users     the pool's users now
     * @param deleted   usernames of deleted users, which can be re-created
     * @param signIn    where the sign-in server is, and the app client the page signs in as
     * @param baseUrl   this server's URL, for the curl lines
     * @param curlLines given the server's URL and a username, the terminal lines that do what a button does
     */
    static String render(List<DevUser> users, List<String> deleted, SignInServer.Endpoints signIn, String baseUrl,
            BiFunction<String, String, List<String>> curlLines) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>userinfo · embedded mode</title>\n").append(STYLE).append("</head>\n")
                .append("<body data-authorize=\"").append(escape(signIn.authorizationEndpoint().toString()))
                .append("\" data-token-endpoint=\"").append(escape(signIn.tokenEndpoint().toString()))
                .append("\" data-revoke=\"").append(escape(signIn.revocationEndpoint().toString()))
                .append("\" data-logout=\"").append(escape(signIn.logoutEndpoint().toString()))
                .append("\" data-client-id=\"").append(escape(signIn.clientId()))
                .append("\" data-confidential=\"").append(signIn.clientSecret().isPresent()).append("\">\n")
                .append("<header><h1>userinfo · embedded mode</h1><p>Sign-in server <code>").append(escape(signIn.domain().toString()))
                .append("</code> · discovery <code>").append(escape(signIn.discoveryUrl().toString()))
                .append("</code> · app client <code>").append(escape(signIn.clientId())).append("</code></p></header>\n<main>\n");

        html.append("<section id=\"flow\">\n<h2>Sign in through the flow</h2>\n")
                .append("<p class=\"hint\">Authorization code + PKCE against the sign-in server, as an app would;"
                        + " the tokens stay in this tab.</p>\n")
                .append("<div><button type=\"button\" class=\"primary\" id=\"sign-in\">Sign in</button>")
                .append("<button type=\"button\" id=\"call-userinfo\" disabled>GET /userinfo</button>")
                .append("<button type=\"button\" id=\"refresh\" disabled>Refresh</button>")
                .append("<button type=\"button\" id=\"revoke\" disabled>Revoke</button>")
                .append("<button type=\"button\" id=\"sign-out\" disabled>Sign out</button></div>\n")
                .append("<div class=\"status\" id=\"flow-status\">Not signed in.</div>\n")
                .append("<div class=\"claims\"><div><h3>ID token claims</h3><pre id=\"id-claims\">–</pre></div>")
                .append("<div><h3>access token claims</h3><pre id=\"access-claims\">–</pre></div></div>\n</section>\n");

        html.append("<section id=\"switches\">\n<h2>Switches</h2>\n")
                .append("<p><label for=\"lifetime\">Lifetime of new tokens (s)</label> <input id=\"lifetime\" type=\"number\""
                        + " min=\"").append(DevSettings.MIN_TOKEN_LIFETIME.toSeconds()).append("\" max=\"")
                .append(DevSettings.MAX_TOKEN_LIFETIME.toSeconds()).append("\" value=\"")
                .append(DevSettings.DEFAULT_TOKEN_LIFETIME.toSeconds()).append("\" style=\"width:7rem\"> ")
                .append("<button type=\"button\" id=\"apply-lifetime\">Apply</button> <button type=\"button\" id=\"lifetime-60\">60 s</button></p>\n")
                .append("<p><label for=\"failure\">Token endpoint</label> <select id=\"failure\"><option value=\"0\">answers normally</option>"
                        + "<option value=\"500\">fails with 500</option><option value=\"503\">fails with 503</option></select></p>\n")
                .append("<p class=\"hint\">/userinfo allows 60 s of clock skew: a token is refused up to a minute after its exp.</p>\n")
                .append("<div class=\"status\" id=\"switch-status\">Loading…</div>\n</section>\n");

        html.append("<section class=\"wide\">\n<h2>Users</h2>\n<div class=\"scroll\"><table id=\"users\">\n")
                .append("<tr><th>user</th><th>status</th><th>groups</th><th>tokens → /userinfo</th><th>switches</th></tr>\n");
        for (DevUser user : users) {
            String name = escape(user.username());
            String status = user.enabled() ? "enabled" : "disabled";
            html.append("<tr data-username=\"").append(name).append("\"><td><strong>").append(name).append("</strong> ")
                    .append(escape(user.attributes().getOrDefault("nickname", ""))).append("<br><span class=\"sub\">")
                    .append(escape(user.attributes().getOrDefault("email", ""))).append(" · sub ").append(escape(user.sub()))
                    .append("</span></td><td><span class=\"chip ").append(status).append("\">").append(status)
                    .append(user.enabled() ? "" : " (expect 403)").append("</span></td><td>")
                    .append(escape(String.join(", ", user.groups()))).append("</td><td>")
                    .append("<button type=\"button\" data-username=\"").append(name)
                    .append("\" data-token=\"id_token\">ID token</button>")
                    .append("<button type=\"button\" data-username=\"").append(name)
                    .append("\" data-token=\"access_token\">access token</button></td><td>")
                    .append(action(name, user.enabled() ? "disable" : "enable"))
                    .append(action(name, "global-sign-out")).append(action(name, "delete")).append("</td></tr>\n");
        }
        for (String username : deleted) {
            String name = escape(username);
            html.append("<tr data-username=\"").append(name).append("\"><td><strong>").append(name)
                    .append("</strong></td><td><span class=\"chip deleted\">deleted</span></td><td></td><td></td><td>")
                    .append(action(name, "recreate")).append("</td></tr>\n");
        }
        html.append("</table></div>\n<p class=\"hint\">A re-created user gets a new sub: tokens of the deleted one get 401.</p>\n")
                .append("</section>\n<section class=\"wide\">\n<h2>Answer</h2>\n")
                .append("<div class=\"status\" id=\"status\">Press a button.</div>\n<pre id=\"output\"></pre>\n")
                .append("<p class=\"hint\">Token sent (paste it into your app, or decode it to see the claims):</p>\n")
                .append("<pre id=\"token\"></pre>\n</section>\n<section class=\"wide\">\n<h2>From a terminal</h2>\n");
        for (DevUser user : users) {
            html.append("<pre class=\"curl\">");
            for (String line : curlLines.apply(baseUrl, user.username())) {
                html.append(escape(line)).append('\n');
            }
            html.append("</pre>\n");
        }
        html.append("</section>\n</main>\n<script src=\"").append(DevRoutes.SCRIPT_PATH).append("\"></script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String action(String escapedName, String action) {
        String label = switch (action) {
            case "global-sign-out" -> "sign out everywhere";
            case "recreate" -> "re-create";
            default -> action;
        };
        return "<button type=\"button\" data-user-action=\"" + action + "\" data-user=\"" + escapedName + "\">" + label + "</button>";
    }

    /** Text into HTML text or a double-quoted attribute. */
    static String escape(String text) {
        return Html.escape(text);
    }
}
