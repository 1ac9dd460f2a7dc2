package dev.userinfo.bootstrap.wiring;

import dev.userinfo.adapter.cognito.CachingUserAttributeLookup;
import dev.userinfo.adapter.cognito.CognitoClients;
import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.adapter.cognito.CognitoUserAttributeLookup;
import dev.userinfo.adapter.cognito.TokenVerificationSettings;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.domain.UserAttributeLookup;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The production adapters for a pool, built once per JVM and shared by the Lambda and the local
 * server's cognito mode: the token parser over the pool's key set, and AdminGetUser through one SDK
 * client (backing off while the pool throttles or fails) behind the attribute cache (refresh-ahead,
 * jittered TTL, the last known profile within the stale limit; left out when its TTL is 0).
 */
public record CognitoAdapters(CognitoTokenParser tokenParser, UserAttributeLookup lookup, CognitoIdentityProviderClient client)
        implements AutoCloseable {

    /** Users kept per JVM; far above what one instance serves within a TTL, small in memory. */
    public static final long ATTRIBUTE_CACHE_SIZE = 10_000;

    public static CognitoAdapters create(UserInfoConfig config) {
        return create(config, credentials(config), List.of());
    }

    /**
     * As {@link #create(UserInfoConfig)} with the given credentials and SDK interceptors: tests see
     * where and how each AdminGetUser call would be sent.
     */
    public static CognitoAdapters create(UserInfoConfig config, AwsCredentialsProvider credentials,
            List<ExecutionInterceptor> interceptors) {
        // The pool's own region, not necessarily the one the code runs in (AWS_REGION).
        CognitoIdentityProviderClient client = CognitoClients.create(
                config.cognitoRegion(), config.cognitoEndpoint(), credentials, interceptors);
        UserAttributeLookup lookup = new CognitoUserAttributeLookup(client, config.userPoolId());
        if (!config.attributeCacheTtl().isZero()) {
            lookup = new CachingUserAttributeLookup(lookup, CachingUserAttributeLookup.Policy.of(
                    config.attributeCacheTtl(), config.attributeStaleLimit(), ATTRIBUTE_CACHE_SIZE));
        }
        CognitoTokenParser tokenParser = new CognitoTokenParser(verificationSettings(config));
        return new CognitoAdapters(tokenParser, lookup, client);
    }

    /** What a token must be to verify: the configured issuers, key set, app clients and token uses. */
    public static TokenVerificationSettings verificationSettings(UserInfoConfig config) {
        return TokenVerificationSettings.of(config.issuers(), config.jwksUrl(), config.clientIds(), config.tokenUses());
    }

    /**
     * A real pool: the default AWS chain, as in production. An endpoint override (an emulator, which
     * checks no signature): the developer's own keys if set (environment, system properties, profile),
     * else dummy ones, so a laptop without AWS credentials runs against cognito-local. Not the whole
     * default chain there: its last resort asks the EC2 metadata address, which on a laptop only hangs.
     */
    public static AwsCredentialsProvider credentials(UserInfoConfig config) {
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

    /**
     * A Lambda function's credentials, found without the default chain's search (system properties,
     * web identity, profile files, the instance metadata service): the execution role's credentials
     * are in {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN},
     * or, in a SnapStart function, at the container credentials endpoint the runtime names in
     * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} (Lambda developer guide, "Defined runtime environment
     * variables" and SnapStart's "credentials"). Nothing is resolved until the first call. With an
     * endpoint override (an emulator), as {@link #credentials}.
     */
    public static AwsCredentialsProvider lambdaCredentials(UserInfoConfig config) {
        if (config.cognitoEndpoint().isPresent()) {
            return credentials(config);
        }
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.builder().build())
                .build();
    }

    @Override
    public void close() {
        tokenParser.close();
        client.close();
    }
}
