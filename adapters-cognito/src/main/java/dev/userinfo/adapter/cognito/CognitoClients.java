package dev.userinfo.adapter.cognito;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Builds the one Cognito user-pool API client a JVM uses: explicit region, the lightweight
 * url-connection HTTP client, call and attempt timeouts, standard retries.
 */
public final class CognitoClients {

    /**
     * The whole call, retries included, may take this long: a request that waits longer for the pool
     * is better answered 503 than left hanging behind API Gateway's own 29 s limit.
     */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(2);
    /** One attempt may take this long, so that a slow attempt still leaves room for a retry. */
    public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    /** A TCP connect to Cognito normally takes a few ms; a connect that takes longer is a dead path. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(500);
    static final Duration SOCKET_TIMEOUT = API_CALL_ATTEMPT_TIMEOUT;

    private CognitoClients() {
    }

    /** A client with the default credentials chain (env, system properties, profile, container/instance role). */
    public static CognitoIdentityProviderClient create(String region, Optional<URI> endpointOverride) {
        return create(region, endpointOverride, List.of());
    }

    /** As {@link #create(String, Optional)}, with interceptors added to every call (metrics, tests). */
    public static CognitoIdentityProviderClient create(
            String region, Optional<URI> endpointOverride, List<ExecutionInterceptor> interceptors) {
        // The default chain resolves lazily on the first call, so building the client at start-up
        // (or before a SnapStart snapshot) fixes no credentials into it.
        return create(region, endpointOverride, DefaultCredentialsProvider.builder().build(), interceptors);
    }

    /** As above with explicit credentials, for a local emulator that wants dummy ones. */
    public static CognitoIdentityProviderClient create(
            String region,
            Optional<URI> endpointOverride,
            AwsCredentialsProvider credentials,
            List<ExecutionInterceptor> interceptors) {
        Objects.requireNonNull(region, "region");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        Objects.requireNonNull(credentials, "credentials");
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .apiCallTimeout(API_CALL_TIMEOUT)
                .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                .retryStrategy(RetryMode.STANDARD);
        interceptors.forEach(overrides::addExecutionInterceptor);
        var builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECTION_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(overrides.build());
        endpointOverride.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
