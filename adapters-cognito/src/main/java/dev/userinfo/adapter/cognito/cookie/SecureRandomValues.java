package dev.userinfo.adapter.cognito.cookie;

import dev.userinfo.domain.session.CodeVerifier;
import dev.userinfo.domain.session.Nonce;
import dev.userinfo.domain.session.RandomValues;
import dev.userinfo.domain.session.SessionId;
import dev.userinfo.domain.session.State;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Adapter for the {@link RandomValues} port, and the source of the cookies' AES-GCM IVs
 * ({@link JweSessionSealer}): one {@link SecureRandom} that {@link #renew()} replaces with a freshly
 * seeded one. Lambda SnapStart resumes many execution environments from one snapshot, generator state
 * included; a generator not renewed after the restore would hand the same {@code state}, {@code sid}
 * and IVs to every one of them, and a repeated IV under one AES-GCM key lets a forger compute tags
 * (AWS Lambda developer guide, "Handling uniqueness with Lambda SnapStart"; NIST SP 800-38D, section 8).
 * The Lambda's CRaC {@code afterRestore} hook calls {@link #renew()}.
 */
public final class SecureRandomValues implements RandomValues {

    /** 32 random octets: 256 bits, 43 base64url characters (RFC 7636, section 4.1, for the verifier). */
    static final int OCTETS = 32;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Supplier<SecureRandom> fresh;
    private volatile SecureRandom random;

    /** A DRBG (NIST SP 800-90A) seeded from the platform's entropy source, and renewed the same way. */
    public SecureRandomValues() {
        this(defaultGenerator());
    }

    /** Where {@link #SecureRandomValues()} takes its generators from: a new DRBG instantiation each time. */
    public static Supplier<SecureRandom> defaultGenerator() {
        return SecureRandomValues::drbg;
    }

    /** Renewed with {@code fresh}, starting from one generator of it. */
    public SecureRandomValues(Supplier<SecureRandom> fresh) {
        this(fresh.get(), fresh);
    }

    /**
     * Starting from {@code initial} (a test stands in a snapshot's generator with it), renewed with
     * {@code fresh}.
     */
    public SecureRandomValues(SecureRandom initial, Supplier<SecureRandom> fresh) {
        this.random = Objects.requireNonNull(initial, "initial");
        this.fresh = Objects.requireNonNull(fresh, "fresh");
    }

    /** Replaces the generator with a newly seeded one: after a SnapStart restore, before any request. */
    public void renew() {
        random = Objects.requireNonNull(fresh.get(), "fresh generator");
    }

    /** The generator in use now; an IV is drawn from it at each sealing. */
    SecureRandom current() {
        return random;
    }

    private String token() {
        byte[] bytes = new byte[OCTETS];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    @Override
    public State state() {
        return new State(token());
    }

    @Override
    public Nonce nonce() {
        return new Nonce(token());
    }

    @Override
    public CodeVerifier codeVerifier() {
        return new CodeVerifier(token());
    }

    @Override
    public SessionId sessionId() {
        return new SessionId(token());
    }

    private static SecureRandom drbg() {
        try {
            // A new instantiation draws a new seed from the entropy source on first use: after a restore.
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's DRBG (Java 9+) is missing", e);
        }
    }
}
