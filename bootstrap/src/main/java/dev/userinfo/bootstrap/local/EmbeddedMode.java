package dev.userinfo.bootstrap.local;

import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.adapter.cognito.TokenVerificationSettings;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.embedded.DevRoutes;
import dev.userinfo.bootstrap.embedded.DevUser;
import dev.userinfo.bootstrap.embedded.DevUsers;
import dev.userinfo.bootstrap.embedded.EmbeddedTokenIssuer;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Wires the embedded local mode: dev users in memory, an RSA key made now, tokens minted by
 * {@code POST /dev/token}, and the production {@link CognitoTokenParser} verifying them against
 * that key, so {@code GET /userinfo} runs the same checks as in AWS. No network, no AWS account.
 */
final class EmbeddedMode {

    private EmbeddedMode() {
    }

    static LocalIdentity create(UserInfoConfig config, Clock clock, Supplier<String> baseUrl) {
        DevUsers users = DevUsers.from(config.devUsersFile());
        EmbeddedTokenIssuer issuer = EmbeddedTokenIssuer.generate(clock);
        TokenVerificationSettings settings = TokenVerificationSettings.of(
                EmbeddedTokenIssuer.ISSUER, EmbeddedTokenIssuer.JWKS_URL,
                Set.of(EmbeddedTokenIssuer.CLIENT_ID), config.tokenUses());
        CognitoTokenParser parser = new CognitoTokenParser(settings, issuer.keySource());
        DevRoutes devRoutes = new DevRoutes(users, issuer, config.corsPolicy(), baseUrl, LocalCurl::embedded);

        String firstEnabled = users.all().stream().filter(DevUser::enabled).findFirst()
                .orElse(users.all().get(0)).username();
        String userList = users.all().stream()
                .map(u -> u.enabled() ? u.username() : u.username() + " (disabled: 403)")
                .collect(Collectors.joining(", "));
        String source = config.devUsersFile().map(p -> "users from " + p).orElse("built-in sample users");
        return new LocalIdentity(
                UserInfoConfig.Mode.EMBEDDED,
                "embedded mode: " + source + ", tokens minted locally, no AWS",
                parser,
                users.toLookup(),
                List.of(devRoutes),
                url -> LocalCurl.embedded(url, firstEnabled),
                url -> List.of(
                        "users:    " + userList,
                        "dev page: " + url + DevRoutes.PAGE_PATH,
                        "tokens:   POST " + url + DevRoutes.TOKEN_PATH + " {\"username\":\"...\"}"),
                parser::close);
    }
}
