package dev.userinfo.adapter.cognito.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.userinfo.adapter.cognito.emulator.CognitoLocal.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;

class CognitoLocalIT {

    private static CognitoLocal emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = CognitoLocal.start();
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void startedEmulator_listensOnLoopbackAndAnswersTheSdk() {
        assertEquals("127.0.0.1", emulator.endpoint().getHost());
        assertEquals(emulator.port(), emulator.endpoint().getPort());
        assertTrue(emulator.isRunning());

        String poolId = emulator.createUserPool("answers-" + UUID.randomUUID());

        List<String> ids = emulator.client().listUserPools(b -> b.maxResults(60)).userPools().stream()
                .map(UserPoolDescriptionType::id)
                .toList();
        assertTrue(ids.contains(poolId), ids.toString());
    }

    @Test
    void secondEmulator_hasItsOwnPortAndEmptyDataDirectory() {
        emulator.createUserPool("only-in-the-first");
        try (CognitoLocal second = CognitoLocal.start()) {
            assertNotEquals(emulator.port(), second.port());
            assertNotEquals(emulator.dataDir(), second.dataDir());
            assertEquals(List.of(), second.client().listUserPools(b -> b.maxResults(60)).userPools());
        }
    }

    @Test
    void provisionedUser_signsIn_andTokensCarryTheHarnessIssuerAndAKeyFromItsJwksUrl() throws Exception {
        String poolId = emulator.createUserPool("tokens");
        String clientId = emulator.createAppClient(poolId, "spa");
        String username = emulator.createUser(poolId, "alice", "Passw0rd!",
                Map.of("email", "alice@example.com", "nickname", "Ally"));
        assertEquals("alice", username);

        Tokens tokens = emulator.initiateAuth(clientId, username, "Passw0rd!");

        SignedJWT id = SignedJWT.parse(tokens.idToken());
        SignedJWT access = SignedJWT.parse(tokens.accessToken());
        assertEquals(emulator.issuer(poolId), id.getJWTClaimsSet().getIssuer());
        assertEquals("http://127.0.0.1:" + emulator.port() + "/" + poolId, id.getJWTClaimsSet().getIssuer());
        assertEquals(emulator.issuer(poolId), access.getJWTClaimsSet().getIssuer());
        assertEquals(List.of(clientId), id.getJWTClaimsSet().getAudience());
        assertEquals("id", id.getJWTClaimsSet().getStringClaim("token_use"));
        assertEquals("alice", id.getJWTClaimsSet().getStringClaim("cognito:username"));
        assertEquals("access", access.getJWTClaimsSet().getStringClaim("token_use"));
        assertEquals(clientId, access.getJWTClaimsSet().getStringClaim("client_id"));
        assertEquals("alice", access.getJWTClaimsSet().getStringClaim("username"));
        assertEquals(JWSAlgorithm.RS256, id.getHeader().getAlgorithm());

        assertEquals(emulator.issuer(poolId) + "/.well-known/jwks.json", emulator.jwksUrl(poolId).toString());
        JWKSet keys = JWKSet.load(emulator.jwksUrl(poolId).toURL());
        JWK key = keys.getKeyByKeyId(id.getHeader().getKeyID());
        assertNotNull(key, "the token's kid is in the pool's JWKS");
        assertTrue(id.verify(new RSASSAVerifier(key.toRSAKey())));
        assertTrue(access.verify(new RSASSAVerifier(keys.getKeyByKeyId(access.getHeader().getKeyID()).toRSAKey())));
    }

    @Test
    void emailAsUsernamePool_storesTheSubAsTheUsername() {
        String poolId = emulator.createUserPool("by-email", b -> b.usernameAttributes(UsernameAttributeType.EMAIL));

        String username = emulator.createUser(poolId, "bob@example.com", "Passw0rd!", Map.of());

        assertNotEquals("bob@example.com", username);
        assertEquals(username, UUID.fromString(username).toString());
    }

    @Test
    void stoppedEmulator_refusesCalls_andRestartKeepsPortAndData() {
        try (CognitoLocal own = CognitoLocal.start()) {
            String poolId = own.createUserPool("survives-restart");
            String clientId = own.createAppClient(poolId, "spa");
            own.createUser(poolId, "carol", "Passw0rd!", Map.of());
            int port = own.port();

            own.stop();
            assertFalse(own.isRunning());
            assertThrows(SdkClientException.class, () -> own.client().listUserPools(b -> b.maxResults(10)));

            own.restart();
            assertTrue(own.isRunning());
            assertEquals(port, own.port());
            assertNotNull(own.initiateAuth(clientId, "carol", "Passw0rd!").idToken());
        }
    }

    @Test
    void closedEmulator_isStoppedAndItsDataDirectoryDeleted() {
        CognitoLocal own = CognitoLocal.start();
        Path dataDir = own.dataDir();
        assertTrue(Files.isDirectory(dataDir.resolve(".cognito")));

        own.close();

        assertFalse(own.isRunning());
        assertFalse(Files.exists(dataDir));
    }

    @Test
    void tokens_redactThemselvesInToString() {
        assertEquals("Tokens[redacted]", new Tokens("a.b.c", "d.e.f", "g.h.i").toString());
    }
}
