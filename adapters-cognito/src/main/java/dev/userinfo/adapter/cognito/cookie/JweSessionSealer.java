package dev.userinfo.adapter.cognito.cookie;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.userinfo.domain.session.CodeVerifier;
import dev.userinfo.domain.session.Nonce;
import dev.userinfo.domain.session.PendingSignIn;
import dev.userinfo.domain.session.PendingSignIns;
import dev.userinfo.domain.session.RefreshToken;
import dev.userinfo.domain.session.Session;
import dev.userinfo.domain.session.SessionId;
import dev.userinfo.domain.session.SessionSealer;
import dev.userinfo.domain.session.State;
import dev.userinfo.domain.session.Unsealed;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter for the {@link SessionSealer} port: each cookie is a compact JWE (RFC 7516) with
 * {@code alg=dir} and {@code enc=A256GCM} (RFC 7518, sections 4.5 and 5.3), built with nimbus-jose-jwt,
 * a {@code kid} naming the key and a {@code typ} naming the cookie's kind, so a login cookie never
 * opens as a session. The current key seals; any configured key opens, and a cookie under an older one
 * is reported for sealing again. Anything else is invalid, before any decryption where it can be told
 * from the header: another {@code alg}, {@code enc} or {@code typ}, a {@code zip}, any other header
 * parameter, an unknown {@code kid}, a value longer than this service writes; then a tag that does
 * not verify, or content that is not what was sealed. Times are whole seconds since the epoch.
 */
public final class JweSessionSealer implements SessionSealer {

    /** The session cookie's {@code typ}. */
    public static final JOSEObjectType SESSION_TYPE = new JOSEObjectType("userinfo-session");
    /** The login cookie's {@code typ}. */
    public static final JOSEObjectType SIGN_IN_TYPE = new JOSEObjectType("userinfo-login");
    /**
     * The longest session value opened: two cookies' worth, since a session with many groups is split
     * over two (BFF.md, Cookies); each is at most 4,096 bytes (RFC 6265, section 6.1).
     */
    public static final int MAX_SESSION_CHARS = 2 * 4096;
    /** The longest login value opened: one cookie's worth. */
    public static final int MAX_SIGN_IN_CHARS = 4096;

    private static final Set<String> ALLOWED_HEADER_PARAMETERS = Set.of("alg", "enc", "kid", "typ");
    private static final Logger log = LoggerFactory.getLogger(JweSessionSealer.class);

    private final SessionKeys keys;
    private final SecureRandomValues random;
    /** One decrypter per key, made once: building one per cookie cost more than the decryption. */
    private final Map<String, DirectDecrypter> decrypters = new LinkedHashMap<>();

    /**
     * @param keys   the first seals, all open
     * @param random the generator IVs are drawn from; renewed after a SnapStart restore
     */
    public JweSessionSealer(SessionKeys keys, SecureRandomValues random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.random = Objects.requireNonNull(random, "random");
        for (String kid : keys.kids()) {
            try {
                decrypters.put(kid, new DirectDecrypter(keys.get(kid)));
            } catch (JOSEException e) {
                throw new IllegalStateException("a 32-byte AES key always makes a decrypter", e);
            }
        }
    }

