package dev.userinfo.adapter.cognito.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.session.AuthorizationCode;
import dev.userinfo.domain.session.AuthorizationRequest;
import dev.userinfo.domain.session.AuthorizationServer;
import dev.userinfo.domain.session.CodeVerifier;
import dev.userinfo.domain.session.InvalidGrantException;
import dev.userinfo.domain.session.RefreshToken;
import dev.userinfo.domain.session.TokenGrant;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter for the {@link AuthorizationServer} port: a user pool's managed login domain
 * ({@code https://<prefix>.auth.<region>.amazoncognito.com}, or a custom domain), spoken to with the
 * Nimbus OAuth 2.0 / OpenID Connect SDK. Requests as Cognito's endpoint documentation gives them:
 * {@code /oauth2/authorize} with PKCE S256, {@code /oauth2/token} for the authorization code (with
 * {@code code_verifier}) and refresh token grants, {@code /oauth2/revoke} (RFC 7009), {@code /logout}.
 * A confidential client authenticates by HTTP Basic (RFC 6749, section 2.3.1); a public one sends its
 * {@code client_id} in the body.
 *
 * <p>Failures become the domain's: {@code invalid_grant} (and {@code invalid_request}, whose input may
 * be a stranger's code) a refused grant; the client refused ({@code invalid_client},
 * {@code unauthorized_client}, ...) an operator's mistake, logged loudly; 429, 5xx, timeouts and
 * connection failures an outage. No retries: the caller answers 503 and the browser may try again.
 */
public final class CognitoAuthorizationServer implements AuthorizationServer {

    /** What a session asks for: an ID token (openid) with the email and profile claims. */
    public static final Scope SCOPE = new Scope("openid", "email", "profile");
    /** A TCP connect to the managed login domain normally takes a few ms. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** Cognito answers a token request in well under a second; a request waits this long at most. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    /** Errors that say this client itself is refused: its configuration, not the user's grant. */
    private static final Set<ErrorObject> CLIENT_ERRORS = Set.of(OAuth2Error.INVALID_CLIENT,
            OAuth2Error.UNAUTHORIZED_CLIENT, OAuth2Error.UNSUPPORTED_GRANT_TYPE, OAuth2Error.INVALID_SCOPE);

    private static final Logger log = LoggerFactory.getLogger(CognitoAuthorizationServer.class);

    private final URI domain;
    private final URI tokenEndpoint;
    private final URI revocationEndpoint;
    private final ClientID clientId;
    private final ClientAuthentication clientAuthentication;

    /**
     * @param domain   the managed login base URL, e.g. {@code https://example.auth.eu-west-1.amazoncognito.com}
     * @param clientId the app client sessions sign in with
     * @param secret   that client's secret, when it has one
     */
    public CognitoAuthorizationServer(URI domain, String clientId, Optional<ClientSecret> secret) {
        Objects.requireNonNull(domain, "domain");
        String base = domain.toString().endsWith("/") ? domain.toString().substring(0, domain.toString().length() - 1)
                : domain.toString();
        this.domain = URI.create(base);
        this.tokenEndpoint = URI.create(base + "/oauth2/token");
        this.revocationEndpoint = URI.create(base + "/oauth2/revoke");
        this.clientId = new ClientID(Objects.requireNonNull(clientId, "clientId"));
        this.clientAuthentication = Objects.requireNonNull(secret, "secret")
                .map(s -> (ClientAuthentication) new ClientSecretBasic(this.clientId, new Secret(s.value())))
                .orElse(null);
    }

    @Override
    public URI authorizationUri(AuthorizationRequest request) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, SCOPE, clientId, request.redirectUri())
                .endpointURI(URI.create(domain + "/oauth2/authorize"))
                .state(new com.nimbusds.oauth2.sdk.id.State(request.state().value()))
                .nonce(new com.nimbusds.openid.connect.sdk.Nonce(request.nonce().value()))
                .codeChallenge(new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(request.codeVerifier().value()),
                        CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    @Override
    public TokenGrant exchange(AuthorizationCode code, CodeVerifier verifier, URI redirectUri) {
        return tokenRequest(new AuthorizationCodeGrant(new com.nimbusds.oauth2.sdk.AuthorizationCode(code.value()),
                redirectUri, new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(verifier.value())), "code exchange");
    }

    @Override
    public TokenGrant refresh(RefreshToken refreshToken) {
        return tokenRequest(new RefreshTokenGrant(new com.nimbusds.oauth2.sdk.token.RefreshToken(refreshToken.value())),
                "refresh");
    }

    @Override
    public void revoke(RefreshToken refreshToken) {
        var token = new com.nimbusds.oauth2.sdk.token.RefreshToken(refreshToken.value());
        TokenRevocationRequest request = clientAuthentication != null
                ? new TokenRevocationRequest(revocationEndpoint, clientAuthentication, token)
                : new TokenRevocationRequest(revocationEndpoint, clientId, token);
        HTTPResponse response = send(request.toHTTPRequest(), "revocation");
        if (response.getStatusCode() == 200) {
            return;
        }
        if (isOutage(response.getStatusCode())) {
            throw unavailable("revocation", response.getStatusCode());
        }
        ErrorObject error = ErrorObject.parse(response);
        if (CLIENT_ERRORS.contains(error)) {
            throw clientRefused("revocation", error);
        }
        throw new InvalidGrantException(error.getCode() == null ? "http_" + response.getStatusCode() : error.getCode());
    }

    @Override
    public URI logoutUri(URI logoutRedirect) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("client_id", List.of(clientId.getValue()));
        parameters.put("logout_uri", List.of(logoutRedirect.toString()));
        return URI.create(domain + "/logout?" + URLUtils.serializeParameters(parameters));
    }

    private TokenGrant tokenRequest(AuthorizationGrant grant, String what) {
        TokenRequest request = clientAuthentication != null
                ? new TokenRequest.Builder(tokenEndpoint, clientAuthentication, grant).build()
                : new TokenRequest.Builder(tokenEndpoint, clientId, grant).build();
        HTTPResponse response = send(request.toHTTPRequest(), what);
        if (isOutage(response.getStatusCode())) {
            throw unavailable(what, response.getStatusCode());
        }
        TokenResponse parsed;
        try {
            parsed = OIDCTokenResponseParser.parse(response);
        } catch (ParseException e) {
            throw response.getStatusCode() == 200
                    ? answeredWithoutTokens(what)
                    : notAnOAuthAnswer(what, response.getStatusCode());
        }
        if (!parsed.indicatesSuccess()) {
            ErrorObject error = parsed.toErrorResponse().getErrorObject();
            if (CLIENT_ERRORS.contains(error)) {
                throw clientRefused(what, error);
            }
            if (error.getCode() == null) {
                throw notAnOAuthAnswer(what, response.getStatusCode());
            }
            log.info("{} refused by the token endpoint: {}", what, error.getCode());
            throw new InvalidGrantException(error.getCode());
        }
        if (!(parsed.toSuccessResponse() instanceof OIDCTokenResponse oidc)) {
            throw answeredWithoutTokens(what);
        }
        OIDCTokens tokens = oidc.getOIDCTokens();
        String idToken = tokens.getIDTokenString();
        if (idToken == null || idToken.isBlank()) {
            throw answeredWithoutTokens(what);
        }
        return new TokenGrant(new BearerToken(idToken), Duration.ofSeconds(Math.max(0, tokens.getAccessToken().getLifetime())),
                Optional.ofNullable(tokens.getRefreshToken()).map(t -> new RefreshToken(t.getValue())));
    }

    private static HTTPResponse send(HTTPRequest request, String what) {
        request.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        request.setReadTimeout((int) READ_TIMEOUT.toMillis());
        try {
            return request.send();
        } catch (IOException e) {
            log.warn("{}: the token endpoint could not be reached: {}", what, e.getClass().getName());
            throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.AUTHORIZATION_SERVER, e);
        }
    }

    /** 429 (throttled) and 5xx: try again later. */
    private static boolean isOutage(int status) {
        return status == 429 || status >= 500;
    }


    private static DependencyUnavailableException unavailable(String what, int status) {
        log.warn("{}: the token endpoint answered {}", what, status);
        return new DependencyUnavailableException(DependencyUnavailableException.Dependency.AUTHORIZATION_SERVER, null);
    }

    private static MisconfigurationException clientRefused(String what, ErrorObject error) {
        String message = what + " refused for the app client itself (" + error.getCode() + "): check the client id, "
                + "its secret (COGNITO_CLIENT_SECRET, or the Lambda's SESSION_SECRET_ARN), and the app client's OAuth "
                + "settings (authorization code grant, scopes openid email profile, callback and sign-out URLs)";
        // Every session meets this until an operator fixes it: say so at ERROR, never a silent sign-out.
        log.error(message);
        return new MisconfigurationException(message, null);
    }

    private static MisconfigurationException answeredWithoutTokens(String what) {
        String message = what + ": the token endpoint answered 200 without an ID token; is the openid scope "
                + "allowed for the app client?";
        log.error(message);
        return new MisconfigurationException(message, null);
    }

    private static MisconfigurationException notAnOAuthAnswer(String what, int status) {
        String message = what + ": the token endpoint answered " + status + " without an OAuth error; is COGNITO_DOMAIN"
                + " the pool's managed login domain?";
        log.error(message);
        return new MisconfigurationException(message, null);
    }

    @Override
    public String toString() {
        return "CognitoAuthorizationServer[" + domain + ", client " + clientId + (clientAuthentication != null
                ? ", confidential" : ", public") + "]";
    }
}
