package dev.userinfo.bootstrap.local;

import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.adapter.cognito.TokenVerificationSettings;
import dev.userinfo.application.CookieScheme;
import dev.userinfo.application.CookieSessions;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.SignInSettings;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.embedded.DevAppClient;
import dev.userinfo.bootstrap.embedded.DevRoutes;
import dev.userinfo.bootstrap.embedded.DevUser;
import dev.userinfo.bootstrap.embedded.DevUsers;
import dev.userinfo.bootstrap.embedded.EmbeddedIdentity;
import dev.userinfo.bootstrap.embedded.EmbeddedTokenIssuer;
import dev.userinfo.bootstrap.embedded.RegisteredUris;
import dev.userinfo.bootstrap.embedded.SignInServer;
import io.javalin.util.JavalinBindException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Wires the embedded local mode: dev users in memory, an RSA key made now, the embedded sign-in
 * server on its own port (a Cognito-shaped authorization server), tokens minted by it and by
 * {@code POST /dev/token}, and the production {@link CognitoTokenParser} verifying them against that
 * key, so {@code GET /userinfo} runs the same checks as in AWS. No network, no AWS account.
 */
final class EmbeddedMode {

    /** How often a picked free port is picked again when another process took it first. */
    private static final int PORT_ATTEMPTS = 5;

    private EmbeddedMode() {
    }

    static LocalIdentity create(UserInfoConfig config, Clock clock, Supplier<String> baseUrl) {
        DevUsers users = DevUsers.from(config.devUsersFile());
        SignInSettings settings = config.signIn();
        RegisteredUris callbackUrls = registered(UserInfoConfig.SIGN_IN_REDIRECT_URIS, settings.redirectUris());
        RegisteredUris logoutUrls = registered(UserInfoConfig.SIGN_IN_LOGOUT_URIS, settings.logoutUris());
        if (settings.cookieSessions().isPresent()) {
            // The local server's own cookie sessions sign in with this client: whatever the lists say, it
            // accepts their callback and where their sign-out ends, on any loopback host and port.
            callbackUrls = callbackUrls.withLoopback(List.of(LocalCookieSessions.CALLBACK_PATH), List.of());
            List<String> logoutUri = settings.cookieSessions().get().logoutUri().map(u -> List.of(u.toString())).orElse(List.of());
            try {
                logoutUrls = logoutUrls.withLoopback(List.of("/", LocalCookieSessions.DEV_PAGE), logoutUri);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(UserInfoConfig.SESSION_LOGOUT_URI, e.getMessage());
            }
        }
        DevAppClient client = new DevAppClient(settings.clientId(), settings.clientSecret(), callbackUrls, logoutUrls);
        SignInServer signIn = null;
        EmbeddedIdentity identity = null;
        // The issuer names the sign-in server's port, so the port is chosen before anything is built.
        for (int attempt = 0; signIn == null; attempt++) {
            int port = SignInServer.pickPort(LocalServer.HOSTS, settings.port());
            identity = new EmbeddedIdentity(users, client, EmbeddedTokenIssuer.issuerFor(port), clock);
            try {
                signIn = SignInServer.start(identity, config.corsPolicy(), LocalServer.HOSTS, port);
            } catch (JavalinBindException e) {
                if (settings.port() != 0) {
                    throw new ConfigurationException(UserInfoConfig.SIGN_IN_PORT, "port " + port
                            + " is taken; set " + UserInfoConfig.SIGN_IN_PORT + " to another, or 0 for a free one");
                }
                if (attempt + 1 >= PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
        EmbeddedTokenIssuer tokens = identity.tokens();
        TokenVerificationSettings verification = TokenVerificationSettings.of(
                tokens.issuer(), tokens.jwksUrl(), Set.of(tokens.clientId()), config.tokenUses());
        CognitoTokenParser parser = new CognitoTokenParser(verification, tokens.keySource());
        SignInServer.Endpoints endpoints = signIn.endpoints();
        DevRoutes devRoutes = new DevRoutes(identity, endpoints, config.corsPolicy(), baseUrl, LocalCurl::embedded);

        String firstEnabled = users.all().stream().filter(DevUser::enabled).findFirst()
                .orElse(users.all().get(0)).username();
        String userList = users.all().stream()
                .map(u -> u.enabled() ? u.username() : u.username() + " (disabled: 403)")
                .collect(Collectors.joining(", "));
        String source = config.devUsersFile().map(p -> "users from " + p).orElse("built-in sample users");
        String clientKind = endpoints.clientSecret().isPresent() ? "confidential: SIGN_IN_CLIENT_SECRET" : "public";
        SignInServer server = signIn;
        IntSupplier localPort = () -> URI.create(baseUrl.get()).getPort();
        Optional<CookieSessions> sessions = settings.cookieSessions().map(s -> LocalCookieSessions.embedded(s, endpoints,
                parser, users.toLookup(), clock, localPort).sessions());
        // Known once the server listens: the banner is printed then.
        Function<String, List<String>> cookieLines = url -> settings.cookieSessions().isEmpty()
                ? List.of("cookie sessions: off (" + UserInfoConfig.COOKIE_SESSIONS + "=false)")
                : LocalCookieSessions.bannerLines("http://localhost:" + URI.create(url).getPort(),
                        CookieScheme.PLAIN_HTTP_LOCALHOST, Optional.of("the sign-in server above"));
        return new LocalIdentity(
                UserInfoConfig.Mode.EMBEDDED,
                "embedded mode: " + source + ", tokens minted locally, no AWS",
                parser,
                users.toLookup(),
                List.of(devRoutes),
                url -> LocalCurl.embedded(url, firstEnabled),
                url -> CognitoMode.concat(List.of(
                        "users:    " + userList,
                        "dev page: " + url + DevRoutes.PAGE_PATH,
                        "tokens:   POST " + url + DevRoutes.TOKEN_PATH + " {\"username\":\"...\"}",
                        "sign-in server (plays Cognito's domain): " + endpoints.domain(),
                        "  OIDC discovery: " + endpoints.discoveryUrl(),
                        "  client id:      " + endpoints.clientId() + " (" + clientKind + ", PKCE S256)",
                        "  callback URLs:  " + endpoints.callbackUrls(),
                        "  sign-out URLs:  " + endpoints.logoutUrls()), cookieLines.apply(url)),
                Optional.of(endpoints),
                sessions,
                () -> {
                    server.close();
                    parser.close();
                });
    }

    private static RegisteredUris registered(String variable, List<String> entries) {
        try {
            return RegisteredUris.of(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(variable, e.getMessage());
        }
    }
}