    @Override
    public String sealSession(Session session) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sid", session.sid().value());
        json.put("sub", session.sub());
        json.put("username", session.username());
        json.put("groups", session.groups());
        json.put("iat", session.issuedAt().getEpochSecond());
        json.put("lastSeen", session.lastSeen().getEpochSecond());
        json.put("absExp", session.absoluteExpiry().getEpochSecond());
        json.put("atExp", session.accessTokenExpiry().getEpochSecond());
        json.put("refresh_token", session.refreshToken().value());
        return seal(SESSION_TYPE, json);
    }

    @Override
    public Unsealed<Session> openSession(String sealed) {
        return open(sealed, SESSION_TYPE, MAX_SESSION_CHARS, json -> new Session(
                new SessionId(string(json, "sid")),
                string(json, "sub"),
                string(json, "username"),
                JSONObjectUtils.getStringList(json, "groups"),
                instant(json, "iat"),
                instant(json, "lastSeen"),
                instant(json, "absExp"),
                instant(json, "atExp"),
                new RefreshToken(string(json, "refresh_token"))));
    }

    @Override
    public String sealSignIns(PendingSignIns signIns) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (PendingSignIn p : signIns.entries()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("state", p.state().value());
            entry.put("nonce", p.nonce().value());
            entry.put("code_verifier", p.codeVerifier().value());
            entry.put("returnTo", p.returnTo());
            entry.put("redirect_uri", p.redirectUri().toString());
            entry.put("exp", p.expiresAt().getEpochSecond());
            entries.add(entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("signIns", entries);
        return seal(SIGN_IN_TYPE, json);
    }

    @Override
    public Unsealed<PendingSignIns> openSignIns(String sealed) {
        return open(sealed, SIGN_IN_TYPE, MAX_SIGN_IN_CHARS, json -> {
            List<PendingSignIn> entries = new ArrayList<>();
            for (Map<String, Object> entry : JSONObjectUtils.getJSONObjectArray(json, "signIns")) {
                entries.add(new PendingSignIn(
                        new State(string(entry, "state")),
                        new Nonce(string(entry, "nonce")),
                        new CodeVerifier(string(entry, "code_verifier")),
                        string(entry, "returnTo"),
                        URI.create(string(entry, "redirect_uri")),
                        instant(entry, "exp")));
            }
            return new PendingSignIns(entries);
        });
    }

    private String seal(JOSEObjectType type, Map<String, Object> json) {
        JWEObject jwe = new JWEObject(
                new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(keys.currentKid()).type(type).build(),
                new Payload(JSONObjectUtils.toJSONString(json)));
        try {
            DirectEncrypter encrypter = new DirectEncrypter(keys.current());
            // The IV comes from the generator renewed after each SnapStart restore, never a snapshot's.
            encrypter.getJCAContext().setSecureRandom(random.current());
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("A256GCM with a 32-byte key always encrypts", e);
        }
        return jwe.serialize();
    }

    /** Reads the content of a decrypted payload; any failure means content this service did not seal. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(Map<String, Object> json) throws ParseException;
    }

    private <T> Unsealed<T> open(String sealed, JOSEObjectType type, int maxChars, Reader<T> reader) {
        if (sealed == null || sealed.isEmpty()) {
            return invalid(Unsealed.Reason.MALFORMED);
        }
        if (sealed.length() > maxChars) {
            return invalid(Unsealed.Reason.OVERSIZE);
        }
        JWEObject jwe;
        try {
            jwe = parse(sealed);
        } catch (ParseException | RuntimeException e) {
            return invalid(Unsealed.Reason.MALFORMED);
        }
        JWEHeader header = jwe.getHeader();
        if (!JWEAlgorithm.DIR.equals(header.getAlgorithm())
                || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
                || header.getCompressionAlgorithm() != null
                || !type.equals(header.getType())
                || !ALLOWED_HEADER_PARAMETERS.containsAll(header.getIncludedParams())) {
            return invalid(Unsealed.Reason.DISALLOWED_HEADER);
        }
        DirectDecrypter decrypter = header.getKeyID() == null ? null : decrypters.get(header.getKeyID());
        if (decrypter == null) {
            return invalid(Unsealed.Reason.UNKNOWN_KEY);
        }
        try {
            jwe.decrypt(decrypter);
        } catch (JOSEException | RuntimeException e) {
            return invalid(Unsealed.Reason.BAD_TAG);
        }
        T value;
        try {
            value = reader.read(JSONObjectUtils.parse(jwe.getPayload().toString()));
        } catch (ParseException | RuntimeException e) {
            // Sealed under our key yet not our content: a bug or a leaked key, worth more than a debug line.
            log.warn("a {} cookie decrypted but does not hold what is sealed: {}", type, e.getClass().getSimpleName());
            return invalid(Unsealed.Reason.BAD_CONTENT);
        }
        return new Unsealed.Valid<>(value, !keys.currentKid().equals(header.getKeyID()));
    }

    /**
     * The library's JWE object over the five parts of the compact serialization (RFC 7516, section
     * 7.1), each decoded by the JDK's base64url decoder: the library's own runs in constant time, which
     * guards secret key material but doubled the cost of opening a cookie, whose parts (header, IV,
     * ciphertext, tag) are no secret to whoever holds it.
     */
    private static JWEObject parse(String compact) throws ParseException {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 5 || parts[0].isEmpty() || parts[2].isEmpty() || parts[3].isEmpty() || parts[4].isEmpty()) {
            throw new ParseException("not the five parts of a compact JWE", 0);
        }
        return new JWEObject(new PublicPart(parts[0]), parts[1].isEmpty() ? null : new PublicPart(parts[1]),
                new PublicPart(parts[2]), new PublicPart(parts[3]), new PublicPart(parts[4]));
    }

    /** A part of a cookie's JWE, decoded with the JDK's (strict, not constant-time) base64url decoder. */
    private static final class PublicPart extends Base64URL {

        private static final long serialVersionUID = 1L;
        private static final java.util.Base64.Decoder DECODER = java.util.Base64.getUrlDecoder();

        PublicPart(String part) {
            super(part);
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    throw new IllegalArgumentException("not base64url");
                }
            }
        }

        @Override
        public byte[] decode() {
            return DECODER.decode(toString());
        }
    }

    private static <T> Unsealed<T> invalid(Unsealed.Reason reason) {
        log.debug("cookie refused: {}", reason);
        return new Unsealed.Invalid<>(reason);
    }

    private static String string(Map<String, Object> json, String name) throws ParseException {
        String value = JSONObjectUtils.getString(json, name);
        if (value == null) {
            throw new ParseException("missing " + name, 0);
        }
        return value;
    }

    private static Instant instant(Map<String, Object> json, String name) throws ParseException {
        if (!(json.get(name) instanceof Number)) {
            throw new ParseException("missing " + name, 0);
        }
        return Instant.ofEpochSecond(JSONObjectUtils.getLong(json, name));
    }

    @Override
    public String toString() {
        return "JweSessionSealer[" + keys + "]";
    }
}
