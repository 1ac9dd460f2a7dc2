package dev.userinfo.bootstrap.embedded;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.userinfo.adapter.cognito.oauth.ClientSecret;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Client authentication at the token and revocation endpoints, with and without a secret. */
class DevAppClientTest {

    private static final RegisteredUris ANY = RegisteredUris.of(List.of("http://localhost:*"));
    private static final DevAppClient PUBLIC = new DevAppClient("app", Optional.empty(), ANY, ANY);
    private static final DevAppClient CONFIDENTIAL = new DevAppClient("app", Optional.of(new ClientSecret("s3cret")), ANY, ANY);

    private static String refusal(DevAppClient client, ClientAuthentication authentication, ClientID identified) {
        OAuthProblem problem = assertThrows(OAuthProblem.class, () -> client.authenticate(authentication, identified));
        assertEquals(401, problem.error().getHTTPStatusCode());
        return problem.error().getCode() + ": " + problem.error().getDescription();
    }

    @Test
    void publicClient_isIdentifiedByItsClientIdAlone() {
        assertDoesNotThrow(() -> PUBLIC.authenticate(null, new ClientID("app")));
        assertEquals(List.of("none"), PUBLIC.authenticationMethods());
    }

    @Test
    void publicClient_refusesAnUnknownOrMissingIdOrASecret() {
        assertEquals("invalid_client: unknown client", refusal(PUBLIC, null, new ClientID("other")));
        assertEquals("invalid_client: client_id is missing", refusal(PUBLIC, null, null));
        assertEquals("invalid_client: this client has no secret: send client_id alone",
                refusal(PUBLIC, new ClientSecretPost(new ClientID("app"), new Secret("anything")), null));
    }

    @Test
    void confidentialClient_acceptsItsSecretByBasicOrInTheBody() {
        assertDoesNotThrow(() -> CONFIDENTIAL.authenticate(new ClientSecretBasic(new ClientID("app"), new Secret("s3cret")), null));
        assertDoesNotThrow(() -> CONFIDENTIAL.authenticate(new ClientSecretPost(new ClientID("app"), new Secret("s3cret")), null));
        assertEquals(List.of("client_secret_basic", "client_secret_post"), CONFIDENTIAL.authenticationMethods());
    }

    @Test
    void confidentialClient_refusesAWrongSecret_aMissingOne_andAnotherClient() {
        assertEquals("invalid_client: wrong client secret",
                refusal(CONFIDENTIAL, new ClientSecretBasic(new ClientID("app"), new Secret("s3cret!")), null));
        assertEquals("invalid_client: wrong client secret",
                refusal(CONFIDENTIAL, new ClientSecretPost(new ClientID("app"), new Secret("s3cre")), null));
        assertEquals("invalid_client: this client has a secret: authenticate with client_secret_basic or client_secret_post",
                refusal(CONFIDENTIAL, null, new ClientID("app")));
        assertEquals("invalid_client: unknown client",
                refusal(CONFIDENTIAL, new ClientSecretBasic(new ClientID("other"), new Secret("s3cret")), null));
    }

    /** A method this client was not registered for (a signed JWT assertion) is invalid_client, never a failed cast. */
    @Test
    void confidentialClient_refusesAJwtAssertion() throws Exception {
        ClientAuthentication jwt = new com.nimbusds.oauth2.sdk.auth.ClientSecretJWT(new ClientID("app"),
                java.net.URI.create("http://localhost:9/oauth2/token"), com.nimbusds.jose.JWSAlgorithm.HS256,
                new Secret("s3cret-s3cret-s3cret-s3cret-s3cret-s3cret"));

        assertEquals("invalid_client: unsupported client authentication method client_secret_jwt", refusal(CONFIDENTIAL, jwt, null));
    }

    @Test
    void secret_isTheRegisteredOne() {
        assertEquals(Optional.of(new ClientSecret("s3cret")), CONFIDENTIAL.secret());
        assertEquals(Optional.empty(), PUBLIC.secret());
    }
}
