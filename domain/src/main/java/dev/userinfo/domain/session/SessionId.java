package dev.userinfo.domain.session;

/**
 * The random id of one session ({@code sid}), new at every completed sign-in. It is what a log line
 * or a future server-side store would name a session by; it redacts itself all the same, since a
 * store would let it grant access.
 *
 * @param value printable ASCII, at most {@value #MAX_CHARS} characters
 */
public record SessionId(String value) {

    public static final int MAX_CHARS = 128;

    public SessionId {
        Secrets.requirePrintable(value, "a session id", MAX_CHARS);
    }

    @Override
    public String toString() {
        return Secrets.redacted("SessionId", value);
    }
}
