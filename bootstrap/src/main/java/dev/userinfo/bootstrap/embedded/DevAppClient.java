package dev.userinfo.bootstrap.embedded;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.userinfo.adapter.cognito.oauth.ClientSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one app client the embedded pool has, registered as a Cognito app client: its id, its secret
 * when it has one (a confidential client), its callback URLs and its allowed sign-out URLs, and the
 * scopes it may ask for. It authenticates the client at the token and revocation endpoints.
 */
public final class DevAppClient {

    /** The scopes a Cognito app client can allow, and this one does: all of them. */
    public static final List<String> SCOPES = List.of("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin");

    private final String clientId;
    private final Optional<ClientSecret> secret;
    private final RegisteredUris callbackUrls;
    private final RegisteredUris logoutUrls;

    /**
     * @param clientId     the app client's id
     * @param secret       its secret; empty for a public client, which PKCE alone protects
     * @param callbackUrls where {@code /oauth2/authorize} may send the browser back
     * @param logoutUrls   where {@code /logout} may send it
     */
    public DevAppClient(String clientId, Optional<ClientSecret> secret, RegisteredUris callbackUrls,
            RegisteredUris logoutUrls) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.callbackUrls = Objects.requireNonNull(callbackUrls, "callbackUrls");
        this.logoutUrls = Objects.requireNonNull(logoutUrls, "logoutUrls");
    }

    public String clientId() {
        return clientId;
    }

    public Optional<ClientSecret> secret() {
        return secret;
    }

    public RegisteredUris callbackUrls() {
        return callbackUrls;
    }

    public RegisteredUris logoutUrls() {
        return logoutUrls;
    }

    /** Whether {@code candidate} is this client's id. */
    boolean is(String candidate) {
        return clientId.equals(candidate);
    }

    /** How this client authenticates at the token endpoint, in discovery's names (RFC 8414). */
    List<String> authenticationMethods() {
        return secret.isPresent()
                ? List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(), ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue())
                : List.of(ClientAuthenticationMethod.NONE.getValue());
    }

    /**
     * Checks who calls the token or revocation endpoint (RFC 6749, 2.3 and 3.2.1): with a secret
     * configured, the client must prove it by HTTP Basic or in the body ({@code client_secret_basic},
     * {@code client_secret_post}, as Cognito accepts); without one, the body's {@code client_id}
     * names it and a secret is refused, as Cognito refuses one for a public client.
     *
     * @param authentication what the request authenticated with, or null
     * @param identified     the {@code client_id} of a request without authentication, or null
     * @throws OAuthProblem {@code invalid_client} (401) when the client is unknown, unproven or wrong
     */
    void authenticate(ClientAuthentication authentication, ClientID identified) throws OAuthProblem {
        if (authentication == null) {
            if (identified == null) {
                throw new OAuthProblem(OAuth2Error.INVALID_CLIENT, "client_id is missing");
            }
            if (!is(identified.getValue())) {
                throw new OAuthProblem(OAuth2Error.INVALID_CLIENT, "unknown client");
            }
            if (secret.isPresent()) {
                throw new OAuthProblem(OAuth2Error.INVALID_CLIENT, "this client has a secret: authenticate with"
                        + " client_secret_basic or client_secret_post");
            }
            return;
        }
        if (!is(authentication.getClientID().getValue())) {
            throw new OAuthProblem(OAuth2Error.INVALID_CLIENT, "unknown client");
        }
        if (!(authentication instanceof PlainClientSecret presented)) {
            throw new OAuthProblem(OAuth2Error.INVALID_CLIENT, "unsupported client authentication method "
                    + authentication.getMethod().getValue());
        }
        if (secret.isEmpty()) {
            throw new OAuthProblem(OAuth2Error.INVALID_CLIENT, "this client has no secret: send client_id alone");
        }
        byte[] expected = secret.get().value().getBytes(StandardCharsets.UTF_8);
        byte[] given = presented.getClientSecret().getValue().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new OAuthProblem(OAuth2Error.INVALID_CLIENT, "wrong client secret");
        }
    }
}
