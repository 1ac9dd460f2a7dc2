package dev.userinfo.domain;

/**
 * Where {@link GetUserInfo} takes a user's attributes from (the {@code ATTRIBUTE_SOURCE} setting).
 */
public enum AttributeSource {
    /**
     * The pool's record (AdminGetUser, behind the attribute cache) for every token: a user disabled
     * or deleted in the pool is refused within the cache's time-to-live.
     */
    POOL,
    /**
     * A verified ID token is answered from its own claims, with no call to the pool: Cognito signs
     * the user's readable attributes into it. A user disabled or deleted since the token was issued
     * is answered until the token expires, the same guarantee an API Gateway Cognito authorizer
     * gives. An access token carries no attributes and is still looked up in the pool.
     */
    TOKEN
}
