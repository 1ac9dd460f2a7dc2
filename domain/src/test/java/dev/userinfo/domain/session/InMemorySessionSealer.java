package dev.userinfo.domain.session;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sealer fake: each distinct value gets a stable handle ({@code session-1}, {@code signins-1}, ...),
 * so equal values seal to equal cookies and an answer can be compared byte for byte; a handle it did
 * not hand out is {@code MALFORMED}. Values registered under a handle of the test's choosing stand for
 * cookies a browser brings; {@link #registerUnderOldKey} for ones sealed under a rotated-out key.
 * Shared through the domain's test-jar.
 */
public final class InMemorySessionSealer implements SessionSealer {

    private final Map<String, Object> byHandle = new ConcurrentHashMap<>();
    private final Map<Object, String> handles = new ConcurrentHashMap<>();
    private final Map<String, Boolean> oldKey = new ConcurrentHashMap<>();

    /** Makes {@code handle} open as {@code value}, and {@code value} seal to {@code handle} (the first handle registered for it). */
    public InMemorySessionSealer register(String handle, Object value) {
        byHandle.put(handle, Objects.requireNonNull(value, "value"));
        handles.putIfAbsent(value, handle);
        return this;
    }

    /** Makes {@code handle} open as {@code value}, sealed under a key that no longer seals; sealing never gives it. */
    public InMemorySessionSealer registerUnderOldKey(String handle, Object value) {
        oldKey.put(handle, true);
        byHandle.put(handle, Objects.requireNonNull(value, "value"));
        return this;
    }

    private synchronized String seal(String kind, Object value) {
        return handles.computeIfAbsent(value, v -> {
            String handle = kind + "-" + (handles.size() + 1);
            byHandle.put(handle, v);
            return handle;
        });
    }

    private <T> Unsealed<T> open(String sealed, Class<T> type) {
        Object value = sealed == null ? null : byHandle.get(sealed);
        if (!type.isInstance(value)) {
            return new Unsealed.Invalid<>(Unsealed.Reason.MALFORMED);
        }
        return new Unsealed.Valid<>(type.cast(value), oldKey.getOrDefault(sealed, false));
    }

    @Override
    public String sealSession(Session session) {
        return seal("session", session);
    }

    @Override
    public Unsealed<Session> openSession(String sealed) {
        return open(sealed, Session.class);
    }

    @Override
    public String sealSignIns(PendingSignIns signIns) {
        return seal("signins", signIns);
    }

    @Override
    public Unsealed<PendingSignIns> openSignIns(String sealed) {
        return open(sealed, PendingSignIns.class);
    }
}
