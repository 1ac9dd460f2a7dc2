package dev.userinfo.domain;

/**
 * Why a token was rejected. Logged for operators; a client only ever learns "invalid_token"
 * (and, for {@link #EXPIRED}, that it should get a fresh token).
 */
public enum InvalidTokenReason {
    /** Over the size cap. */
    TOO_LARGE,
    /** Not three base64url segments, or a segment that is not a JSON object. */
    MALFORMED,
    /** An {@code Authorization} scheme other than Bearer. */
    UNSUPPORTED_SCHEME,
    /** An {@code alg} outside the configured allowlist, including {@code none} and HS*. */
    DISALLOWED_ALGORITHM,
    /** A header outside the allowlist, such as {@code jku}, {@code x5u}, {@code jwk}, {@code x5c}, {@code crit}. */
    DISALLOWED_HEADER,
    /** No {@code kid} in the header. */
    MISSING_KEY_ID,
    /** A {@code kid} that the pool's key set does not hold, even after a refetch. */
    UNKNOWN_KEY,
    /** The signature does not verify. */
    BAD_SIGNATURE,
    /** {@code exp} is in the past beyond the allowed skew. */
    EXPIRED,
    /** {@code nbf} is in the future beyond the allowed skew. */
    NOT_YET_VALID,
    /** {@code iat} is in the future beyond the allowed skew. */
    ISSUED_IN_FUTURE,
    /** {@code iss} is not the pool's issuer. */
    WRONG_ISSUER,
    /** {@code aud} or {@code client_id} is not an allowed app client, or an access token carries {@code aud}. */
    WRONG_CLIENT,
    /** {@code token_use} is missing, unknown, or not allowed by configuration. */
    WRONG_TOKEN_USE,
    /** A required claim ({@code exp}, {@code sub}, the username) is missing or has the wrong type. */
    MISSING_CLAIM,
    /**
     * The user the token names no longer exists in the pool: no user has its username, or the one
     * who has it now has another {@code sub} (the username was deleted and created again).
     */
    USER_GONE,
    /** An API Gateway authorizer was to be trusted but handed over no claims. */
    NO_AUTHORIZER_CLAIMS,
    /**
     * A sign-in's ID token without the {@code nonce} its authorization request sent (OpenID Connect
     * Core 1.0, section 3.1.3.7, step 11): minted for another sign-in, or by a server that ignores it.
     */
    NONCE_MISMATCH
}
