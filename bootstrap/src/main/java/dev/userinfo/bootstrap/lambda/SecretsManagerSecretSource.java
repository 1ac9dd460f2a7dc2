package dev.userinfo.bootstrap.lambda;

import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.SecretSource;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The Lambda's {@link SecretSource}: Secrets Manager's {@code GetSecretValue}, called once at init with
 * a client made for it and closed after. The SDK's standard settings apply, so
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} (or {@code aws.endpointUrlSecretsManager}) points it at a
 * stand-in (AWS SDKs and Tools Reference Guide, "Service-specific endpoints"). A secret that cannot
 * be read stops the init, naming {@code SESSION_SECRET_ARN}.
 */
final class SecretsManagerSecretSource implements SecretSource {

    /** The whole read, retries included; an init that cannot read its secret should fail, not hang. */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);

    private final String region;

    SecretsManagerSecretSource(String region) {
        this.region = Objects.requireNonNull(region, "region");
    }

    @Override
    public String secretString(String arn) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(API_CALL_TIMEOUT).retryStrategy(RetryMode.STANDARD).build())
                .build()) {
            String secret = client.getSecretValue(b -> b.secretId(arn)).secretString();
            if (secret == null) {
                throw new ConfigurationException(UserInfoConfig.SESSION_SECRET_ARN,
                        "the secret holds binary data, not the SecretString JSON expected");
            }
            return secret;
        } catch (SecretsManagerException e) {
            // The error code and the service's words name the problem (no such secret, access denied, KMS);
            // they hold the ARN at most, never the secret.
            throw new ConfigurationException(UserInfoConfig.SESSION_SECRET_ARN, "GetSecretValue failed: "
                    + e.awsErrorDetails().errorCode() + " (" + e.statusCode() + "); the function's role needs"
                    + " secretsmanager:GetSecretValue on it (and kms:Decrypt for a customer-managed key)");
        } catch (SdkException e) {
            throw new ConfigurationException(UserInfoConfig.SESSION_SECRET_ARN, "GetSecretValue could not be sent: "
                    + e.getClass().getSimpleName());
        }
    }
}
