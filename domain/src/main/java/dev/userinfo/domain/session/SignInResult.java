package dev.userinfo.domain.session;

import dev.userinfo.domain.DependencyUnavailableException;
import java.util.Objects;

/** The closed set of ways a callback can end; each is mapped to a status in one place. */
public sealed interface SignInResult {

    /**
     * Signed in: a new session, where to go, and the browser's other pending sign-ins.
     */
    record SignedIn(Session session, String returnTo, PendingSignIns remaining) implements SignInResult {
        public SignedIn {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(returnTo, "returnTo");
            Objects.requireNonNull(remaining, "remaining");
        }
    }

    /**
     * The authorization server sent an {@code error} instead of a code (RFC 6749, section 4.1.2.1),
     * for a sign-in this browser did start: the user cancelled, or the server refused.
     *
     * @param error the server's error code, as received (untrusted text)
     */
    record Refused(String error, String returnTo, PendingSignIns remaining) implements SignInResult {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(returnTo, "returnTo");
            Objects.requireNonNull(remaining, "remaining");
        }
    }

    /**
     * Nobody signed in.
     *
     * @param detail for the log: the {@code InvalidTokenReason} or server error code behind it, or null
     */
    record Failed(SignInFailure failure, String detail, PendingSignIns remaining) implements SignInResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(remaining, "remaining");
        }
    }

    /** The token endpoint or the key set could not answer now; the pending sign-in is kept for a retry. */
    record Unavailable(DependencyUnavailableException.Dependency dependency) implements SignInResult {
        public Unavailable {
            Objects.requireNonNull(dependency, "dependency");
        }
    }
}
