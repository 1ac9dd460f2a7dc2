package dev.userinfo.domain;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A user's record in the pool: who holds the username now ({@code sub}), their attributes (name to
 * value, as Cognito names them) and whether the user is enabled.
 *
 * @param username   the pool's username the record was found under
 * @param sub        the pool's immutable id of the user now holding that username (Cognito's {@code sub}
 *                   attribute), or {@code null} when the record carries none, which no caller may take
 *                   for a match
 * @param attributes attribute name to value; a {@code sub} attribute, if listed, equals {@code sub}
 * @param enabled    whether the user may sign in
 * @param stale      whether this is the pool's last known record rather than its answer now: the pool
 *                   could not answer (throttled, timed out, 5xx) and a cache answered the record it
 *                   had loaded within its stale limit. Never set for a pool that said the user is
 *                   gone: that answer is not overridden.
 */
public record UserAttributes(String username, String sub, Map<String, String> attributes, boolean enabled, boolean stale) {

    /** Cognito's name of the attribute that holds a user's immutable id. */
    public static final String SUB = "sub";

    /**
     * Cognito's standard attributes other than {@code sub}, with the two verification flags: the
     * names of OpenID Connect Core 1.0 §5.1's standard claims, which Cognito uses for its attributes
     * and under which an ID token carries them (Amazon Cognito Developer Guide, "Standard attributes").
     */
    static final Set<String> STANDARD_ATTRIBUTES = Set.of(
            "address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name", "locale",
            "middle_name", "name", "nickname", "phone_number", "phone_number_verified", "picture",
            "preferred_username", "profile", "updated_at", "website", "zoneinfo");

    /** The prefix of a pool's custom attributes, in AdminGetUser's answer and in the ID token alike. */
    static final String CUSTOM_PREFIX = "custom:";

    public UserAttributes {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        if (sub != null && sub.isBlank()) {
            throw new IllegalArgumentException("sub must be null (none) or not blank");
        }
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
        String listed = attributes.get(SUB);
        if (listed != null && !listed.equals(sub)) {
            throw new IllegalArgumentException("the sub attribute and sub disagree");
        }
    }

    /** The pool's record as it answered now (not {@link #stale()}). */
    public UserAttributes(String username, String sub, Map<String, String> attributes, boolean enabled) {
        this(username, sub, attributes, enabled, false);
    }

    /** The value of one attribute, if the user has it. */
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** Whether this record belongs to the user with that {@code sub}; a record without one belongs to no one. */
    public boolean belongsTo(String expectedSub) {
        return sub != null && sub.equals(expectedSub);
    }

    /** This record, marked as the pool's last known one rather than its answer now. */
    public UserAttributes asStale() {
        return new UserAttributes(username, sub, attributes, enabled, true);
    }

    /**
     * Whether an ID token claim of this name is one of the user's attributes (a standard one other than
     * {@code sub}, or a {@code custom:} one), as opposed to a claim about the token itself ({@code iss},
     * {@code aud}, {@code token_use}, {@code cognito:groups}, …).
     */
    public static boolean isAttributeClaim(String claimName) {
        return claimName != null
                && (STANDARD_ATTRIBUTES.contains(claimName)
                        || (claimName.startsWith(CUSTOM_PREFIX) && claimName.length() > CUSTOM_PREFIX.length()));
    }
}
