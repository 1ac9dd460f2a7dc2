package dev.userinfo.adapter.cognito;

import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.domain.UserAttributeLookup;
import java.util.Map;

/** The fake other modules' tests rely on keeps the same contract as Cognito. */
class InMemoryUserAttributeLookupContractTest extends UserAttributeLookupContract {

    private final InMemoryUserAttributeLookup pool = new InMemoryUserAttributeLookup();

    @Override
    protected UserAttributeLookup lookup() {
        return pool;
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
