package dev.userinfo.application;

import java.util.Objects;

/**
 * What became of a request, for the access log: a short label, the reason behind a refusal, and the
 * user's {@code sub} when it is known. Never a token, never an email.
 */
public record RequestOutcome(String label, String reason, String sub) {

    public RequestOutcome {
        Objects.requireNonNull(label, "label");
    }

    static RequestOutcome of(String label) {
        return new RequestOutcome(label, null, null);
    }
}
