package dev.userinfo.application;

import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.UserNotFoundException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Users held in memory: the embedded local mode's user pool, and the fake that tests use in place of
 * Cognito. Thread-safe; users can be changed, disabled or removed while it serves.
 */
public final class InMemoryUserAttributeLookup implements UserAttributeLookup {

    private final Map<String, UserAttributes> users = new ConcurrentHashMap<>();
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicInteger lookups = new AtomicInteger();

    public InMemoryUserAttributeLookup put(UserAttributes user) {
        users.put(user.username(), user);
        return this;
    }

    public InMemoryUserAttributeLookup put(String username, Map<String, String> attributes, boolean enabled) {
        return put(new UserAttributes(username, attributes, enabled));
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

    @Override
    public UserAttributes lookup(String username) {
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
