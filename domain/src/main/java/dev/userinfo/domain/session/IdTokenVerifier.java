package dev.userinfo.domain.session;

import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.VerifiedIdentity;
import java.util.Optional;

/**
 * Port: verifies an ID token the token endpoint returned, by the same checks as a bearer token
 * (signature, issuer, audience = the sign-in client, {@code token_use=id}, time), and, on the
 * callback, its {@code nonce} (OpenID Connect Core, section 3.1.3.7, step 11).
 */
public interface IdTokenVerifier {

    /**
     * @param expectedNonce the pending sign-in's nonce, which the token's {@code nonce} claim must
     *                      equal; empty on a refresh, where the token carries none to check
     * @return who the token names
     * @throws InvalidTokenException          when a check fails ({@code NONCE_MISMATCH} for the nonce)
     * @throws DependencyUnavailableException when the keys cannot be had now
     */
    VerifiedIdentity verify(BearerToken idToken, Optional<Nonce> expectedNonce);
}
