package dev.userinfo.domain.session;

/**
 * Port: fresh random values from a cryptographically strong generator that stays unique across
 * Lambda SnapStart restores (BFF.md, Cookies).
 */
public interface RandomValues {

    /** A new {@code state}. */
    State state();

    /** A new {@code nonce}. */
    Nonce nonce();

    /** A new PKCE code verifier (RFC 7636, section 4.1: 32 random octets, base64url, 43 characters). */
    CodeVerifier codeVerifier();

    /** A new session id. */
    SessionId sessionId();
}
