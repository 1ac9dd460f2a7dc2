package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderServiceClientConfiguration;

class CognitoClientsTest {

    @Test
    void client_usesTheGivenRegion_timeoutsAndStandardRetries() {
        try (CognitoIdentityProviderClient client = CognitoClients.create("eu-west-1", Optional.empty())) {
            CognitoIdentityProviderServiceClientConfiguration config = client.serviceClientConfiguration();
            ClientOverrideConfiguration overrides = config.overrideConfiguration();

            assertEquals(Region.EU_WEST_1, config.region());
            assertEquals(Optional.of(Duration.ofSeconds(2)), overrides.apiCallTimeout());
            assertEquals(Optional.of(Duration.ofSeconds(1)), overrides.apiCallAttemptTimeout());
            RetryStrategy retries = overrides.retryStrategy().orElseThrow();
            assertTrue(retries instanceof StandardRetryStrategy, retries.getClass().getName());
            assertEquals(3, retries.maxAttempts());
            assertFalse(config.endpointOverride().isPresent());
        }
    }

    @Test
    void endpointOverride_isUsedForAnEmulator() {
        URI emulator = URI.create("http://127.0.0.1:9229");
        try (CognitoIdentityProviderClient client = CognitoClients.create("us-east-1", Optional.of(emulator))) {
            assertEquals(Optional.of(emulator), client.serviceClientConfiguration().endpointOverride());
        }
    }

    @Test
    void givenInterceptors_areInstalled() {
        ExecutionInterceptor counting = new ExecutionInterceptor() { };
        try (CognitoIdentityProviderClient client =
                CognitoClients.create("us-east-1", Optional.empty(), List.of(counting))) {
            assertTrue(client.serviceClientConfiguration().overrideConfiguration().executionInterceptors().contains(counting));
        }
    }

    @Test
    void blankRegion_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> CognitoClients.create(" ", Optional.empty()));
    }

    @Test
    void onlyTheUrlConnectionHttpClient_isOnTheClasspath() {
        assertTrue(present("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"));
        assertFalse(present("software.amazon.awssdk.http.apache.ApacheHttpClient"));
        assertFalse(present("software.amazon.awssdk.http.apache5.Apache5HttpClient"));
        assertFalse(present("software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"));
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, CognitoClientsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
