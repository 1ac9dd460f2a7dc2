package dev.userinfo.bootstrap.embedded;

import dev.userinfo.domain.UserAttributes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A user of the embedded local mode: what a Cognito pool would hold for them (attributes, enabled)
 * and the groups their tokens carry.
 *
 * @param username   the pool's username ({@code cognito:username} / {@code username} in tokens)
 * @param sub        the immutable id; derived from the username when not given, so it survives restarts
 * @param attributes Cognito attribute names to values ({@code email}, {@code nickname}, {@code email_verified}, ...)
 * @param groups     {@code cognito:groups}
 * @param enabled    a disabled user still gets tokens here, so the 403 can be tried out locally
 */
public record DevUser(String username, String sub, Map<String, String> attributes, List<String> groups, boolean enabled) {

    public DevUser {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        sub = sub == null || sub.isBlank() ? derivedSub(username) : sub;
        Map<String, String> copy = new LinkedHashMap<>(Objects.requireNonNull(attributes, "attributes"));
        // Cognito lists sub among the attributes too; keep the two in agreement.
        copy.put("sub", sub);
        attributes = Map.copyOf(copy);
        groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
    }

    /** The pool record that {@code AdminGetUser} would return for this user. */
    public UserAttributes toUserAttributes() {
        return new UserAttributes(username, sub, attributes, enabled);
    }

    static String derivedSub(String username) {
        return UUID.nameUUIDFromBytes(("userinfo-embedded:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
