package dev.userinfo.domain;

import java.util.Objects;

/** The closed set of ways a {@code GetUserInfo} call can end. Each is mapped to a status in one place. */
public sealed interface UserInfoResult {

    /**
     * The user was found; {@code identity} ({@code sub}) and {@code origin} are kept for the log,
     * never rendered.
     */
    record Found(UserInfo userInfo, VerifiedIdentity identity, ProfileOrigin origin) implements UserInfoResult {
        public Found {
            Objects.requireNonNull(userInfo, "userInfo");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(origin, "origin");
        }

        /** Found from the pool's current record. */
        public Found(UserInfo userInfo, VerifiedIdentity identity) {
            this(userInfo, identity, ProfileOrigin.POOL);
        }
    }

    /** No token was presented. */
    record MissingToken() implements UserInfoResult {
    }

    /** The token failed verification, or names a user who no longer exists. */
    record InvalidToken(InvalidTokenReason reason, String sub) implements UserInfoResult {
        public InvalidToken {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The token is valid but the user is disabled in the pool. */
    record UserDisabled(String sub) implements UserInfoResult {
        public UserDisabled {
            Objects.requireNonNull(sub, "sub");
        }
    }

    /** A dependency could not answer now; the client should retry later. */
    record Unavailable(DependencyUnavailableException.Dependency dependency) implements UserInfoResult {
        public Unavailable {
            Objects.requireNonNull(dependency, "dependency");
        }
    }
}
