package dev.userinfo.domain;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's record in the pool: its attributes (name to value, as Cognito names them) and whether the
 * user is enabled.
 */
public record UserAttributes(String username, Map<String, String> attributes, boolean enabled) {

    public UserAttributes {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
    }

    /** The value of one attribute, if the user has it. */
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }
}
