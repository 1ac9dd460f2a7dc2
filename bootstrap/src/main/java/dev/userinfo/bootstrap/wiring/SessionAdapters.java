package dev.userinfo.bootstrap.wiring;

import dev.userinfo.adapter.cognito.CognitoIdTokenVerifier;
import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.adapter.cognito.cookie.JweSessionSealer;
import dev.userinfo.adapter.cognito.cookie.SecureRandomValues;
import dev.userinfo.adapter.cognito.cookie.SessionKeys;
import dev.userinfo.adapter.cognito.oauth.ClientSecret;
import dev.userinfo.adapter.cognito.oauth.CognitoAuthorizationServer;
import dev.userinfo.application.CookieScheme;
import dev.userinfo.application.CookieSessions;
import dev.userinfo.bootstrap.config.CookieSessionConfig;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.session.AuthorizationServer;
import dev.userinfo.domain.session.CompleteSignIn;
import dev.userinfo.domain.session.IdTokenVerifier;
import dev.userinfo.domain.session.ResumeSession;
import dev.userinfo.domain.session.SessionPolicy;
import dev.userinfo.domain.session.SignOut;
import dev.userinfo.domain.session.StartSignIn;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Cookie sessions wired over the production adapters, for the Lambda and the local server alike: the
 * managed login's OAuth endpoints, the production token parser (restricted to the sign-in client's ID
 * tokens, its key set shared) with the nonce check, the JWE cookie sealer, and the random values
 * whose generator the Lambda renews after a SnapStart restore.
 *
 * @param sessions the HTTP shape, to hand to the endpoint
 * @param random   the generator of {@code state}, {@code nonce}, verifiers, {@code sid} and the IVs:
 *                 {@link SecureRandomValues#renew()} it after a restore
 */
public record SessionAdapters(CookieSessions sessions, SecureRandomValues random) {

    public SessionAdapters {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(random, "random");
    }

    /**
     * @param config       the cookie-session settings
     * @param bearerParser the parser bearer tokens are verified with; its key set is shared
     * @param getUserInfo  the same lookup bearer requests use
     * @param scheme       {@link CookieScheme#HOST_PREFIXED} everywhere but plain-http localhost
     * @param redirectUris the {@code redirect_uri} of each sign-in
     */
    public static SessionAdapters create(CookieSessionConfig config, CognitoTokenParser bearerParser,
            GetUserInfo getUserInfo, Clock clock, CookieScheme scheme, CookieSessions.RedirectUris redirectUris) {
        return create(config.cognitoDomain(), config.clientId(), config.clientSecret(), config.keys(), config.policy(),
                bearerParser, getUserInfo, clock, scheme, redirectUris, CookieSessions.LogoutRedirects.fixed(config.logoutUri()));
    }

    /**
     * From the parts of a configuration, with the {@code logout_uri} chosen per sign-out: what the local
     * server's embedded mode derives from its sign-in server rather than reads.
     *
     * @param cognitoDomain   the managed login's base URL (or the sign-in server's)
     * @param clientId        the app client sessions sign in with; the only {@code aud} of their ID tokens
     * @param clientSecret    that client's secret, when it has one
     * @param keys            the cookie keys; the first seals
     * @param policy          the idle and absolute limits
     * @param logoutRedirects the {@code logout_uri} of each sign-out
     */
    public static SessionAdapters create(URI cognitoDomain, String clientId, Optional<ClientSecret> clientSecret,
            SessionKeys keys, SessionPolicy policy, CognitoTokenParser bearerParser, GetUserInfo getUserInfo, Clock clock,
            CookieScheme scheme, CookieSessions.RedirectUris redirectUris, CookieSessions.LogoutRedirects logoutRedirects) {
        AuthorizationServer server = new CognitoAuthorizationServer(cognitoDomain, clientId, clientSecret);
        IdTokenVerifier verifier = new CognitoIdTokenVerifier(bearerParser, clientId);
        SecureRandomValues random = new SecureRandomValues();
        JweSessionSealer sealer = new JweSessionSealer(keys, random);
        CookieSessions sessions = new CookieSessions(
                new StartSignIn(server, random, clock),
                new CompleteSignIn(server, verifier, random, clock, policy),
                new ResumeSession(server, verifier, getUserInfo, clock, policy, clientId),
                new SignOut(server), sealer, clock, scheme, redirectUris, logoutRedirects);
        return new SessionAdapters(sessions, random);
    }
}
