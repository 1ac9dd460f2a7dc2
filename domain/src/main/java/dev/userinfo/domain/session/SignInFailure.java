package dev.userinfo.domain.session;

/** Why a callback did not sign anybody in; logged, while the browser only learns {@code signin_failed}. */
public enum SignInFailure {
    /** No {@code state}, or one no pending sign-in of this browser has (never started here, or already finished). */
    UNKNOWN_STATE,
    /** The pending sign-in is older than {@link SessionPolicy#SIGN_IN_LIFETIME}. */
    EXPIRED_STATE,
    /** No {@code code}, or not one a server would issue. */
    MISSING_CODE,
    /** The token endpoint refused the code: used before, expired, or the PKCE verifier does not match. */
    CODE_REFUSED,
    /** The ID token failed verification, its {@code nonce} included. */
    ID_TOKEN_REJECTED,
    /** The grant carried no refresh token, so no session could outlive the access token. */
    NO_REFRESH_TOKEN
}
