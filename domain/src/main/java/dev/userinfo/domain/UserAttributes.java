package dev.userinfo.domain;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 */
public record UserAttributes(String username, String sub, Map<String, String> attributes, boolean enabled) {

    /** Cognito's name of the attribute that holds a user's immutable id. */
    public static final String SUB = "sub";

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

    /** The value of one attribute, if the user has it. */
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** Whether this record belongs to the user with that {@code sub}; a record without one belongs to no one. */
    public boolean belongsTo(String expectedSub) {
        return sub != null && sub.equals(expectedSub);
    }
}
