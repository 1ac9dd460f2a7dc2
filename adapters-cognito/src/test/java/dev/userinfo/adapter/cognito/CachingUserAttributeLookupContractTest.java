package dev.userinfo.adapter.cognito;

import dev.userinfo.domain.UserAttributeLookup;
import java.time.Duration;

/** Putting the cache in front of a lookup changes how often the pool is asked, never the answers. */
class CachingUserAttributeLookupContractTest extends InMemoryUserAttributeLookupContractTest {

    private final CachingUserAttributeLookup cached = new CachingUserAttributeLookup(pool, CachingUserAttributeLookup.Policy.of(Duration.ofSeconds(60), Duration.ofSeconds(900), 100));

    @Override
    protected UserAttributeLookup lookup() {
        return cached;
    }
}
