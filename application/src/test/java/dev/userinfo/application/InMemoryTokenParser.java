package dev.userinfo.application;

import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.TokenParser;
import dev.userinfo.domain.VerifiedIdentity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A token parser fake: tokens are looked up in a table of what they verify to (an identity or a
 * rejection reason); anything else is malformed. Shared with other modules through the test-jar.
 */
public final class InMemoryTokenParser implements TokenParser {

    private final Map<String, VerifiedIdentity> valid = new ConcurrentHashMap<>();
    private final Map<String, InvalidTokenReason> rejected = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
    private final AtomicBoolean keysUnavailable = new AtomicBoolean();

    public InMemoryTokenParser accept(String token, VerifiedIdentity identity) {
        valid.put(token, identity);
        return this;
    }

    public InMemoryTokenParser reject(String token, InvalidTokenReason reason) {
        rejected.put(token, reason);
        return this;
    }

    /** Makes one token throw the given exception (an outage, or an unexpected bug). */
    public InMemoryTokenParser failWith(String token, RuntimeException failure) {
        failures.put(token, failure);
        return this;
    }

    /** Makes every parse fail as if the key set could not be fetched, until set back. */
    public void setKeysUnavailable(boolean value) {
        keysUnavailable.set(value);
    }

    @Override
    public VerifiedIdentity parse(BearerToken token) {
        if (keysUnavailable.get()) {
            throw new DependencyUnavailableException(
                    DependencyUnavailableException.Dependency.KEY_SET, new IllegalStateException("set unavailable"));
        }
        RuntimeException failure = failures.get(token.value());
        if (failure != null) {
            throw failure;
        }
        VerifiedIdentity identity = valid.get(token.value());
        if (identity != null) {
            return identity;
        }
        throw new InvalidTokenException(rejected.getOrDefault(token.value(), InvalidTokenReason.MALFORMED));
    }
}
