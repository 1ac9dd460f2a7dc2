package dev.userinfo.domain.session;

import java.util.Objects;

/**
 * What opening a sealed cookie gave: its value, or why it could not be opened (for the log only).
 *
 * @param <T> the sealed value's type
 */
public sealed interface Unsealed<T> {

    /**
     * The value.
     *
     * @param underOldKey true when it was sealed under a key that no longer seals: the caller seals it
     *                    again, under the current key
     */
    record Valid<T>(T value, boolean underOldKey) implements Unsealed<T> {
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Not a cookie this service sealed, or one it can no longer read; never a reason to answer 500. */
    record Invalid<T>(Reason reason) implements Unsealed<T> {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a cookie could not be opened. */
    enum Reason {
        /** Longer than any cookie this service writes. */
        OVERSIZE,
        /** Not a compact JWE, or its parts do not decode. */
        MALFORMED,
        /** An {@code alg}, {@code enc}, {@code zip}, {@code typ} or other header this service never writes. */
        DISALLOWED_HEADER,
        /** A {@code kid} that names none of the configured keys (or a key rotated out). */
        UNKNOWN_KEY,
        /** The authentication tag does not verify: tampered, truncated, or sealed under another key. */
        BAD_TAG,
        /** Decrypted, but its content is not what this service seals. */
        BAD_CONTENT
    }
}
