package dev.userinfo.application;

import dev.userinfo.domain.BearerToken;
import java.util.Optional;

/**
 * Reads the token from an {@code Authorization} header: {@code Bearer <jwt>} with the scheme in any
 * case, or a bare {@code <jwt>} as the original frontend sent it. A blank value counts as no token.
 */
final class BearerExtraction {

    /** What the header held. */
    sealed interface Result {
        record Missing() implements Result {
        }

        record Present(BearerToken token) implements Result {
        }

        /** Another scheme (Basic, Digest, ...): the client sent credentials this endpoint does not take. */
        record UnsupportedScheme() implements Result {
        }
    }

    private static final String BEARER = "bearer";

    private BearerExtraction() {
    }

    static Result extract(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return new Result.Missing();
        }
        String value = header.get().strip();
        if (value.equalsIgnoreCase(BEARER)) {
            // "Bearer " with its token missing, after the trailing space was stripped.
            return new Result.Missing();
        }
        int space = indexOfWhitespace(value);
        if (space < 0) {
            return new Result.Present(new BearerToken(value));
        }
        String scheme = value.substring(0, space);
        if (!scheme.equalsIgnoreCase(BEARER)) {
            return new Result.UnsupportedScheme();
        }
        // Never empty: the value was stripped, so something other than whitespace ends it.
        return new Result.Present(new BearerToken(value.substring(space).strip()));
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
