package dev.userinfo.application;

import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.UserNotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Users held in memory, one record per username as in a pool: the embedded local mode's user pool,
 * and the fake that tests use in place of Cognito. Thread-safe; users can be changed, disabled,
 * removed or replaced by a new user of the same username (another {@code sub}) while it serves.
 */
public final class InMemoryUserAttributeLookup implements UserAttributeLookup {

    private final Map<String, UserAttributes> users = new ConcurrentHashMap<>();
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicInteger lookups = new AtomicInteger();

    /** Puts a user in the pool, replacing whoever held the username before. */
    public InMemoryUserAttributeLookup put(UserAttributes user) {
        users.put(user.username(), user);
        return this;
    }

    /**
     * Puts a user with this {@code sub} in the pool, replacing whoever held the username before; the
     * {@code sub} is listed among the attributes too, as Cognito lists it.
     */
    public InMemoryUserAttributeLookup put(String username, String sub, Map<String, String> attributes, boolean enabled) {
        Map<String, String> withSub = new HashMap<>(attributes);
        withSub.put(UserAttributes.SUB, sub);
        return put(new UserAttributes(username, sub, withSub, enabled));
    }

    public void remove(String username) {
        users.remove(username);
    }

    /** Makes every lookup fail as if the pool could not be reached, until set back. */
    public void setUnavailable(boolean value) {
        unavailable.set(value);
    }

    /** How many lookups were asked of this pool so far. */
    public int lookupCount() {
        return lookups.get();
    }

    /** The record of whoever holds {@code username} now; {@code sub} is the caller's to compare. */
    @Override
    public UserAttributes lookup(String username, String sub) {
        lookups.incrementAndGet();
        if (unavailable.get()) {
            throw new DependencyUnavailableException(
                    DependencyUnavailableException.Dependency.USER_POOL, new IllegalStateException("set unavailable"));
        }
        UserAttributes user = users.get(username);
        if (user == null) {
            throw new UserNotFoundException();
        }
        return user;
    }
}
