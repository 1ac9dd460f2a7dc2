package dev.userinfo.adapter.cognito.cookie;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cookie keys ({@code SESSION_KEYS}): AES-256 keys, each with a key id. The first seals; every one
 * opens, so a key can be rotated in ahead of use and out after the longest session (BFF.md, Cookies).
 * Redacts itself: only the key ids show.
 */
public final class SessionKeys {

    /** AES-256 (A256GCM, RFC 7518, section 5.3): 32 bytes. */
    public static final int KEY_BYTES = 32;

    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");

    private final Map<String, SecretKey> keys;
    private final String currentKid;

    private SessionKeys(Map<String, SecretKey> keys, String currentKid) {
        this.keys = keys;
        this.currentKid = currentKid;
    }

    /**
     * Reads {@code kid:base64url(32 bytes)} entries separated by commas, the first the current one.
     *
     * @throws IllegalArgumentException naming the entry (by position and kid, never the key) when one
     *                                  is not that shape, a key is not 32 bytes, or a kid repeats
     */
    public static SessionKeys parse(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String[] entries = text.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            String where = "key " + (i + 1);
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where + " is not kid:base64url(32 bytes)");
            }
            String kid = entry.substring(0, colon);
            String encoded = entry.substring(colon + 1);
            if (!KID.matcher(kid).matches()) {
                throw new IllegalArgumentException(where + " has a kid that is not 1 to 64 of A-Z a-z 0-9 . _ -");
            }
            where += " (" + kid + ")";
            byte[] bytes;
            try {
                if (!BASE64URL.matcher(encoded).matches()) {
                    throw new IllegalArgumentException("not base64url");
                }
                bytes = Base64.getUrlDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " is not base64url (A-Z a-z 0-9 - _)");
            }
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException(where + " is " + bytes.length + " bytes; an AES-256 key is "
                        + KEY_BYTES + " (make one with: openssl rand 32 | basenc --base64url)");
            }
            if (keys.putIfAbsent(kid, new SecretKeySpec(bytes, "AES")) != null) {
                throw new IllegalArgumentException(where + ": the kid is given twice");
            }
        }
        return new SessionKeys(keys, keys.keySet().iterator().next());
    }

    /**
     * One key made now by the JDK's AES key generator (256 bits, from its default strong source of
     * randomness), for a process whose cookies need to outlive nothing but itself: the local
     * server's embedded mode. Deployments configure theirs ({@link #parse}).
     *
     * @param kid the key id, 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     * @throws IllegalArgumentException when the kid is not that shape
     */
    public static SessionKeys generate(String kid) {
        Objects.requireNonNull(kid, "kid");
        if (!KID.matcher(kid).matches()) {
            throw new IllegalArgumentException("the kid is not 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        SecretKey key;
        try {
            javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8);
            key = generator.generateKey();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has AES (Java Security Standard Algorithm Names)", e);
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(kid, key);
        return new SessionKeys(keys, kid);
    }

    /** The kid of the key that seals. */
    public String currentKid() {
        return currentKid;
    }

    SecretKey current() {
        return keys.get(currentKid);
    }

    /** The key with {@code kid}, or null. */
    SecretKey get(String kid) {
        return kid == null ? null : keys.get(kid);
    }

    /** Every kid, the current one first. */
    public List<String> kids() {
        return new ArrayList<>(keys.keySet());
    }

    @Override
    public String toString() {
        return "SessionKeys[kids=" + kids() + ", keys redacted]";
    }
}
