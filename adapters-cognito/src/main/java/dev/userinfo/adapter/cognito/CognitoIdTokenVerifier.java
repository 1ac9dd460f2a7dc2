package dev.userinfo.adapter.cognito;

import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.VerifiedIdentity;
import dev.userinfo.domain.session.IdTokenVerifier;
import dev.userinfo.domain.session.Nonce;
import java.util.Objects;
import java.util.Optional;

/**
 * Adapter for the {@link IdTokenVerifier} port: the production {@link CognitoTokenParser}, restricted to
 * ID tokens of the sign-in client and over the bearer parser's own key set, plus the {@code nonce}
 * check on the callback. Every check a bearer token passes, a session's ID token passes too.
 */
public final class CognitoIdTokenVerifier implements IdTokenVerifier {

    private final CognitoTokenParser parser;

    /**
     * @param bearerParser the parser bearer tokens are verified with; its key set is shared
     * @param clientId     the app client sessions sign in with: the only {@code aud} accepted
     */
    public CognitoIdTokenVerifier(CognitoTokenParser bearerParser, String clientId) {
        this.parser = Objects.requireNonNull(bearerParser, "bearerParser").forIdTokensOf(clientId);
    }

    @Override
    public VerifiedIdentity verify(BearerToken idToken, Optional<Nonce> expectedNonce) {
        return parser.parseIdToken(idToken, expectedNonce);
    }
}
