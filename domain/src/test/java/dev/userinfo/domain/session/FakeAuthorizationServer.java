package dev.userinfo.domain.session;

import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.DependencyUnavailableException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An authorization server fake: codes and refresh tokens are looked up in tables of what they give;
 * a code works once and only with its verifier and redirect URI, as RFC 6749 and RFC 7636 require.
 * Records every revocation. Shared through the domain's test-jar.
 */
public final class FakeAuthorizationServer implements AuthorizationServer {

    /** The managed login domain the fake's URLs name. */
    public static final String DOMAIN = "https://auth.example.com";
    public static final String CLIENT_ID = "client-1";

    private record CodeEntry(String verifier, URI redirectUri, TokenGrant grant) {
    }

    private final Map<String, CodeEntry> codes = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> codeFailures = new ConcurrentHashMap<>();
    private volatile boolean reusableCodes;
    private final Map<String, Object> refreshes = new ConcurrentHashMap<>();
    private final List<String> revoked = new CopyOnWriteArrayList<>();
    private final List<String> refreshed = new CopyOnWriteArrayList<>();
    private volatile RuntimeException tokenEndpointFailure;
    private volatile RuntimeException revocationFailure;

    /** A grant of an ID token, an access token living {@code lifetime}, and a refresh token. */
    public static TokenGrant grant(String idToken, Duration lifetime, String refreshToken) {
        return new TokenGrant(new BearerToken(idToken), lifetime,
                Optional.ofNullable(refreshToken).map(RefreshToken::new));
    }

    /** {@code code} gives {@code grant} once, to whoever sends {@code verifier} and {@code redirectUri}. */
    public FakeAuthorizationServer code(String code, String verifier, URI redirectUri, TokenGrant grant) {
        codes.put(code, new CodeEntry(verifier, redirectUri, grant));
        return this;
    }

    /** {@code code} makes the exchange fail with {@code failure}. */
    public FakeAuthorizationServer codeFails(String code, RuntimeException failure) {
        codeFailures.put(code, failure);
        return this;
    }

    /**
     * Codes work again and again: for contract tables that send one request through several entry
     * points against one server. One-time use is what the domain's own tests check.
     */
    public FakeAuthorizationServer reusableCodes() {
        reusableCodes = true;
        return this;
    }

    /** {@code refreshToken} gives {@code grant} on every refresh. */
    public FakeAuthorizationServer refresh(String refreshToken, TokenGrant grant) {
        refreshes.put(refreshToken, grant);
        return this;
    }

    /** {@code refreshToken} makes a refresh fail with {@code failure}. */
    public FakeAuthorizationServer refreshFails(String refreshToken, RuntimeException failure) {
        refreshes.put(refreshToken, failure);
        return this;
    }

    /** Every token request fails with {@code failure} until set back to null. */
    public void setTokenEndpointFailure(RuntimeException failure) {
        tokenEndpointFailure = failure;
    }

    /** Every revocation fails with {@code failure} until set back to null. */
    public void setRevocationFailure(RuntimeException failure) {
        revocationFailure = failure;
    }

    public static DependencyUnavailableException down() {
        return new DependencyUnavailableException(DependencyUnavailableException.Dependency.AUTHORIZATION_SERVER, null);
    }

    /** The refresh tokens revoked so far, in order. */
    public List<String> revoked() {
        return List.copyOf(revoked);
    }

    /** The refresh tokens refreshed with so far, in order. */
    public List<String> refreshed() {
        return List.copyOf(refreshed);
    }

    @Override
    public URI authorizationUri(AuthorizationRequest request) {
        return URI.create(DOMAIN + "/oauth2/authorize?client_id=" + CLIENT_ID
                + "&state=" + encode(request.state().value()) + "&nonce=" + encode(request.nonce().value())
                + "&verifier=" + encode(request.codeVerifier().value())
                + "&redirect_uri=" + encode(request.redirectUri().toString()));
    }

    @Override
    public TokenGrant exchange(AuthorizationCode code, CodeVerifier verifier, URI redirectUri) {
        failIfDown();
        RuntimeException failure = codeFailures.get(code.value());
        if (failure != null) {
            throw failure;
        }
        CodeEntry entry = codes.get(code.value());
        if (entry == null || !entry.verifier().equals(verifier.value()) || !entry.redirectUri().equals(redirectUri)) {
            throw new InvalidGrantException("invalid_grant");
        }
        if (!reusableCodes) {
            codes.remove(code.value());
        }
        return entry.grant();
    }

    @Override
    public TokenGrant refresh(RefreshToken refreshToken) {
        failIfDown();
        refreshed.add(refreshToken.value());
        Object outcome = refreshes.get(refreshToken.value());
        if (outcome instanceof RuntimeException failure) {
            throw failure;
        }
        if (outcome == null) {
            throw new InvalidGrantException("invalid_grant");
        }
        return (TokenGrant) outcome;
    }

    @Override
    public void revoke(RefreshToken refreshToken) {
        RuntimeException failure = revocationFailure;
        if (failure != null) {
            throw failure;
        }
        revoked.add(refreshToken.value());
    }

    @Override
    public URI logoutUri(URI logoutRedirect) {
        return URI.create(DOMAIN + "/logout?client_id=" + CLIENT_ID + "&logout_uri=" + encode(logoutRedirect.toString()));
    }

    private void failIfDown() {
        RuntimeException failure = tokenEndpointFailure;
        if (failure != null) {
            throw failure;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
