package dev.userinfo.adapter.cognito;

import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.domain.UserAttributeLookup;
import java.util.Map;
import java.util.UUID;

/** The fake other modules' tests rely on keeps the same contract as Cognito. */
class InMemoryUserAttributeLookupContractTest extends UserAttributeLookupContract {

    /** The pool the {@code given...} methods write to; a subclass may put something in front of it. */
    final InMemoryUserAttributeLookup pool = new InMemoryUserAttributeLookup();

    @Override
    protected UserAttributeLookup lookup() {
        return pool;
    }

    @Override
    protected String givenUser(String username, Map<String, String> attributes) {
        pool.put(username, "sub-" + username, attributes, true);
        return username;
    }

    @Override
    protected String givenDisabledUser(String username, Map<String, String> attributes) {
        pool.put(username, "sub-" + username, attributes, false);
        return username;
    }

    @Override
    protected String subOf(String username) {
        return pool.lookup(username, "any").sub();
    }

    @Override
    protected void recreate(String username, Map<String, String> attributes) {
        pool.remove(username);
        pool.put(username, UUID.randomUUID().toString(), attributes, true);
    }
}
