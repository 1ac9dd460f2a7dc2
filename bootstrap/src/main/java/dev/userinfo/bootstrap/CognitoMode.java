package dev.userinfo.bootstrap;

import dev.userinfo.adapter.cognito.CachingUserAttributeLookup;
import dev.userinfo.adapter.cognito.CognitoClients;
import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.adapter.cognito.CognitoUserAttributeLookup;
import dev.userinfo.adapter.cognito.TokenVerificationSettings;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.UserAttributeLookup;
import java.io.PrintStream;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Wires the local server's cognito mode: a real user pool, or a local emulator of one
 * (cognito-local) through {@code COGNITO_ENDPOINT} and {@code COGNITO_ISSUER}. The same adapters as
 * the Lambda: JWKS verification and {@code AdminGetUser} behind the attribute cache.
 */
final class CognitoMode {

    /** Enough for every user a developer signs in with; the cache only has to spare the quota. */
    static final long CACHE_MAXIMUM_SIZE = 10_000;

    private CognitoMode() {
    }

    static LocalIdentity create(UserInfoConfig config, PrintStream out) {
        CognitoIdentityProviderClient client = CognitoClients.create(
                config.region(), config.cognitoEndpoint(), credentials(config), List.of());
        UserAttributeLookup lookup = new CognitoUserAttributeLookup(client, config.userPoolId());
        if (!config.attributeCacheTtl().isZero()) {
            lookup = new CachingUserAttributeLookup(lookup, config.attributeCacheTtl(), CACHE_MAXIMUM_SIZE);
        }
        CognitoTokenParser parser = new CognitoTokenParser(TokenVerificationSettings.of(
                config.issuer(), config.jwksUrl(), config.clientIds(), config.tokenUses()));
        try {
            parser.prefetchKeys();
        } catch (DependencyUnavailableException e) {
            // Keep serving: the pool may come up later (an emulator started second); until then
            // /userinfo answers 503, which is what the frontend must handle anyway.
            out.println("warning: the key set at " + config.jwksUrl() + " cannot be fetched yet; "
                    + "/userinfo answers 503 until it can");
        }
        String endpoint = config.cognitoEndpoint().map(Object::toString)
                .orElse("https://cognito-idp." + config.region() + ".amazonaws.com/");
        String firstClient = config.clientIds().iterator().next();
        return new LocalIdentity(
                UserInfoConfig.Mode.COGNITO,
                "cognito mode: pool " + config.userPoolId() + " at " + endpoint,
                parser,
                lookup,
                List.of(),
                url -> LocalCurl.cognito(url, endpoint, firstClient),
                url -> List.of(
                        "issuer:   " + config.issuer(),
                        "clients:  " + String.join(", ", config.clientIds()),
                        "token:    replace " + LocalCurl.USERNAME_PLACEHOLDER + " and " + LocalCurl.PASSWORD_PLACEHOLDER
                                + " (an app client without a secret that allows USER_PASSWORD_AUTH)"),
                () -> {
                    parser.close();
                    client.close();
                });
    }

    /**
     * A real pool: the default AWS chain, as in production. An endpoint override (an emulator, which
     * checks no signature): the developer's own keys if set (environment, system properties, profile),
     * else dummy ones, so a laptop without AWS credentials runs against cognito-local. Not the whole
     * default chain there: its last resort asks the EC2 metadata address, which on a laptop only hangs.
     */
    static AwsCredentialsProvider credentials(UserInfoConfig config) {
        if (config.cognitoEndpoint().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(
                        EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }
}
