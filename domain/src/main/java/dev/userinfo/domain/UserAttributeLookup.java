package dev.userinfo.domain;

/** Port: reads a user's record (who holds the username, attributes, enabled flag) from the user pool. */
public interface UserAttributeLookup {

    /**
     * The pool's record of {@code username} as it stands: the record of whoever holds that username
     * now, which after a delete and re-create is someone else than the token's user. The caller
     * compares {@link UserAttributes#sub()} with the {@code sub} it expects; an implementation does
     * not refuse a record for holding another. {@code sub} lets an implementation keep the records of
     * two holders of one username apart (a cache keys by both) and say in its log that a username was
     * reused.
     *
     * <p>When the pool cannot answer now, an implementation may answer the record it last had for
     * this username and {@code sub}, marked {@link UserAttributes#stale()}, instead of throwing
     * {@link DependencyUnavailableException}; never after the pool said the user is gone.
     *
     * @param username the pool's username, as the verified token names it
     * @param sub      the {@code sub} of the verified token: the user the caller is asking about
     * @throws UserNotFoundException          when the pool has no user with that username
     * @throws DependencyUnavailableException when the pool cannot answer now
     * @throws MisconfigurationException      when the deployment is wrong (pool, permissions)
     */
    UserAttributes lookup(String username, String sub);
}
