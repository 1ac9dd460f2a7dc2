package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.adapter.cognito.emulator.CognitoLocal;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.UserNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/** The Cognito adapter and its cache against a real emulator (cognito-local). */
class CognitoUserAttributeLookupIT {

    /** The sub these lookups expect; the adapter answers with the pool's record whatever it is. */
    private static final String TOKEN_SUB = "00000000-0000-4000-8000-00000000c0de";

    private static final Duration TTL = Duration.ofSeconds(60);
    /** 80 % of the TTL: the cache reloads a record read after this. */
    private static final Duration REFRESH_AT = Duration.ofSeconds(48);
    private static final String PASSWORD = "Passw0rd!";

    private static CognitoLocal emulator;
    private static String poolId;
    private static final OperationCounter adminGetUser = new OperationCounter("AdminGetUser");
    private static CognitoIdentityProviderClient client;

    private final FakeTicker ticker = new FakeTicker();
    private CognitoUserAttributeLookup lookup;
    private CachingUserAttributeLookup cached;

    @BeforeAll
    static void startEmulator() {
        emulator = CognitoLocal.start();
        poolId = emulator.createUserPool("lookup-it");
        client = CognitoClients.create(
                CognitoLocal.REGION, Optional.of(emulator.endpoint()), CognitoLocal.credentials(), List.of(adminGetUser));
    }

    @AfterAll
    static void stopEmulator() {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void freshLookups() {
        adminGetUser.reset();
        lookup = new CognitoUserAttributeLookup(client, poolId);
        // Reloads run on the caller's thread here, so the test sees each one's effect at once.
        cached = new CachingUserAttributeLookup(lookup, new CachingUserAttributeLookup.Policy(TTL, Duration.ofSeconds(900),
                10_000, 0.8, 0), ticker, Runnable::run, () -> 0);
    }

    private static String givenUser(String prefix, Map<String, String> attributes) {
        return emulator.createUser(poolId, prefix + "-" + UUID.randomUUID().toString().substring(0, 8), PASSWORD, attributes);
    }

    @Test
    void userWithNonAsciiNickname_isFoundWithEmailAndNickname() {
        String username = givenUser("ynes", Map.of("email", "ynes@example.com", "nickname", "Ýnès Ñoño 李"));

        UserAttributes user = lookup.lookup(username, TOKEN_SUB);

        assertEquals(username, user.username());
        assertTrue(user.enabled());
        assertEquals(Optional.of("Ýnès Ñoño 李"), user.attribute("nickname"));
        assertEquals(Optional.of("ynes@example.com"), user.attribute("email"));
        assertTrue(user.attribute("sub").isPresent(), "Cognito adds the sub attribute");
    }

    @Test
    void unknownUser_isNotFound() {
        assertThrows(UserNotFoundException.class, () -> lookup.lookup("nobody-" + UUID.randomUUID(), TOKEN_SUB));
    }

    @Test
    void disabledUser_isFoundAsNotEnabled() {
        String username = givenUser("disabled", Map.of("nickname", "Off"));
        emulator.client().adminDisableUser(b -> b.userPoolId(poolId).username(username));

        assertFalse(lookup.lookup(username, TOKEN_SUB).enabled());
    }

    @Test
    void deletedUser_isServedFromTheCacheUntilItsRefresh_andNotFoundAfterIt_evenWithAStaleLimit() {
        String username = givenUser("leaver", Map.of("nickname", "Bye"));
        assertEquals(Optional.of("Bye"), cached.lookup(username, TOKEN_SUB).attribute("nickname"));

        emulator.client().adminDeleteUser(b -> b.userPoolId(poolId).username(username));
        ticker.advance(REFRESH_AT);
        assertEquals(Optional.of("Bye"), cached.lookup(username, TOKEN_SUB).attribute("nickname"));
        assertEquals(1, adminGetUser.requests());

        // The read after 80 % of the TTL reloads (here on its own thread): the pool says gone.
        ticker.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("Bye"), cached.lookup(username, TOKEN_SUB).attribute("nickname"));
        assertThrows(UserNotFoundException.class, () -> cached.lookup(username, TOKEN_SUB));
        assertEquals(3, adminGetUser.requests());
    }

    @Test
    void changedNickname_isNotVisibleBeforeTheTtl_andVisibleAfterIt() {
        String username = givenUser("renamer", Map.of("nickname", "Old"));
        assertEquals(Optional.of("Old"), cached.lookup(username, TOKEN_SUB).attribute("nickname"));

        emulator.client().adminUpdateUserAttributes(b -> b.userPoolId(poolId).username(username)
                .userAttributes(AttributeType.builder().name("nickname").value("New").build()));
        assertEquals(Optional.of("New"), lookup.lookup(username, TOKEN_SUB).attribute("nickname"),
                "the pool has the new value");

        ticker.advance(REFRESH_AT);
        assertEquals(Optional.of("Old"), cached.lookup(username, TOKEN_SUB).attribute("nickname"));

        // The next read, after 80 % of the TTL, still answers the cached record and reloads it.
        ticker.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("Old"), cached.lookup(username, TOKEN_SUB).attribute("nickname"));
        assertEquals(Optional.of("New"), cached.lookup(username, TOKEN_SUB).attribute("nickname"));
    }

    @Test
    void wrongPoolId_isAnOperatorErrorNamingThePool() {
        String username = givenUser("anyone", Map.of());
        String wrongPool = "local_DoesNotExist";
        CognitoUserAttributeLookup misconfigured = new CognitoUserAttributeLookup(client, wrongPool);

        MisconfigurationException e =
                assertThrows(MisconfigurationException.class, () -> misconfigured.lookup(username, TOKEN_SUB));

        assertTrue(e.getMessage().contains(wrongPool), e.getMessage());
        assertFalse(e.getMessage().contains(username), "the username stays out of the operator message");
    }

    @Test
    void thousandConcurrentLookupsOfTenUsernames_makeAtMostTenAdminGetUserCalls() throws Exception {
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            usernames.add(givenUser("crowd" + i, Map.of("nickname", "Crowd " + i)));
        }
        CachingUserAttributeLookup shared = new CachingUserAttributeLookup(lookup,
                CachingUserAttributeLookup.Policy.of(TTL, Duration.ofSeconds(900), 10_000));
        int lookups = 1_000;
        ExecutorService threads = Executors.newFixedThreadPool(lookups);
        CountDownLatch ready = new CountDownLatch(lookups);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < lookups; i++) {
                String username = usernames.get(i % usernames.size());
                String nickname = "Crowd " + (i % usernames.size());
                results.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return shared.lookup(username, TOKEN_SUB).attribute("nickname").equals(Optional.of(nickname));
                }));
            }
            assertTrue(ready.await(60, TimeUnit.SECONDS), "all lookup threads started");
            go.countDown();
            for (Future<Boolean> result : results) {
                assertTrue(result.get(60, TimeUnit.SECONDS), "each lookup got its own user's nickname");
            }
        } finally {
            threads.shutdownNow();
        }

        int calls = adminGetUser.requests();
        System.out.println("MEASURED " + lookups + " concurrent lookups over " + usernames.size()
                + " usernames -> " + calls + " AdminGetUser requests");
        assertTrue(calls <= usernames.size(), calls + " AdminGetUser requests");
    }
}
