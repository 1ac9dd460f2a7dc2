package dev.userinfo.bootstrap.local;

import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.application.CookieSessions;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.wiring.CognitoAdapters;
import dev.userinfo.bootstrap.wiring.PoolCheck;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wires the local server's cognito mode: a real user pool, or a local emulator of one
 * (cognito-local) through {@code COGNITO_ENDPOINT} and {@code COGNITO_ISSUER}. The same adapters as
 * the Lambda: JWKS verification and {@code AdminGetUser} behind the attribute cache.
 */
final class CognitoMode {

    private CognitoMode() {
    }

    /**
     * @throws ConfigurationException when the pool says the settings name no pool the code can read
     *                                (see {@link PoolCheck}); a pool that cannot be reached yet is a
     *                                warning on {@code out}
     */
    static LocalIdentity create(UserInfoConfig config, PrintStream out, Clock clock) {
        CognitoAdapters adapters = CognitoAdapters.create(config);
        CognitoTokenParser parser = adapters.tokenParser();
        try {
            // A pool that cannot be reached yet keeps the server up (an emulator may start second;
            // until then /userinfo answers 503, which the frontend must handle anyway); a wrong one stops it.
            PoolCheck.atStartUp(config, adapters, true, warning -> out.println("warning: " + warning));
        } catch (ConfigurationException e) {
            adapters.close();
            throw e;
        }
        String endpoint = config.cognitoEndpoint().map(Object::toString)
                .orElse("https://cognito-idp." + config.cognitoRegion() + ".amazonaws.com/");
        String firstClient = config.clientIds().iterator().next();
        Optional<CookieSessions> sessions = config.cookieSessions()
                .map(c -> LocalCookieSessions.cognito(c, parser, adapters.lookup(), clock).sessions());
        List<String> cookieLines = config.cookieSessions()
                .map(c -> LocalCookieSessions.bannerLines(LocalCookieSessions.originOf(c.redirectUri()),
                        LocalCookieSessions.schemeFor(c.redirectUri()),
                        Optional.of(c.cognitoDomain() + " as app client " + c.clientId() + ", callback " + c.redirectUri())))
                .orElse(List.of());
        return new LocalIdentity(
                UserInfoConfig.Mode.COGNITO,
                "cognito mode: pool " + config.userPoolId() + " at " + endpoint,
                parser,
                adapters.lookup(),
                List.of(),
                url -> LocalCurl.cognito(url, endpoint, firstClient),
                url -> concat(List.of(
                        "issuer:   " + String.join(" or ", config.issuers()),
                        "clients:  " + String.join(", ", config.clientIds()),
                        "token:    replace " + LocalCurl.USERNAME_PLACEHOLDER + " and " + LocalCurl.PASSWORD_PLACEHOLDER
                                + " (an app client without a secret that allows USER_PASSWORD_AUTH)"), cookieLines),
                Optional.empty(),
                sessions,
                adapters::close);
    }

    static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
