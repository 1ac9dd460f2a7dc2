package dev.userinfo.adapter.cognito;

import dev.userinfo.adapter.cognito.emulator.CognitoLocal;
import dev.userinfo.domain.UserAttributeLookup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The Cognito adapter keeps the lookup contract against a real emulator (cognito-local). */
class CognitoUserAttributeLookupContractIT extends UserAttributeLookupContract {

    private static CognitoLocal emulator;
    private static CognitoIdentityProviderClient client;
    private static String poolId;
    private static CognitoUserAttributeLookup lookup;

    @BeforeAll
    static void startEmulator() {
        emulator = CognitoLocal.start();
        poolId = emulator.createUserPool("contract");
        client = CognitoClients.create(
                CognitoLocal.REGION, Optional.of(emulator.endpoint()), CognitoLocal.credentials(), List.of());
        lookup = new CognitoUserAttributeLookup(client, poolId);
    }

    @AfterAll
    static void stopEmulator() {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    protected UserAttributeLookup lookup() {
        return lookup;
    }

    @Override
    protected String givenUser(String username, Map<String, String> attributes) {
        return emulator.createUser(poolId, username, "Passw0rd!", attributes);
    }

    @Override
    protected String givenDisabledUser(String username, Map<String, String> attributes) {
        String stored = givenUser(username, attributes);
        emulator.client().adminDisableUser(b -> b.userPoolId(poolId).username(stored));
        return stored;
    }

    @Override
    protected String subOf(String username) {
        return emulator.client().adminGetUser(b -> b.userPoolId(poolId).username(username)).userAttributes().stream()
                .filter(a -> "sub".equals(a.name())).findFirst().orElseThrow().value();
    }

    @Override
    protected void recreate(String username, Map<String, String> attributes) {
        emulator.client().adminDeleteUser(b -> b.userPoolId(poolId).username(username));
        givenUser(username, attributes);
    }
}
