package dev.userinfo.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who a verified token names. Produced only by a {@link TokenParser} (or from an API Gateway
 * authorizer's claims) after every check passed.
 *
 * @param username        the pool's username ({@code cognito:username} or {@code username}); a UUID in
 *                        email-as-username pools
 * @param sub             the user's immutable id
 * @param tokenUse        which kind of token it was
 * @param clientId        the app client the token was issued to
 * @param emailClaim      the token's {@code email} claim, or {@code null} (access tokens carry none)
 * @param groups          {@code cognito:groups}, empty when absent
 * @param expiresAt       the token's {@code exp}
 * @param attributeClaims the user's attributes an ID token carries as claims, by attribute name
 *                        ({@code email}, {@code email_verified}, {@code nickname}, {@code custom:…}; see
 *                        {@link UserAttributes#isAttributeClaim}), each value as text ({@code "true"} for
 *                        a JSON {@code true}); empty for an access token, which carries none. Never
 *                        holds {@code sub}.
 */
public record VerifiedIdentity(
        String username,
        String sub,
        TokenUse tokenUse,
        String clientId,
        String emailClaim,
        List<String> groups,
        Instant expiresAt,
        Map<String, String> attributeClaims) {

    public VerifiedIdentity {
        requireText(username, "username");
        requireText(sub, "sub");
        Objects.requireNonNull(tokenUse, "tokenUse");
        requireText(clientId, "clientId");
        groups = groups == null ? List.of() : List.copyOf(groups);
        Objects.requireNonNull(expiresAt, "expiresAt");
        attributeClaims = attributeClaims == null ? Map.of() : Map.copyOf(attributeClaims);
        for (String name : attributeClaims.keySet()) {
            if (!UserAttributes.isAttributeClaim(name)) {
                throw new IllegalArgumentException("not an attribute claim: " + name);
            }
        }
    }

    /** An identity whose token carries no attributes (an access token), or whose attributes are not needed. */
    public VerifiedIdentity(String username, String sub, TokenUse tokenUse, String clientId, String emailClaim,
            List<String> groups, Instant expiresAt) {
        this(username, sub, tokenUse, clientId, emailClaim, groups, expiresAt, Map.of());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
