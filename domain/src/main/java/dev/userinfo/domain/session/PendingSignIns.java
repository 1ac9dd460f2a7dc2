package dev.userinfo.domain.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sign-ins one browser has pending, oldest first, at most {@value #MAX}: several tabs may sign in
 * at once, and a fourth start evicts the oldest (BFF.md, Cookies). What the login cookie holds.
 */
public record PendingSignIns(List<PendingSignIn> entries) {

    /** At most this many pending sign-ins per browser. */
    public static final int MAX = 3;

    private static final PendingSignIns NONE = new PendingSignIns(List.of());

    public PendingSignIns {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        if (entries.size() > MAX) {
            throw new IllegalArgumentException("at most " + MAX + " pending sign-ins");
        }
    }

    public static PendingSignIns none() {
        return NONE;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** These, without the ones no callback may finish any more at {@code now}. */
    public PendingSignIns liveAt(Instant now) {
        return new PendingSignIns(entries.stream().filter(p -> p.isLiveAt(now)).toList());
    }

    /** These plus {@code started}, newest last; the oldest leaves when there would be more than {@value #MAX}. */
    public PendingSignIns with(PendingSignIn started) {
        List<PendingSignIn> next = new ArrayList<>(entries);
        next.add(Objects.requireNonNull(started, "started"));
        while (next.size() > MAX) {
            next.remove(0);
        }
        return new PendingSignIns(next);
    }

    /** The one whose state is {@code state} (compared in constant time), if any. */
    public Optional<PendingSignIn> find(String state) {
        PendingSignIn found = null;
        for (PendingSignIn entry : entries) {
            // Every entry is compared, so the time taken says nothing about which one matched.
            if (entry.state().matches(state)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    /** These without {@code finished}. */
    public PendingSignIns without(PendingSignIn finished) {
        return new PendingSignIns(entries.stream().filter(p -> !p.equals(finished)).toList());
    }

    @Override
    public String toString() {
        return "PendingSignIns[" + entries.size() + "]";
    }
}
