package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.userinfo.adapter.cognito.emulator.CognitoLocal;
import dev.userinfo.adapter.cognito.emulator.CognitoLocal.Tokens;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;

/**
 * Tokens from a real sign-in ({@code InitiateAuth} against cognito-local), verified with the issuer
 * and key set URL overrides the local {@code cognito} mode uses: the key set is fetched over HTTP
 * from the emulator, exactly as from Cognito.
 */
class CognitoTokenParserIT {

    private static final String PASSWORD = "Passw0rd!";

    private static CognitoLocal emulator;
    private static String poolId;
    private static String clientId;
    private static String otherClientId;
    private static String sub;
    private static CognitoTokenParser parser;

    @BeforeAll
    static void signInToAPool() {
        emulator = CognitoLocal.start();
        poolId = emulator.createUserPool("verification");
        clientId = emulator.createAppClient(poolId, "spa");
        otherClientId = emulator.createAppClient(poolId, "some-other-app");
        emulator.createUser(poolId, "alice", PASSWORD, Map.of("email", "alice@example.com", "nickname", "Ally"));
        sub = emulator.client().adminGetUser(b -> b.userPoolId(poolId).username("alice")).userAttributes().stream()
                .filter(attribute -> attribute.name().equals("sub"))
                .map(AttributeType::value)
                .findFirst()
                .orElseThrow();
        parser = new CognitoTokenParser(settingsFor(poolId, clientId));
    }

    @AfterAll
    static void stop() {
        if (parser != null) {
            parser.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static TokenVerificationSettings settingsFor(String pool, String client) {
        return TokenVerificationSettings.of(emulator.issuer(pool), emulator.jwksUrl(pool), Set.of(client),
                Set.of(TokenUse.ID, TokenUse.ACCESS));
    }

    private static InvalidTokenReason rejection(CognitoTokenParser parser, String token) {
        return assertThrows(InvalidTokenException.class, () -> parser.parse(new BearerToken(token))).reason();
    }

    @Test
    void idTokenFromASignIn_verifiesToTheSignedInUser() {
        Tokens tokens = emulator.initiateAuth(clientId, "alice", PASSWORD);

        VerifiedIdentity identity = parser.parse(new BearerToken(tokens.idToken()));

        assertEquals("alice", identity.username());
        assertEquals(sub, identity.sub());
        assertEquals(TokenUse.ID, identity.tokenUse());
        assertEquals(clientId, identity.clientId());
        assertEquals("alice@example.com", identity.emailClaim());
        assertEquals(List.of(), identity.groups());
    }

    @Test
    void accessTokenFromASignIn_verifiesToTheSignedInUser() {
        Tokens tokens = emulator.initiateAuth(clientId, "alice", PASSWORD);

        VerifiedIdentity identity = parser.parse(new BearerToken(tokens.accessToken()));

        assertEquals("alice", identity.username());
        assertEquals(sub, identity.sub());
        assertEquals(TokenUse.ACCESS, identity.tokenUse());
        assertEquals(clientId, identity.clientId());
    }

    @Test
    void tokensIssuedToAnotherAppClient_areRejectedAsWrongClient() {
        Tokens tokens = emulator.initiateAuth(otherClientId, "alice", PASSWORD);

        assertEquals(InvalidTokenReason.WRONG_CLIENT, rejection(parser, tokens.idToken()));
        assertEquals(InvalidTokenReason.WRONG_CLIENT, rejection(parser, tokens.accessToken()));
    }

    @Test
    void tokensFromAnotherPoolSignedWithTheSameKey_areRejectedAsWrongIssuer() {
        // Every cognito-local pool signs with one key, so only the issuer tells the pools apart.
        String otherPool = emulator.createUserPool("elsewhere");
        String otherPoolClient = emulator.createAppClient(otherPool, "spa");
        emulator.createUser(otherPool, "alice", PASSWORD, Map.of());
        Tokens tokens = emulator.initiateAuth(otherPoolClient, "alice", PASSWORD);

        assertEquals(InvalidTokenReason.WRONG_ISSUER, rejection(parser, tokens.idToken()));
        assertEquals(InvalidTokenReason.WRONG_ISSUER, rejection(parser, tokens.accessToken()));
    }

    @Test
    void refreshTokenFromASignIn_isRejected() {
        Tokens tokens = emulator.initiateAuth(clientId, "alice", PASSWORD);

        // cognito-local's refresh token is a JWT without a kid (Cognito's is encrypted): never an identity.
        assertEquals(InvalidTokenReason.MISSING_KEY_ID, rejection(parser, tokens.refreshToken()));
    }

    @Test
    void groupMembership_isCarriedIntoTheIdentity() {
        emulator.createUser(poolId, "grace", PASSWORD, Map.of());
        emulator.client().createGroup(b -> b.userPoolId(poolId).groupName("admins"));
        emulator.client().adminAddUserToGroup(b -> b.userPoolId(poolId).username("grace").groupName("admins"));

        Tokens tokens = emulator.initiateAuth(clientId, "grace", PASSWORD);

        assertEquals(List.of("admins"), parser.parse(new BearerToken(tokens.idToken())).groups());
        assertEquals(List.of("admins"), parser.parse(new BearerToken(tokens.accessToken())).groups());
    }

    @Test
    void emailAsUsernamePool_namesTheUserByTheUuidThePoolStored() {
        String emailPool = emulator.createUserPool("by-email", b -> b.usernameAttributes(UsernameAttributeType.EMAIL));
        String emailClient = emulator.createAppClient(emailPool, "spa");
        String stored = emulator.createUser(emailPool, "bob@example.com", PASSWORD, Map.of("email", "bob@example.com"));
        Tokens tokens = emulator.initiateAuth(emailClient, "bob@example.com", PASSWORD);

        try (CognitoTokenParser emailParser = new CognitoTokenParser(settingsFor(emailPool, emailClient))) {
            VerifiedIdentity identity = emailParser.parse(new BearerToken(tokens.idToken()));

            assertEquals(stored, identity.username());
            assertNotEquals("bob@example.com", identity.username());
            assertEquals("bob@example.com", identity.emailClaim());
        }
    }
}
