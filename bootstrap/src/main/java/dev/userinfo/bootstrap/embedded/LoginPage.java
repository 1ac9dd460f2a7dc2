package dev.userinfo.bootstrap.embedded;

import java.util.List;

/**
 * The sign-in server's pages: the login page (a button per dev user, and a username and password
 * form, as Cognito's managed login has) and the error page for a request that cannot be sent back to
 * its client. Every value that came with a request or from the users file is escaped.
 */
final class LoginPage {

    static final String STYLE = "<style>\n"
            + ":root{color-scheme:light;--ink:#1d2430;--muted:#5b6575;--line:#d8dee8;--accent:#2456c9;--bad:#b42318;--badbg:#fef3f2}\n"
            + "*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--ink);"
            + "background:#f3f5f9}main{max-width:30rem;margin:2.5rem auto;padding:0 1rem}\n"
            + ".card{background:#fff;border:1px solid var(--line);border-radius:12px;padding:1.4rem 1.5rem;box-shadow:0 1px 3px #0000000d}\n"
            + "h1{font-size:1.35rem;margin:0 0 .2rem}p.sub{margin:0 0 1.1rem;color:var(--muted);font-size:.9rem}\n"
            + "h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:1.3rem 0 .5rem}\n"
            + "form.user{margin:0 0 .5rem}button{font:inherit;cursor:pointer}\n"
            + "button.user{width:100%;text-align:left;background:#fff;border:1px solid var(--line);border-radius:8px;padding:.55rem .8rem;"
            + "display:flex;justify-content:space-between;gap:.5rem}button.user:hover{border-color:var(--accent)}\n"
            + "button.user small{color:var(--muted)}.tag{font-size:.75rem;border-radius:999px;padding:.05rem .5rem;background:#eef2ff;color:#3538cd}\n"
            + ".tag.off{background:var(--badbg);color:var(--bad)}label{display:block;font-size:.9rem;margin:.6rem 0 .2rem}\n"
            + "input{width:100%;font:inherit;padding:.5rem .6rem;border:1px solid var(--line);border-radius:8px}\n"
            + "button.primary{margin-top:.9rem;width:100%;background:var(--accent);color:#fff;border:0;border-radius:8px;padding:.6rem}\n"
            + ".error{background:var(--badbg);color:var(--bad);border:1px solid #fecdca;border-radius:8px;padding:.6rem .8rem;margin:0 0 1rem}\n"
            + "footer{color:var(--muted);font-size:.8rem;margin-top:1rem;overflow-wrap:anywhere}code{font-size:.85em}\n"
            + "</style>\n";

    private LoginPage() {
    }

    /**
     * The login page of one waiting sign-in.
     *
     * @param pendingId the id the forms send back, standing for the authorization request
     * @param request   the accepted request (its client, redirect URI and login hint are shown)
     * @param users     the pool's users now
     * @param error     a message to show above the forms (a failed attempt), or null
     */
    static String render(String pendingId, SignInRequest request, List<DevUser> users, String error) {
        StringBuilder html = new StringBuilder(4096);
        head(html, "Sign in");
        html.append("<main><div class=\"card\">\n<h1>Sign in</h1>\n<p class=\"sub\">userinfo embedded pool <code>")
                .append(Html.escape(EmbeddedTokenIssuer.POOL_ID)).append("</code> · app client <code>")
                .append(Html.escape(request.clientId())).append("</code></p>\n");
        if (error != null) {
            html.append("<p class=\"error\" id=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>\n");
        }
        html.append("<h2>Dev users</h2>\n");
        for (DevUser user : users) {
            String name = Html.escape(user.username());
            html.append("<form class=\"user\" method=\"post\" action=\"").append(SignInServer.LOGIN_PATH).append("\">")
                    .append(hidden("login_request", pendingId))
                    .append(hidden("dev_user", user.username()))
                    .append("<button class=\"user\" type=\"submit\" data-username=\"").append(name).append("\"><span>")
                    .append("Sign in as <strong>").append(name).append("</strong> <small>")
                    .append(Html.escape(user.attributes().getOrDefault("email", ""))).append("</small></span>")
                    .append(user.enabled() ? groups(user) : "<span class=\"tag off\">disabled</span>")
                    .append("</button></form>\n");
        }
        html.append("<h2>Username and password</h2>\n<form method=\"post\" action=\"").append(SignInServer.LOGIN_PATH)
                .append("\" id=\"password-form\">").append(hidden("login_request", pendingId))
                .append("<label for=\"username\">Username</label><input id=\"username\" name=\"username\" autocomplete=\"username\" value=\"")
                .append(Html.escape(request.loginHint())).append("\">")
                .append("<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\""
                        + " autocomplete=\"current-password\">")
                .append("<button class=\"primary\" type=\"submit\">Sign in</button></form>\n")
                .append("<footer>Dev users' password: <code>").append(Html.escape(DevUsers.DEFAULT_PASSWORD))
                .append("</code> unless the users file sets one. After signing in you go back to <code>")
                .append(Html.escape(request.redirectUri())).append("</code></footer>\n");
        html.append("</div></main>\n</body>\n</html>\n");
        return html.toString();
    }

    /** A page for a request the server will not send back to any client. */
    static String refused(String title, String problem) {
        StringBuilder html = new StringBuilder(1024);
        head(html, title);
        html.append("<main><div class=\"card\">\n<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"error\" id=\"error\">")
                .append(Html.escape(problem)).append("</p>\n<p class=\"sub\">Start again from your app. The app client's"
                        + " callback and sign-out URLs are set with SIGN_IN_REDIRECT_URIS and SIGN_IN_LOGOUT_URIS.</p>\n")
                .append("</div></main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void head(StringBuilder html, String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Html.escape(title)).append(" · userinfo sign-in</title>\n").append(STYLE).append("</head>\n<body>\n");
    }

    private static String groups(DevUser user) {
        return user.groups().isEmpty() ? "" : "<span class=\"tag\">" + Html.escape(String.join(", ", user.groups())) + "</span>";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">";
    }
}
