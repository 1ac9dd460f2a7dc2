package dev.userinfo.domain;

/** Where the attributes of a {@link UserInfoResult.Found} answer came from; logged, never rendered. */
public enum ProfileOrigin {
    /** The pool's record, asked now or within the attribute cache's time-to-live. */
    POOL,
    /**
     * The pool's last known record, answered because the pool could not answer now (throttled,
     * timed out, 5xx); see {@link UserAttributes#stale()}.
     */
    POOL_STALE,
    /** The verified ID token's own claims ({@link AttributeSource#TOKEN}): the pool was not asked. */
    ID_TOKEN
}
