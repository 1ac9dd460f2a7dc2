package dev.userinfo.bootstrap.embedded;

import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.Prompt;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Judges a request to {@code /oauth2/authorize}, in the order RFC 6749 (4.1.2.1) requires: first
 * the client and its {@code redirect_uri}, which decide whether the browser may be sent back at all
 * (if either is wrong the user gets a page, never a redirect, so the endpoint cannot be an open
 * redirector); then everything else, refused by a redirect with {@code error=} and the client's
 * {@code state}. The request is parsed by the OAuth SDK; this class states the server's policy:
 * {@code response_type=code} only, PKCE with S256 required (RFC 7636; the OAuth security BCP,
 * RFC 9700, 2.1.1), {@code response_mode=query} only, no request objects, scopes among the client's.
 */
final class AuthorizationRequestCheck {

    /** Longest value of one parameter: a page refuses anything longer, rather than echo it. */
    static final int MAX_PARAMETER_CHARS = 2048;
    /** More parameters than any client sends. */
    static final int MAX_PARAMETERS = 40;
    /** An S256 challenge: BASE64URL(SHA-256(verifier)) without padding, 43 characters (RFC 7636, 4.2). */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** What the endpoint does with a request. */
    sealed interface Outcome permits Refused, Redirect, Accepted {
    }

    /** A page, no redirect: the client or its redirect URI cannot be trusted. */
    record Refused(String problem) implements Outcome {
    }

    /** Back to the client's registered redirect URI with an error (RFC 6749, 4.1.2.1). */
    record Redirect(URI location, String error) implements Outcome {
    }

    /** A valid request: on to the login page (or straight to a code, with a session). */
    record Accepted(SignInRequest request) implements Outcome {
    }

    private final DevAppClient client;

    AuthorizationRequestCheck(DevAppClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    Outcome check(Map<String, List<String>> parameters) {
        if (parameters.size() > MAX_PARAMETERS) {
            return new Refused("the request has more than " + MAX_PARAMETERS + " parameters");
        }
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (value != null && value.length() > MAX_PARAMETER_CHARS) {
                    return new Refused("the parameter " + parameter.getKey() + " is longer than "
                            + MAX_PARAMETER_CHARS + " characters");
                }
            }
        }
        List<String> clientIds = parameters.getOrDefault("client_id", List.of());
        List<String> redirectUris = parameters.getOrDefault("redirect_uri", List.of());
        if (clientIds.size() != 1 || clientIds.get(0).isEmpty()) {
            return new Refused(clientIds.size() > 1 ? "client_id is given more than once" : "client_id is missing");
        }
        if (!client.is(clientIds.get(0))) {
            return new Refused("client_id names no app client of this pool");
        }
        if (redirectUris.size() != 1 || redirectUris.get(0).isEmpty()) {
            return new Refused(redirectUris.size() > 1 ? "redirect_uri is given more than once" : "redirect_uri is missing");
        }
        String redirectUri = redirectUris.get(0);
        if (!client.callbackUrls().allows(redirectUri)) {
            return new Refused("redirect_uri is not one of the app client's callback URLs");
        }
        // From here on the browser may be sent back to the client, with the error and its state.
        URI redirect = URI.create(redirectUri);
        List<String> states = parameters.getOrDefault("state", List.of());
        State state = states.size() == 1 && !states.get(0).isEmpty() ? new State(states.get(0)) : null;

        AuthorizationRequest request;
        try {
            request = AuthorizationRequest.parse(parameters);
        } catch (ParseException e) {
            ErrorObject error = e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST;
            return redirect(redirect, error, e.getMessage(), state);
        }
        if (!ResponseType.CODE.equals(request.getResponseType())) {
            return redirect(redirect, OAuth2Error.UNSUPPORTED_RESPONSE_TYPE, "response_type must be code", state);
        }
        if (request.getResponseMode() != null && !ResponseMode.QUERY.equals(request.getResponseMode())) {
            return redirect(redirect, OAuth2Error.INVALID_REQUEST, "response_mode must be query", state);
        }
        if (request.getRequestObject() != null || request.getRequestURI() != null) {
            return redirect(redirect, OAuth2Error.INVALID_REQUEST, "request objects are not supported", state);
        }
        if (request.getCodeChallenge() == null) {
            return redirect(redirect, OAuth2Error.INVALID_REQUEST, "code_challenge is required (PKCE, RFC 7636)", state);
        }
        if (!CodeChallengeMethod.S256.equals(request.getCodeChallengeMethod())) {
            return redirect(redirect, OAuth2Error.INVALID_REQUEST, "code_challenge_method must be S256", state);
        }
        if (!S256_CHALLENGE.matcher(request.getCodeChallenge().getValue()).matches()) {
            return redirect(redirect, OAuth2Error.INVALID_REQUEST,
                    "code_challenge must be 43 base64url characters (an S256 hash)", state);
        }
        List<String> scopes = new ArrayList<>();
        Scope scope = request.getScope();
        if (scope == null || scope.isEmpty()) {
            // Cognito grants all of the app client's scopes when a request names none.
            scopes.addAll(DevAppClient.SCOPES);
        } else {
            for (Scope.Value value : scope) {
                if (!DevAppClient.SCOPES.contains(value.getValue())) {
                    return redirect(redirect, OAuth2Error.INVALID_SCOPE, "unknown scope", state);
                }
                scopes.add(value.getValue());
            }
        }
        Prompt prompt = request.getPrompt();
        boolean noPrompt = prompt != null && prompt.contains(Prompt.Type.NONE);
        boolean forceLogin = prompt != null && prompt.contains(Prompt.Type.LOGIN);
        return new Accepted(new SignInRequest(client.clientId(), redirectUri, state == null ? null : state.getValue(),
                single(request, "nonce"), request.getCodeChallenge().getValue(), scopes, single(request, "login_hint"),
                forceLogin, noPrompt));
    }

    private static String single(AuthorizationRequest request, String name) {
        List<String> values = request.getCustomParameter(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static Redirect redirect(URI redirectUri, ErrorObject error, String description, State state) {
        return new Redirect(errorLocation(redirectUri, error, description, state), error.getCode());
    }

    /** The redirect that carries an error back to a client (RFC 6749, 4.1.2.1), in the query. */
    static URI errorLocation(URI redirectUri, ErrorObject error, String description, State state) {
        // error_description is ASCII printable without '"' and '\' (RFC 6749, 4.1.2.1).
        String ascii = description == null ? null : description.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "");
        return new AuthorizationErrorResponse(redirectUri, new ErrorObject(error.getCode(), ascii), state,
                ResponseMode.QUERY).toURI();
    }
}
