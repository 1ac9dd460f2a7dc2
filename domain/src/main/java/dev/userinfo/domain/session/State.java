package dev.userinfo.domain.session;

/**
 * The OAuth 2.0 {@code state} of one pending sign-in (RFC 6749, section 10.12): a random value the
 * callback must echo, binding it to the browser that started the sign-in. Redacts itself.
 *
 * @param value printable ASCII, at most {@value #MAX_CHARS} characters
 */
public record State(String value) {

    /** Ours are 43 characters; a callback's {@code state} beyond this is nobody's. */
    public static final int MAX_CHARS = 256;

    public State {
        Secrets.requirePrintable(value, "a state", MAX_CHARS);
    }

    /** Whether {@code candidate} is this state, compared in constant time; false for null. */
    public boolean matches(String candidate) {
        return Secrets.equal(value, candidate);
    }

    @Override
    public String toString() {
        return Secrets.redacted("State", value);
    }
}
