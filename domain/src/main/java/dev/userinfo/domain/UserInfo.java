package dev.userinfo.domain;

import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /userinfo} tells the signed-in user about themselves.
 *
 * @param name          the Cognito username (the original endpoint returned it under this name)
 * @param email         the {@code email} attribute, else the token's {@code email} claim, else null
 * @param nickname      the {@code nickname} attribute, or null
 * @param sub           the user's immutable id
 * @param emailVerified the {@code email_verified} attribute, or null when the pool has none
 * @param groups        the token's groups, never null
 */
public record UserInfo(
        String name, String email, String nickname, String sub, Boolean emailVerified, List<String> groups) {

    public UserInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sub, "sub");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
