package dev.userinfo.bootstrap.config;

/**
 * Where the Lambda's secret comes from: Secrets Manager's {@code GetSecretValue}, read once at init.
 * The configuration room only reads what it returns; the client that fetches it lives in the Lambda
 * entry's room.
 */
@FunctionalInterface
public interface SecretSource {

    /**
     * The {@code SecretString} of the secret {@code arn} names.
     *
     * @throws ConfigurationException naming {@code SESSION_SECRET_ARN} when it cannot be read
     */
    String secretString(String arn);
}
