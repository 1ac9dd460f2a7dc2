package dev.userinfo.domain.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Random values a test can predict: {@code state-1}, {@code nonce-1}, ... numbered per kind, or the
 * same value every time ({@link #constant()}), so that answers can be compared byte for byte across
 * entry points. Shared through the domain's test-jar.
 */
public final class FixedRandomValues implements RandomValues {

    private final boolean counting;
    private final AtomicInteger states = new AtomicInteger();
    private final AtomicInteger nonces = new AtomicInteger();
    private final AtomicInteger verifiers = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();

    private FixedRandomValues(boolean counting) {
        this.counting = counting;
    }

    /** {@code state-1}, {@code state-2}, ... */
    public static FixedRandomValues counting() {
        return new FixedRandomValues(true);
    }

    /** {@code state-1} every time. */
    public static FixedRandomValues constant() {
        return new FixedRandomValues(false);
    }

    private int next(AtomicInteger counter) {
        return counting ? counter.incrementAndGet() : 1;
    }

    @Override
    public State state() {
        return new State("state-" + next(states));
    }

    @Override
    public Nonce nonce() {
        return new Nonce("nonce-" + next(nonces));
    }

    @Override
    public CodeVerifier codeVerifier() {
        String n = Integer.toString(next(verifiers));
        return new CodeVerifier("verifier-" + n + "-" + "v".repeat(43 - 10 - n.length()));
    }

    @Override
    public SessionId sessionId() {
        return new SessionId("sid-" + next(sessions));
    }
}
