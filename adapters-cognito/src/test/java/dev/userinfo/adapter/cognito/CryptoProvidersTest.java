package dev.userinfo.adapter.cognito;

import static dev.userinfo.adapter.cognito.TestTokens.SUB;
import static dev.userinfo.adapter.cognito.TestTokens.idToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.userinfo.domain.BearerToken;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Both ways start-up can go: the native provider installed first where its library loads (Linux
 * x86_64 and aarch64, the platforms the build ships a jar for), and the JDK's providers left alone
 * where it cannot load, forced here by a native provider that fails as on a platform without the library.
 */
class CryptoProvidersTest {

    private static final String ACCP = "AmazonCorrettoCryptoProvider";

    private List<String> providersBefore;

    @BeforeEach
    void rememberTheProviders() {
        providersBefore = providerNames();
    }

    /**
     * The JVM's provider list is global: a provider this class installed would change what every later
     * test in the same fork verifies with (e.g. ACCP builds RSA keys the JDK refuses), so it is undone.
     */
    @AfterEach
    void restoreTheProviders() {
        for (String name : providerNames()) {
            if (!providersBefore.contains(name)) {
                Security.removeProvider(name);
            }
        }
    }

    private static List<String> providerNames() {
        return Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
    }

    @Test
    void aNativeProviderWhoseLibraryDoesNotLoad_leavesTheJdksProvidersAsTheyAre() throws Exception {
        List<String> before = providerNames();
        String rsaBefore = Signature.getInstance("SHA256withRSA").getProvider().getName();

        CryptoProviders.InUse inUse = CryptoProviders.install(() -> {
            throw new UnsatisfiedLinkError("no libamazonCorrettoCryptoProvider for mac-aarch64");
        });

        assertFalse(inUse.isNative());
        assertEquals("SunRsaSign", inUse.provider());
        assertEquals("UnsatisfiedLinkError: no libamazonCorrettoCryptoProvider for mac-aarch64", inUse.fallback());
        assertEquals(before, providerNames());
        assertEquals(rsaBefore, Signature.getInstance("SHA256withRSA").getProvider().getName());
        assertTrue(inUse.describe().startsWith("crypto provider: the JDK's (SunRsaSign, Java "), inUse.describe());
        assertTrue(inUse.describe().endsWith("not available here: UnsatisfiedLinkError: no libamazonCorrettoCryptoProvider for mac-aarch64"),
                inUse.describe());
    }

    @Test
    void aMissingProviderClass_fallsBackToo() {
        CryptoProviders.InUse inUse = CryptoProviders.install(() -> {
            throw new NoClassDefFoundError();
        });

        assertFalse(inUse.isNative());
        assertEquals("NoClassDefFoundError", inUse.fallback());
    }

    /**
     * The real {@link CryptoProviders#installPreferred()} on a class path without ACCP's jar (a zip
     * packaged without it): start-up goes on with the JDK's providers instead of failing to link.
     */
    @Test
    void withoutTheProvidersJar_startUpFallsBack_ratherThanFailingToLink() throws Exception {
        URL classes = CryptoProviders.class.getProtectionDomain().getCodeSource().getLocation();
        List<String> before = providerNames();
        try (URLClassLoader withoutAccp = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> isolated = withoutAccp.loadClass(CryptoProviders.class.getName());
            assertThrows(ClassNotFoundException.class, () -> withoutAccp.loadClass(
                    "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider"));

            Object inUse = isolated.getMethod("installPreferred").invoke(null);

            Method describe = inUse.getClass().getMethod("describe");
            String line = (String) describe.invoke(inUse);
            assertTrue(line.startsWith("crypto provider: the JDK's (SunRsaSign, Java "), line);
            assertTrue(line.contains("not available here: NoClassDefFoundError"), line);
            assertEquals(before, providerNames());
        }
    }

    @Test
    void aProviderThatLoads_isInstalledFirst_once() {
        Provider fake = new Provider("UserinfoTestProvider", "1.0", "a provider that provides nothing") {
            private static final long serialVersionUID = 1L;
        };
        try {
            CryptoProviders.InUse first = CryptoProviders.install(() -> fake);
            CryptoProviders.InUse second = CryptoProviders.install(() -> fake);

            assertTrue(first.isNative());
            assertEquals(first, second);
            assertSame(fake, Security.getProviders()[0]);
            assertEquals(1, providerNames().stream().filter("UserinfoTestProvider"::equals).count());
            assertEquals("crypto provider: UserinfoTestProvider 1.0 (native)", first.describe());
        } finally {
            Security.removeProvider("UserinfoTestProvider");
        }
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "aarch64"})
    void onLinux_theAmazonCorrettoCryptoProviderChecksTheSignatures() throws Exception {
        CryptoProviders.InUse inUse = CryptoProviders.installPreferred();

        assertTrue(inUse.isNative(), inUse.describe());
        assertEquals(ACCP, inUse.provider());
        assertSame(inUse, CryptoProviders.installPreferred());
        assertEquals(ACCP, Security.getProviders()[0].getName());
        assertEquals(ACCP, Signature.getInstance("SHA256withRSA").getProvider().getName());
        assertEquals(ACCP, MessageDigest.getInstance("SHA-256").getProvider().getName());
        // Random numbers stay the JDK's (SnapStart-safe in the Lambda Java runtime).
        assertTrue(new SecureRandom().getProvider().getName().startsWith("SUN"), new SecureRandom().getProvider().getName());
        assertEquals(null, Security.getProviders()[0].getService("SecureRandom", "DEFAULT"));

        // The whole check through the library, signature by the native provider: still verifies.
        RSAKey key = TestTokens.newRsaKey("accp-key");
        CognitoTokenParser parser = new CognitoTokenParser(TestTokens.settings(URI.create("http://127.0.0.1:9/unused")),
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
        assertEquals(SUB, parser.parse(new BearerToken(idToken(key).compact())).sub());
    }
}
