package dev.userinfo.domain.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks shared by the value types that grant access: shape, and comparison in constant time. */
final class Secrets {

    private Secrets() {
    }

    /**
     * @throws IllegalArgumentException when {@code value} is null, blank, longer than {@code maxChars},
     *                                  or holds a character outside printable ASCII (0x21–0x7E)
     */
    static void requirePrintable(String value, String name, int maxChars) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        if (value.length() > maxChars) {
            throw new IllegalArgumentException(name + " must be at most " + maxChars + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException(name + " must be printable ASCII without spaces");
            }
        }
    }

    /** Whether two secrets are equal, in time that does not depend on where they first differ. */
    static boolean equal(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    static String redacted(String type, String value) {
        return type + "[redacted, " + value.length() + " chars]";
    }
}
