package dev.userinfo.bootstrap.local;

import dev.userinfo.adapter.cognito.emulator.CognitoLocal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cognito-local pool with an app client and signed-in users, and the environment that points a
 * cognito-mode {@link LocalServer} at it: the fixture of the resilience tests.
 */
public final class EmulatedPool implements AutoCloseable {

    static final String PASSWORD = "Correct-Horse-9";

    public final CognitoLocal cognito;
    public final String poolId;
    final String clientId;
    /** One ID token per user, then one access token per user. */
    public final List<String> tokens = new ArrayList<>();
    public final List<String> emails = new ArrayList<>();

    private EmulatedPool(CognitoLocal cognito, String poolId, String clientId) {
        this.cognito = cognito;
        this.poolId = poolId;
        this.clientId = clientId;
    }

    /** Starts an emulator and signs in {@code users} users, each with an email and a nickname. */
    public static EmulatedPool start(String name, int users) {
        CognitoLocal cognito = CognitoLocal.start();
        try {
            String poolId = cognito.createUserPool(name);
            EmulatedPool pool = new EmulatedPool(cognito, poolId, cognito.createAppClient(poolId, "frontend"));
            List<String> accessTokens = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String username = "user" + i;
                String email = username + "@example.com";
                cognito.createUser(poolId, username, PASSWORD,
                        Map.of("email", email, "email_verified", "true", "nickname", "User " + i));
                CognitoLocal.Tokens signedIn = cognito.initiateAuth(pool.clientId, username, PASSWORD);
                pool.tokens.add(signedIn.idToken());
                accessTokens.add(signedIn.accessToken());
                pool.emails.add(email);
            }
            pool.tokens.addAll(accessTokens);
            return pool;
        } catch (RuntimeException e) {
            cognito.close();
            throw e;
        }
    }

    /** A cognito-mode server's environment for this pool on a free port, with the given overrides. */
    public Map<String, String> serverEnv(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of(
                "USERINFO_MODE", "cognito",
                "PORT", "0",
                "AWS_REGION", CognitoLocal.REGION,
                "COGNITO_USER_POOL_ID", poolId,
                "COGNITO_CLIENT_IDS", clientId,
                "COGNITO_ENDPOINT", cognito.endpoint().toString()));
        env.putAll(overrides);
        return env;
    }

    /**
     * As {@link #serverEnv}, with the Cognito API reached through {@code endpoint} (a proxy the test
     * controls) while tokens are still checked against the emulator's own issuer and key set.
     */
    public Map<String, String> serverEnvThrough(URI endpoint, Map<String, String> overrides) {
        Map<String, String> env = serverEnv(overrides);
        env.put("COGNITO_ENDPOINT", endpoint.toString());
        env.put("COGNITO_ISSUER", cognito.issuer(poolId));
        return env;
    }

    @Override
    public void close() {
        cognito.close();
    }
}
