package dev.userinfo.adapter.cognito.oauth;

/**
 * An app client's secret ({@code COGNITO_CLIENT_SECRET}, or the Lambda's Secrets Manager secret),
 * sent to the token and revocation endpoints by HTTP Basic (RFC 6749, section 2.3.1). Redacts itself.
 *
 * @param value the secret as Cognito generated it: printable ASCII, no spaces
 */
public record ClientSecret(String value) {

    /** Longer than any secret Cognito generates (its API documents up to 64 characters). */
    public static final int MAX_LENGTH = 128;

    public ClientSecret {
        if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("a client secret is printable ASCII without spaces");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a client secret has at most " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "ClientSecret[redacted]";
    }
}
