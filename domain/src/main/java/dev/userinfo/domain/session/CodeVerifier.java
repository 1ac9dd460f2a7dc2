package dev.userinfo.domain.session;

import java.util.regex.Pattern;

/**
 * A PKCE code verifier (RFC 7636, section 4.1): 43 to 128 characters of
 * {@code [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"}. It proves at the token endpoint that the
 * browser finishing a sign-in is the one that started it. Redacts itself.
 */
public record CodeVerifier(String value) {

    /** RFC 7636, section 4.1: {@code code-verifier = 43*128unreserved}. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    public CodeVerifier {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a code verifier is 43 to 128 unreserved characters (RFC 7636, 4.1)");
        }
    }

    @Override
    public String toString() {
        return Secrets.redacted("CodeVerifier", value);
    }
}
