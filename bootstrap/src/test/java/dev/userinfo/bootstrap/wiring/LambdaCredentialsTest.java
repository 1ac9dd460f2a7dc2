package dev.userinfo.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The Lambda's credentials: the execution role's from the environment or, as in a SnapStart function,
 * from the container credentials endpoint; never a search of profile files or the instance metadata
 * service; nothing asked before the first call. The endpoint is a loopback server named through the
 * SDK's system property ({@code aws.containerCredentialsFullUri}, the property of
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}).
 */
class LambdaCredentialsTest {

    private static final String FULL_URI = "aws.containerCredentialsFullUri";
    private static final String SHARED_CREDENTIALS_FILE = "aws.sharedCredentialsFile";

    private HttpServer containerEndpoint;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        // The environment of a developer with AWS keys set would answer first; CI has none.
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "AWS_ACCESS_KEY_ID is set in this environment");
        containerEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        containerEndpoint.createContext("/credentials", exchange -> {
            calls.incrementAndGet();
            byte[] body = ("{\"AccessKeyId\":\"ASIAFROMCONTAINER\",\"SecretAccessKey\":\"container-secret\","
                    + "\"Token\":\"container-token\",\"Expiration\":\"" + Instant.now().plusSeconds(3600) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        containerEndpoint.start();
    }

    @AfterEach
    void stop() {
        System.clearProperty(FULL_URI);
        System.clearProperty(SHARED_CREDENTIALS_FILE);
        if (containerEndpoint != null) {
            containerEndpoint.stop(0);
        }
    }

    private static UserInfoConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put(UserInfoConfig.AWS_REGION, "eu-west-1");
        env.put(UserInfoConfig.COGNITO_USER_POOL_ID, "eu-west-1_Creds1");
        env.put(UserInfoConfig.COGNITO_CLIENT_IDS, "client-1");
        env.put(UserInfoConfig.ALLOWED_ORIGINS, "https://app.example.com");
        env.putAll(extra);
        return UserInfoConfig.forLambda(env);
    }

    @Test
    void aSnapStartFunction_getsTheRolesCredentialsFromTheContainerEndpoint_onTheFirstCallOnly() {
        System.setProperty(FULL_URI, "http://127.0.0.1:" + containerEndpoint.getAddress().getPort() + "/credentials");

        AwsCredentialsProvider provider = CognitoAdapters.lambdaCredentials(config(Map.of()));
        assertEquals(0, calls.get(), "nothing is asked before the first call");
        AwsCredentials credentials = provider.resolveCredentials();

        assertEquals("ASIAFROMCONTAINER", credentials.accessKeyId());
        assertEquals("container-secret", credentials.secretAccessKey());
    }

    @Test
    void profileFiles_areNeverSearched(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("credentials"),
                "[default]\naws_access_key_id = AKIAFROMPROFILE\naws_secret_access_key = profile-secret\n");
        System.setProperty(SHARED_CREDENTIALS_FILE, file.toString());

        AwsCredentialsProvider provider = CognitoAdapters.lambdaCredentials(config(Map.of()));

        assertThrows(SdkClientException.class, provider::resolveCredentials);
        // The default chain, which the local server uses against a real pool, would have found them.
        assertEquals("AKIAFROMPROFILE", CognitoAdapters.credentials(config(Map.of())).resolveCredentials().accessKeyId());
    }

    @Test
    void withAnEmulatorsEndpoint_theLocalChainAnswers_withDummyKeysAsALastResort() {
        AwsCredentialsProvider provider = CognitoAdapters.lambdaCredentials(
                config(Map.of(UserInfoConfig.COGNITO_ENDPOINT, "http://127.0.0.1:9")));

        assertEquals("local", provider.resolveCredentials().accessKeyId());
    }
}
