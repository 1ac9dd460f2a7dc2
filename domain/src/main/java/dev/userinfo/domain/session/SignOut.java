package dev.userinfo.domain.session;

import dev.userinfo.domain.MisconfigurationException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: sign out. The refresh token is revoked (RFC 7009) as a best effort: a revocation that
 * fails is logged and the sign-out goes on, since the cookies go anyway and the browser must still be
 * sent to end the authorization server's own session.
 */
public final class SignOut {

    private static final System.Logger LOG = System.getLogger(SignOut.class.getName());

    private final AuthorizationServer server;

    public SignOut(AuthorizationServer server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * A finished sign-out.
     *
     * @param logoutUri where the browser ends the authorization server's session
     * @param revoked   whether the refresh token was revoked (false when there was none, or it failed)
     */
    public record SignedOut(URI logoutUri, boolean revoked) {
        public SignedOut {
            Objects.requireNonNull(logoutUri, "logoutUri");
        }
    }

    /**
     * @param session        the session the cookie held, if it held a valid one
     * @param logoutRedirect where the authorization server sends the browser after its own sign-out
     */
    public SignedOut signOut(Optional<Session> session, URI logoutRedirect) {
        boolean revoked = false;
        if (session.isPresent()) {
            try {
                server.revoke(session.get().refreshToken());
                revoked = true;
            } catch (RuntimeException e) {
                String sub = session.get().sub();
                // The class only: a library's message may quote the request it failed on.
                LOG.log(e instanceof MisconfigurationException ? Level.ERROR : Level.WARNING,
                        () -> "refresh token of sub " + sub + " not revoked, signing out anyway: " + e.getClass().getName());
            }
        }
        return new SignedOut(server.logoutUri(logoutRedirect), revoked);
    }
}
