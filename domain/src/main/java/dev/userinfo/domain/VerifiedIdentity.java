package dev.userinfo.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who a verified token names. Produced only by a {@link TokenParser} after every check passed.
 *
 * @param username   the pool's username ({@code cognito:username} or {@code username}); a UUID in
 *                   email-as-username pools
 * @param sub        the user's immutable id
 * @param tokenUse   which kind of token it was
 * @param clientId   the app client the token was issued to
 * @param emailClaim the token's {@code email} claim, or {@code null} (access tokens carry none)
 * @param groups     {@code cognito:groups}, empty when absent
 * @param expiresAt  the token's {@code exp}
 */
public record VerifiedIdentity(
        String username,
        String sub,
        TokenUse tokenUse,
        String clientId,
        String emailClaim,
        List<String> groups,
        Instant expiresAt) {

    public VerifiedIdentity {
        requireText(username, "username");
        requireText(sub, "sub");
        Objects.requireNonNull(tokenUse, "tokenUse");
        requireText(clientId, "clientId");
        groups = groups == null ? List.of() : List.copyOf(groups);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
