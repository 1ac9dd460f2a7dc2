package dev.userinfo.domain.session;

import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ID token verifier fake: tokens are looked up in a table of who they name and the {@code nonce}
 * they carry (null for none, as on a refresh, or from an emulator that ignores it); anything else is
 * malformed. Checks the nonce as the real one does. Shared through the domain's test-jar.
 */
public final class FakeIdTokenVerifier implements IdTokenVerifier {

    private record Entry(VerifiedIdentity identity, String nonce) {
    }

    private final Map<String, Entry> tokens = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();

    /** An identity as an ID token issued to {@link FakeAuthorizationServer#CLIENT_ID} names it. */
    public static VerifiedIdentity identity(String username, String sub, List<String> groups) {
        return new VerifiedIdentity(username, sub, TokenUse.ID, FakeAuthorizationServer.CLIENT_ID, null, groups,
                Instant.parse("2099-01-01T00:00:00Z"));
    }

    public FakeIdTokenVerifier accept(String token, VerifiedIdentity identity, String nonce) {
        tokens.put(token, new Entry(identity, nonce));
        return this;
    }

    public FakeIdTokenVerifier failWith(String token, RuntimeException failure) {
        failures.put(token, failure);
        return this;
    }

    @Override
    public VerifiedIdentity verify(BearerToken idToken, Optional<Nonce> expectedNonce) {
        RuntimeException failure = failures.get(idToken.value());
        if (failure != null) {
            throw failure;
        }
        Entry entry = tokens.get(idToken.value());
        if (entry == null) {
            throw new InvalidTokenException(InvalidTokenReason.MALFORMED);
        }
        if (expectedNonce.isPresent() && !expectedNonce.get().matches(entry.nonce())) {
            throw new InvalidTokenException(InvalidTokenReason.NONCE_MISMATCH);
        }
        return entry.identity();
    }
}
