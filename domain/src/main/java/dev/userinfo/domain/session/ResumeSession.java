package dev.userinfo.domain.session;

import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.UserInfoResult;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: answer {@code GET /userinfo} for a session (BFF.md, Refresh and revocation): the absolute
 * limit, then the idle limit; then, when the access token is due ({@code now ≥ atExp − 60 s}), the
 * {@code refresh_token} grant, whose new ID token must verify and name the same {@code sub}; then the
 * same attribute lookup as a bearer request ({@link GetUserInfo}), with the session's groups.
 */
public final class ResumeSession {

    private final AuthorizationServer server;
    private final IdTokenVerifier verifier;
    private final GetUserInfo getUserInfo;
    private final Clock clock;
    private final SessionPolicy policy;
    private final String clientId;

    /**
     * @param clientId the app client sessions sign in with; the identity a session stands for was
     *                 verified as an ID token issued to it
     */
    public ResumeSession(AuthorizationServer server, IdTokenVerifier verifier, GetUserInfo getUserInfo, Clock clock,
            SessionPolicy policy, String clientId) {
        this.server = Objects.requireNonNull(server, "server");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.getUserInfo = Objects.requireNonNull(getUserInfo, "getUserInfo");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
    }

    /**
     * @param session  the session the cookie holds
     * @param resealed whether the cookie must be sealed again even if nothing changes (it was sealed
     *                 under an old key)
     * @throws MisconfigurationException when the token endpoint refuses this client or the pool
     *                                   refuses the lookup (the caller's 500, logged loudly)
     */
    public SessionResult resume(Session session, boolean resealed) {
        Instant now = clock.instant();
        if (!now.isBefore(session.absoluteExpiry())) {
            return new SessionResult.Ended(SessionEnd.ABSOLUTE_LIMIT, session.sub());
        }
        if (!now.isBefore(session.lastSeen().plus(policy.idleTimeout()))) {
            return new SessionResult.Ended(SessionEnd.IDLE_LIMIT, session.sub());
        }
        Session current = session;
        boolean changed = resealed;
        if (!now.isBefore(session.accessTokenExpiry().minus(SessionPolicy.REFRESH_MARGIN))) {
            TokenGrant grant;
            VerifiedIdentity identity;
            try {
                grant = server.refresh(session.refreshToken());
                identity = verifier.verify(grant.idToken(), Optional.empty());
            } catch (InvalidGrantException e) {
                return new SessionResult.Ended(SessionEnd.REFRESH_REFUSED, session.sub());
            } catch (InvalidTokenException e) {
                return new SessionResult.Ended(SessionEnd.REFRESHED_TOKEN_REJECTED, session.sub());
            } catch (DependencyUnavailableException e) {
                return new SessionResult.Unavailable(e.dependency(), session.sub(),
                        resealed ? Optional.of(session) : Optional.empty());
            }
            if (!identity.sub().equals(session.sub())) {
                return new SessionResult.Ended(SessionEnd.OTHER_USER, session.sub());
            }
            current = current.refreshed(identity.username(), identity.groups(), now.plus(grant.accessTokenLifetime()),
                    grant.refreshToken().orElse(session.refreshToken()));
            changed = true;
        }
        if (!now.isBefore(current.lastSeen().plus(SessionPolicy.LAST_SEEN_INTERVAL))) {
            current = current.seenAt(now);
            changed = true;
        }
        Optional<Session> rewrite = changed ? Optional.of(current) : Optional.empty();
        UserInfoResult result = getUserInfo.executeVerified(new VerifiedIdentity(current.username(), current.sub(),
                TokenUse.ID, clientId, null, current.groups(), current.accessTokenExpiry()));
        if (result instanceof UserInfoResult.Found found) {
            return new SessionResult.Active(found.userInfo(), rewrite);
        }
        if (result instanceof UserInfoResult.InvalidToken) {
            // The only way a verified identity fails the lookup: the user is gone.
            return new SessionResult.Ended(SessionEnd.USER_GONE, current.sub());
        }
        if (result instanceof UserInfoResult.UserDisabled) {
            return new SessionResult.Disabled(current.sub(), rewrite);
        }
        if (result instanceof UserInfoResult.Unavailable unavailable) {
            return new SessionResult.Unavailable(unavailable.dependency(), current.sub(), rewrite);
        }
        throw new IllegalStateException("a verified identity cannot end in " + result.getClass().getSimpleName());
    }
}
