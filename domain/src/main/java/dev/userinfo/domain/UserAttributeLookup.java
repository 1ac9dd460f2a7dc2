package dev.userinfo.domain;

/** Port: reads a user's attributes and enabled flag from the user pool. */
public interface UserAttributeLookup {

    /**
     * @throws UserNotFoundException          when the pool has no such user
     * @throws DependencyUnavailableException when the pool cannot answer now
     * @throws MisconfigurationException      when the deployment is wrong (pool, permissions)
     */
    UserAttributes lookup(String username);
}
