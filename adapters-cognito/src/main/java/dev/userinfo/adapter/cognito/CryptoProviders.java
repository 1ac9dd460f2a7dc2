package dev.userinfo.adapter.cognito;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Which JCA provider checks the tokens' RS256 signatures (and hashes them for the
 * {@link VerifiedTokenCache}): the Amazon Corretto Crypto Provider (ACCP, native AWS-LC, the provider
 * AWS recommends for Java on Lambda) where this platform has its native library, the JDK's own
 * everywhere else (macOS, Windows, a Linux of another architecture than the jar's). ACCP is
 * installed without its {@code SecureRandom}, so random numbers stay the JDK's. Call
 * {@link #installPreferred()} once at start-up, before the first token is checked; the caller logs
 * what {@link InUse#describe()} says.
 */
public final class CryptoProviders {

    /** ACCP's switch for offering {@code SecureRandom} (read when its class initialises). */
    static final String ACCP_REGISTER_SECURE_RANDOM = "com.amazon.corretto.crypto.provider.registerSecureRandom";

    private static InUse installed;

    private CryptoProviders() {
    }

    /**
     * What verifies signatures in this JVM.
     *
     * @param provider the JCA provider's name ({@code AmazonCorrettoCryptoProvider}, or {@code SunRsaSign}
     *                 and {@code SUN} for the JDK's)
     * @param version  the native provider's version, or the Java version for the JDK's
     * @param fallback why the native provider is not in use; null when it is
     */
    public record InUse(String provider, String version, String fallback) {

        /** Whether the native provider is in use. */
        public boolean isNative() {
            return fallback == null;
        }

        /** One line for the start-up log, e.g. {@code crypto provider: AmazonCorrettoCryptoProvider 2.5.0 (native)}. */
        public String describe() {
            return isNative()
                    ? "crypto provider: " + provider + " " + version + " (native)"
                    : "crypto provider: the JDK's (" + provider + ", Java " + version + "); the native provider is not available here: "
                            + fallback;
        }
    }

    /**
     * Installs ACCP as the most preferred provider if its native library loads on this platform;
     * otherwise leaves the JDK's providers as they are. Idempotent: later calls answer the first one's outcome.
     */
    public static synchronized InUse installPreferred() {
        if (installed == null) {
            // A lambda, not a method reference: linking a reference to Accp.loaded would verify Accp, and
            // so load ACCP's classes, here, outside install's fallback.
            installed = install(() -> Accp.loaded());
        }
        return installed;
    }

    /**
     * Installs the provider {@code nativeProvider} supplies at the head of the JVM's list, or, when it
     * throws (no such class, no native library for this platform), installs nothing.
     */
    static InUse install(Supplier<Provider> nativeProvider) {
        Provider provider;
        try {
            provider = Objects.requireNonNull(nativeProvider.get(), "provider");
        } catch (RuntimeException | LinkageError e) {
            return new InUse("SunRsaSign", Runtime.version().toString(), e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (Security.getProviders()[0] != provider) {
            Security.removeProvider(provider.getName());
            Security.insertProviderAt(provider, 1);
        }
        return new InUse(provider.getName(), provider.getVersionStr(), null);
    }

    /**
     * The one place that names ACCP's classes. Kept apart so that linking {@link CryptoProviders} never
     * loads them: on a class path without ACCP's jar, {@link #loaded()} throws a
     * {@code NoClassDefFoundError}, which {@link #install} turns into the fallback.
     */
    private static final class Accp {

        private Accp() {
        }

        /**
         * ACCP, if its native library loaded. Loading the class tries the library; a platform without
         * one records the failure rather than throwing it. Its self-tests run on each algorithm's first use.
         */
        static Provider loaded() {
            // Signatures and digests only: random numbers stay the JDK's, which the Lambda Java runtime
            // keeps unique across SnapStart restores. (An operator's own -D setting wins.)
            if (System.getProperty(ACCP_REGISTER_SECURE_RANDOM) == null) {
                System.setProperty(ACCP_REGISTER_SECURE_RANDOM, "false");
            }
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable error = accp.getLoadingError();
            if (error != null) {
                throw new IllegalStateException("its native library did not load (" + error.getClass().getSimpleName() + ")", error);
            }
            return accp;
        }
    }
}
