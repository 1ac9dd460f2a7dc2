package dev.userinfo.domain.session;

import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.UserInfo;
import java.util.Objects;
import java.util.Optional;

/** The closed set of ways a cookie-authenticated request can end; each is mapped to a status in one place. */
public sealed interface SessionResult {

    /**
     * The session is good.
     *
     * @param rewrite the session to seal into the cookie again, when it changed (refreshed, seen, or
     *                sealed under an old key); empty when the cookie stays as it is
     */
    record Active(UserInfo userInfo, Optional<Session> rewrite) implements SessionResult {
        public Active {
            Objects.requireNonNull(userInfo, "userInfo");
            Objects.requireNonNull(rewrite, "rewrite");
        }
    }

    /** The session is over; the cookie goes. */
    record Ended(SessionEnd reason, String sub) implements SessionResult {
        public Ended {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(sub, "sub");
        }
    }

    /** The user is disabled in the pool; the cookie stays (an administrator may enable them again). */
    record Disabled(String sub, Optional<Session> rewrite) implements SessionResult {
        public Disabled {
            Objects.requireNonNull(sub, "sub");
            Objects.requireNonNull(rewrite, "rewrite");
        }
    }

    /** A dependency could not answer now; the cookie is kept (with what a refresh already changed). */
    record Unavailable(DependencyUnavailableException.Dependency dependency, String sub, Optional<Session> rewrite)
            implements SessionResult {
        public Unavailable {
            Objects.requireNonNull(dependency, "dependency");
            Objects.requireNonNull(rewrite, "rewrite");
        }
    }
}
