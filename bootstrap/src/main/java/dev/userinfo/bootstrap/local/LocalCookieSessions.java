package dev.userinfo.bootstrap.local;

import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.adapter.cognito.cookie.SessionKeys;
import dev.userinfo.application.CookieScheme;
import dev.userinfo.application.CookieSessions;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.bootstrap.config.CookieSessionConfig;
import dev.userinfo.bootstrap.config.EmbeddedSessionSettings;
import dev.userinfo.bootstrap.embedded.SignInServer;
import dev.userinfo.bootstrap.wiring.SessionAdapters;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.UserAttributeLookup;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The local server's cookie sessions (BFF.md): in embedded mode against the embedded sign-in server,
 * with nothing to configure, and in cognito mode against a pool's managed login as configured. Only
 * here may the plain-http variant of the cookies be chosen ({@link CookieScheme#PLAIN_HTTP_LOCALHOST}:
 * no {@code __Host-} prefix, no {@code Secure}, for {@code http://localhost}); the Lambda never has it.
 *
 * <p>In embedded mode the redirect URI follows the host the browser used, since {@code localhost} and
 * {@code 127.0.0.1} are different sites to a browser and a {@code SameSite=Strict} cookie set on one is
 * never sent to the other; only loopback hosts are followed (the server listens on nothing else, so
 * another {@code Host} is a DNS-rebinding page or a misconfigured proxy), anything else gets
 * {@code localhost}.
 */
final class LocalCookieSessions {

    /** The path of the cookie sessions' callback, which the local server registers with the sign-in server. */
    static final String CALLBACK_PATH = CookieSessions.CALLBACK_PATH;
    /** The kid of the key embedded mode makes at each start. */
    static final String EMBEDDED_KID = "embedded";
    /** Where a sign-out no app asked for ends in embedded mode: the dev page. */
    static final String DEV_PAGE = "/dev";

    /** A {@code Host} header naming a loopback host, port optional (RFC 9110, section 7.2). */
    private static final Pattern LOOPBACK_HOST = Pattern.compile("(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]{1,5})?",
            Pattern.CASE_INSENSITIVE);
    /** An {@code Origin} of a loopback app over plain http (RFC 6454). */
    private static final Pattern LOOPBACK_ORIGIN = Pattern.compile("http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]{1,5})?");

    private LocalCookieSessions() {
    }

    /**
     * Embedded mode's sessions: the sign-in server's base URL as {@code COGNITO_DOMAIN}, its dev app
     * client (and secret, when it has one), a key made now, plain-http cookies.
     *
     * @param localPort the local server's port, read when a request needs it (it is known once it listens)
     */
    static SessionAdapters embedded(EmbeddedSessionSettings settings, SignInServer.Endpoints signIn,
            CognitoTokenParser parser, UserAttributeLookup lookup, Clock clock, IntSupplier localPort) {
        CookieSessions.LogoutRedirects logout = settings.logoutUri()
                .map(CookieSessions.LogoutRedirects::fixed)
                .orElseGet(() -> toTheAskingApp(localPort));
        return SessionAdapters.create(signIn.domain(), signIn.clientId(), signIn.clientSecret(),
                SessionKeys.generate(EMBEDDED_KID), settings.policy(), parser, new GetUserInfo(parser, lookup), clock,
                CookieScheme.PLAIN_HTTP_LOCALHOST, followingTheHost(localPort), logout);
    }

    /** Cognito mode's sessions, as configured; plain-http cookies only when the callback is plain http (localhost). */
    static SessionAdapters cognito(CookieSessionConfig config, CognitoTokenParser parser, UserAttributeLookup lookup,
            Clock clock) {
        return SessionAdapters.create(config, parser, new GetUserInfo(parser, lookup), clock,
                schemeFor(config.redirectUri()), CookieSessions.RedirectUris.fixed(config.redirectUri()));
    }

    /**
     * {@link CookieScheme#HOST_PREFIXED} for an https callback (a TLS proxy in front of the local
     * server), {@link CookieScheme#PLAIN_HTTP_LOCALHOST} for a plain-http one, which the configuration
     * allows on loopback hosts only.
     */
    static CookieScheme schemeFor(URI redirectUri) {
        return "https".equals(redirectUri.getScheme()) ? CookieScheme.HOST_PREFIXED : CookieScheme.PLAIN_HTTP_LOCALHOST;
    }

    /** {@code http://<the request's loopback Host>/auth/callback}, else {@code http://localhost:<port>/auth/callback}. */
    static CookieSessions.RedirectUris followingTheHost(IntSupplier localPort) {
        return request -> URI.create("http://" + loopbackHost(request, localPort) + CALLBACK_PATH);
    }

    /**
     * Back to the app that asked for the sign-out: its {@code Origin} + {@code /} when that is a
     * loopback http origin (the CSRF check already let only allowed origins through); else the dev
     * page on the host the browser used.
     */
    static CookieSessions.LogoutRedirects toTheAskingApp(IntSupplier localPort) {
        return request -> request.headers().first("Origin")
                .filter(origin -> LOOPBACK_ORIGIN.matcher(origin).matches())
                .map(origin -> URI.create(origin + "/"))
                .orElseGet(() -> URI.create("http://" + loopbackHost(request, localPort) + DEV_PAGE));
    }

    private static String loopbackHost(HttpRequest request, IntSupplier localPort) {
        return request.headers().first("Host").map(String::strip)
                .filter(host -> LOOPBACK_HOST.matcher(host).matches())
                .map(host -> host.toLowerCase(Locale.ROOT))
                .orElseGet(() -> "localhost:" + localPort.getAsInt());
    }

    /** {@code scheme://authority} of {@code uri}. */
    static String originOf(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** The banner's lines about cookie sessions. */
    static List<String> bannerLines(String localhostUrl, CookieScheme scheme, Optional<String> domain) {
        String cookies = scheme == CookieScheme.PLAIN_HTTP_LOCALHOST
                ? scheme.sessionName() + " and " + scheme.loginName() + ", the plain-http localhost variant:"
                        + " no Secure, no __Host- prefix (local development only; deployments send __Host-userinfo, Secure)"
                : scheme.sessionName() + " and " + scheme.loginName() + " (Secure, HttpOnly)";
        return List.of(
                "cookie sessions: on" + domain.map(d -> ", signing in at " + d).orElse(""),
                "  sign in:  " + localhostUrl + CookieSessions.LOGIN_PATH + "?returnTo=<your app's URL>, then"
                        + " fetch(\"" + localhostUrl + "/userinfo\", {credentials: \"include\", headers: {\"X-CSRF\": \"1\"}})",
                "  sign out: POST " + localhostUrl + CookieSessions.LOGOUT_PATH + " (X-CSRF: 1), then go to its logoutUrl",
                "  cookies:  " + cookies);
    }
}
