package dev.userinfo.adapter.cognito;

import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.domain.UserAttributeLookup;
import java.time.Duration;
import java.util.Map;

/** Putting the cache in front of a lookup changes how often the pool is asked, never the answers. */
class CachingUserAttributeLookupContractTest extends UserAttributeLookupContract {

    private final InMemoryUserAttributeLookup pool = new InMemoryUserAttributeLookup();
    private final CachingUserAttributeLookup cached = new CachingUserAttributeLookup(pool, Duration.ofSeconds(60), 100);

    @Override
    protected UserAttributeLookup lookup() {
        return cached;
    }

    @Override
    protected String givenUser(String username, Map<String, String> attributes) {
        pool.put(username, attributes, true);
        return username;
    }

    @Override
    protected String givenDisabledUser(String username, Map<String, String> attributes) {
        pool.put(username, attributes, false);
        return username;
    }
}
