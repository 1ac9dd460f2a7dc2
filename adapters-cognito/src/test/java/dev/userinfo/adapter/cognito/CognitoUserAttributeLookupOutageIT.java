package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.adapter.cognito.emulator.CognitoLocal;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.DependencyUnavailableException.Dependency;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The pool going away and coming back, with an emulator of this test's own. */
class CognitoUserAttributeLookupOutageIT {

    /** The sub these lookups expect; the adapter answers with the pool's record whatever it is. */
    private static final String TOKEN_SUB = "00000000-0000-4000-8000-00000000c0de";

    private static final Duration BUDGET = Duration.ofSeconds(5);

    private CognitoLocal emulator;
    private CognitoIdentityProviderClient client;

    @BeforeEach
    void startEmulator() {
        emulator = CognitoLocal.start();
        // The production defaults: CognitoClients' timeouts and standard retries, nothing shortened.
        client = CognitoClients.create(
                CognitoLocal.REGION, Optional.of(emulator.endpoint()), CognitoLocal.credentials(), List.of());
    }

    @AfterEach
    void stopEmulator() {
        client.close();
        emulator.close();
    }

    @Test
    void stoppedEmulator_isUnavailableWithinTheBudget_andLookupsSucceedAgainAfterRestartAndTheBackOff() {
        String poolId = emulator.createUserPool("outage");
        String username = emulator.createUser(poolId, "olga", "Passw0rd!", Map.of("nickname", "Olga"));
        MutableClock clock = new MutableClock();
        CognitoUserAttributeLookup lookup = new CognitoUserAttributeLookup(client, poolId, clock);
        CachingUserAttributeLookup cached = new CachingUserAttributeLookup(lookup,
                CachingUserAttributeLookup.Policy.of(Duration.ofSeconds(60), Duration.ZERO, 100));
        assertEquals(Optional.of("Olga"), lookup.lookup(username, TOKEN_SUB).attribute("nickname"));

        emulator.stop();
        long start = System.nanoTime();
        DependencyUnavailableException e =
                assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(username, TOKEN_SUB));
        Duration detected = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("MEASURED stopped emulator -> unavailable after " + detected.toMillis() + " ms");
        assertEquals(Dependency.USER_POOL, e.dependency());
        assertTrue(detected.compareTo(BUDGET) < 0, "took " + detected);
        // The cache does not keep the failure either.
        assertThrows(DependencyUnavailableException.class, () -> cached.lookup(username, TOKEN_SUB));

        emulator.restart();

        // Two of the last three calls failed: the lookup backs off, and asks again after the first wait.
        DependencyUnavailableException backingOff =
                assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(username, TOKEN_SUB));
        assertTrue(backingOff.getCause() instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException,
                String.valueOf(backingOff.getCause()));
        clock.advance(CognitoUserAttributeLookup.BACK_OFF_FIRST_WAIT.plusMillis(1));
        assertEquals(Optional.of("Olga"), lookup.lookup(username, TOKEN_SUB).attribute("nickname"));
        assertEquals(Optional.of("Olga"), cached.lookup(username, TOKEN_SUB).attribute("nickname"));
    }
}
