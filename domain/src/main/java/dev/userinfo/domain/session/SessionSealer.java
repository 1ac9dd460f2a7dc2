package dev.userinfo.domain.session;

/**
 * Port: seals what a cookie carries so that only this service can read or forge it (authenticated
 * encryption under the configured keys), and opens it again. The two kinds are sealed apart: a login
 * cookie never opens as a session, nor the other way round.
 */
public interface SessionSealer {

    /** The session as a cookie value: compact, URL-safe, a valid RFC 6265 cookie-value. */
    String sealSession(Session session);

    /** The session a cookie value holds; never throws for bad input. */
    Unsealed<Session> openSession(String sealed);

    /** The pending sign-ins as a cookie value. */
    String sealSignIns(PendingSignIns signIns);

    /** The pending sign-ins a cookie value holds; never throws for bad input. */
    Unsealed<PendingSignIns> openSignIns(String sealed);
}
