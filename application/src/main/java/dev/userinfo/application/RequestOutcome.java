package dev.userinfo.application;

import java.util.Objects;

/**
 * What became of a request, for the access log: a short label, the reason behind a refusal, the
 * user's {@code sub} when it is known, and for an answered profile where it came from. Never a token,
 * never an email.
 *
 * @param profile for a 200 with a profile: {@code pool} (the pool's record, asked now or cached within
 *                its time-to-live), {@code stale} (the pool's last known record, answered because the
 *                pool could not answer now) or {@code id_token} (the ID token's own claims); else null
 */
public record RequestOutcome(String label, String reason, String sub, String profile) {

    public RequestOutcome {
        Objects.requireNonNull(label, "label");
    }

    /** An outcome without a profile. */
    public RequestOutcome(String label, String reason, String sub) {
        this(label, reason, sub, null);
    }

    static RequestOutcome of(String label) {
        return new RequestOutcome(label, null, null, null);
    }
}
