package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.UserNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The failure mapping at the real HTTP boundary: a stub Cognito on loopback answers each call with
 * a chosen error, the way Cognito's JSON protocol does, for failures the emulator cannot produce
 * (throttling, 5xx, IAM denial, a hung server).
 */
class CognitoUserAttributeLookupErrorMappingTest {

    private static final String POOL_ID = "eu-west-1_Stub12345";
    private static final String USERNAME = "alice-the-user";
    private static final String SUB = "5f1c0e2a-4a8b-4c3d-9e7f-0a1b2c3d4e5f";

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status;
    private volatile String errorType;
    private volatile String successBody;
    private final CountDownLatch hang = new CountDownLatch(1);
    private volatile boolean hanging;
    private CognitoIdentityProviderClient client;
    private CognitoUserAttributeLookup lookup;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        client = CognitoClients.create("eu-west-1", Optional.of(endpoint),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), List.of());
        lookup = new CognitoUserAttributeLookup(client, POOL_ID);
    }

    @AfterEach
    void stopStub() {
        hang.countDown();
        client.close();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        if (hanging) {
            try {
                hang.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (successBody != null) {
            byte[] body = successBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        byte[] body = ("{\"__type\":\"" + errorType + "\",\"message\":\"stub says no\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void respond(int status, String errorType) {
        this.status = status;
        this.errorType = errorType;
    }

    /** An AdminGetUser answer as Cognito's JSON protocol writes it. */
    private void respondWithUser(String attributesJson, boolean enabled) {
        successBody = "{\"Username\":\"" + USERNAME + "\",\"UserAttributes\":" + attributesJson
                + ",\"Enabled\":" + enabled + ",\"UserStatus\":\"CONFIRMED\"}";
    }

    @Test
    void foundUser_carriesThePoolsSub_fromItsSubAttribute() {
        respondWithUser("[{\"Name\":\"sub\",\"Value\":\"" + SUB + "\"},"
                + "{\"Name\":\"email\",\"Value\":\"alice@example.com\"}]", true);

        UserAttributes user;
        try (LoggedLines logged = LoggedLines.capture()) {
            user = lookup.lookup(USERNAME, SUB);
            assertFalse(logged.text().contains("is now held by"), logged.text());
        }

        assertEquals(SUB, user.sub());
        assertTrue(user.belongsTo(SUB));
        assertEquals(Optional.of("alice@example.com"), user.attribute("email"));
        assertTrue(user.enabled());
    }

    @Test
    void usernameNowHeldByAnotherSub_isReturnedAsTheNewHoldersRecord_forTheCallerToTurnDown() {
        respondWithUser("[{\"Name\":\"sub\",\"Value\":\"another-sub\"}]", true);

        try (LoggedLines logged = LoggedLines.capture()) {
            var user = lookup.lookup(USERNAME, SUB);

            assertEquals("another-sub", user.sub());
            assertFalse(user.belongsTo(SUB));
            // Why the caller turns it down, by sub only: neither the username nor the new holder's sub.
            String text = logged.text();
            assertTrue(text.contains("INFO dev.userinfo.adapter.cognito.CognitoUserAttributeLookup - AdminGetUser on user pool "
                    + POOL_ID + ": the username of sub " + SUB + " is now held by another sub (deleted and created again)"), text);
            assertFalse(text.contains(USERNAME) || text.contains("another-sub"), text);
        }
    }

    @Test
    void recordWithoutASubAttribute_hasNoSub_andBelongsToNoOne() {
        respondWithUser("[{\"Name\":\"email\",\"Value\":\"alice@example.com\"}]", true);

        try (LoggedLines logged = LoggedLines.capture()) {
            var user = lookup.lookup(USERNAME, SUB);

            assertEquals(null, user.sub());
            assertFalse(user.belongsTo(SUB));
            assertTrue(logged.text().contains(": the username of sub " + SUB + " is now held by a record without a sub"),
                    logged.text());
        }
    }

    /** Cognito's JSON may leave out a Name or Value: such an attribute is skipped, never a 500. */
    @Test
    void attributeWithoutANameOrValue_isSkipped() {
        respondWithUser("[{\"Name\":\"sub\",\"Value\":\"" + SUB + "\"},{\"Name\":\"nickname\"},"
                + "{\"Value\":\"orphan\"},{\"Name\":\"email\",\"Value\":\"alice@example.com\"}]", true);

        var user = lookup.lookup(USERNAME, SUB);

        assertEquals(Optional.empty(), user.attribute("nickname"));
        assertEquals(Optional.of("alice@example.com"), user.attribute("email"));
        assertTrue(user.belongsTo(SUB));
    }

    /** The record's own username (Cognito's spelling) wins; the requested one stands in only when none came back. */
    @Test
    void username_isTheRecordsOwn_orTheRequestedOneWhenTheAnswerHasNone() {
        respondWithUser("[{\"Name\":\"sub\",\"Value\":\"" + SUB + "\"}]", true);
        assertEquals(USERNAME, lookup.lookup(USERNAME.toUpperCase(java.util.Locale.ROOT), SUB).username());

        successBody = "{\"UserAttributes\":[{\"Name\":\"sub\",\"Value\":\"" + SUB + "\"}],\"Enabled\":true}";
        assertEquals("requested-name", lookup.lookup("requested-name", SUB).username());
    }

    /** No Enabled in the answer is read as disabled: refusing the profile is the safer reading. */
    @Test
    void answerWithoutEnabled_isDisabled() {
        successBody = "{\"Username\":\"" + USERNAME + "\",\"UserAttributes\":[{\"Name\":\"sub\",\"Value\":\"" + SUB + "\"}]}";

        assertFalse(lookup.lookup(USERNAME, SUB).enabled());
    }

    @Test
    void blankPoolId_isRefused_andTheLookupNamesItsPool() {
        assertThrows(IllegalArgumentException.class, () -> new CognitoUserAttributeLookup(client, " "));
        assertEquals("CognitoUserAttributeLookup[" + POOL_ID + "]", lookup.toString());
    }

    @Test
    void userNotFound_isUserGone_afterOneCall() {
        respond(400, "UserNotFoundException");

        assertThrows(UserNotFoundException.class, () -> lookup.lookup(USERNAME, SUB));
        assertEquals(1, requests.get());
    }

    @ParameterizedTest
    @CsvSource({
        "400, ResourceNotFoundException",
        "400, NotAuthorizedException",
        "400, AccessDeniedException",
        "400, UnrecognizedClientException",
    })
    void wrongPoolOrMissingPermission_isAnOperatorErrorNamingThePool(int status, String type) {
        respond(status, type);

        MisconfigurationException e = assertThrows(MisconfigurationException.class, () -> lookup.lookup(USERNAME, SUB));

        assertTrue(e.getMessage().contains(POOL_ID), e.getMessage());
        assertTrue(e.getMessage().contains(type), e.getMessage());
        assertFalse(e.getMessage().contains(USERNAME), "the username stays out of the operator message");
        assertEquals(1, requests.get(), "an operator error is not retried");
    }

    @ParameterizedTest
    @CsvSource({
        "400, TooManyRequestsException",
        "400, ThrottlingException",
        "400, LimitExceededException",
        "500, InternalErrorException",
        "503, ServiceUnavailable",
    })
    void throttlingOrServerError_isUnavailable(int status, String type) {
        respond(status, type);

        DependencyUnavailableException e =
                assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));

        assertEquals(DependencyUnavailableException.Dependency.USER_POOL, e.dependency());
    }

    /**
     * The same answers, mapped by their cause: with one attempt only, the service's own error reaches
     * the mapping, where the production client's retries (with their backoff for throttling) may run
     * into the 2 s call timeout first, and a timeout is "unavailable" whatever the error was.
     */
    @ParameterizedTest
    @CsvSource({
        "400, TooManyRequestsException",
        "400, ThrottlingException",
        "400, LimitExceededException",
        "500, InternalErrorException",
        "503, ServiceUnavailable",
        "500, InternalFailure",
    })
    void throttlingOrServerError_isUnavailable_byItsCause(int status, String type) {
        respond(status, type);
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (CognitoIdentityProviderClient singleAttempt = CognitoIdentityProviderClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {

            DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                    () -> new CognitoUserAttributeLookup(singleAttempt, POOL_ID).lookup(USERNAME, SUB));

            assertEquals(1, requests.get());
            AwsServiceException cause = assertInstanceOf(AwsServiceException.class, e.getCause());
            assertEquals(type, cause.awsErrorDetails().errorCode());
            assertEquals(status, cause.statusCode());
        }
    }

    @Test
    void serverError_isRetriedByTheStandardRetryMode() {
        respond(500, "InternalErrorException");

        assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));

        assertEquals(3, requests.get(), "standard mode makes 3 attempts");
    }

    @Test
    void unexpectedClientError_isNotDisguisedAsAnOutage() {
        respond(400, "InvalidParameterException");

        assertThrows(AwsServiceException.class, () -> lookup.lookup(USERNAME, SUB));
    }

    @Test
    void hungServer_isUnavailableWithinTheCallTimeout() {
        hanging = true;
        respond(500, "InternalErrorException");

        long start = System.nanoTime();
        DependencyUnavailableException e =
                assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(DependencyUnavailableException.Dependency.USER_POOL, e.dependency());
        System.out.println("MEASURED hung Cognito -> unavailable after " + elapsed.toMillis() + " ms");
        assertTrue(elapsed.compareTo(Duration.ofSeconds(5)) < 0, "took " + elapsed);
    }

    // --- back-off: the circuit breaker in front of AdminGetUser ---

    private static final String FOUND = "[{\"Name\":\"sub\",\"Value\":\"" + SUB + "\"}]";

    private final MutableClock clock = new MutableClock();

    private CognitoUserAttributeLookup backingOff() {
        return new CognitoUserAttributeLookup(client, POOL_ID, clock);
    }

    /** A lookup that must not reach the pool: it fails at once as unavailable, naming the back-off. */
    private void assertRefusedWithoutACall(CognitoUserAttributeLookup lookup) {
        int before = requests.get();
        DependencyUnavailableException e =
                assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        assertEquals(DependencyUnavailableException.Dependency.USER_POOL, e.dependency());
        assertTrue(e.getCause() instanceof CallNotPermittedException, String.valueOf(e.getCause()));
        assertEquals(before, requests.get(), "a call reached the pool while backing off");
    }

    @Test
    void threeThrottledCalls_backOff_andTheNextLookupIsRefusedWithoutACall() {
        CognitoUserAttributeLookup lookup = backingOff();
        respond(400, "TooManyRequestsException");
        for (int i = 0; i < 3; i++) {
            assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        }
        int throttled = requests.get();

        for (int i = 0; i < 10; i++) {
            assertRefusedWithoutACall(lookup);
        }
        System.out.println("MEASURED 3 throttled AdminGetUser calls -> " + throttled + " requests (SDK retries included),"
                + " then 10 lookups -> 0 requests");
    }

    @Test
    void twoFailures_areTooFewToJudge_soTheThirdCallStillGoesOut() {
        CognitoUserAttributeLookup lookup = backingOff();
        respond(503, "ServiceUnavailable");
        assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        int afterTwo = requests.get();

        respondWithUser(FOUND, true);
        assertEquals(SUB, lookup.lookup(USERNAME, SUB).sub());
        assertTrue(requests.get() > afterTwo);
    }

    @Test
    void twoFailuresAndAFoundUser_areTwoInThree_soItBacksOff() {
        CognitoUserAttributeLookup lookup = backingOff();
        respond(503, "ServiceUnavailable");
        assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        respondWithUser(FOUND, true);
        lookup.lookup(USERNAME, SUB);

        assertRefusedWithoutACall(lookup);
    }

    @Test
    void aTrialAnsweredUserNotFound_endsTheBackOff_becauseThePoolAnswered() {
        CognitoUserAttributeLookup lookup = backingOff();
        respond(503, "ServiceUnavailable");
        for (int i = 0; i < 3; i++) {
            assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        }
        respond(400, "UserNotFoundException");
        clock.advance(CognitoUserAttributeLookup.BACK_OFF_FIRST_WAIT.plusMillis(1));
        assertThrows(UserNotFoundException.class, () -> lookup.lookup(USERNAME, SUB));

        int before = requests.get();
        assertThrows(UserNotFoundException.class, () -> lookup.lookup(USERNAME, SUB));
        assertThrows(UserNotFoundException.class, () -> lookup.lookup(USERNAME, SUB));
        assertEquals(before + 2, requests.get(), "backing off ended");
    }

    @Test
    void oneFailureInThree_isBelowHalf_soCallsGoOn() {
        CognitoUserAttributeLookup lookup = backingOff();
        respond(503, "ServiceUnavailable");
        assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        respondWithUser(FOUND, true);
        lookup.lookup(USERNAME, SUB);
        lookup.lookup(USERNAME, SUB);
        int before = requests.get();

        lookup.lookup(USERNAME, SUB);

        assertEquals(before + 1, requests.get());
    }

    @Test
    void answersOfThePool_notFoundAndRefusedIncluded_neverBackOff() {
        CognitoUserAttributeLookup lookup = backingOff();
        respond(400, "UserNotFoundException");
        for (int i = 0; i < 5; i++) {
            assertThrows(UserNotFoundException.class, () -> lookup.lookup(USERNAME, SUB));
        }
        respond(400, "InvalidParameterException");
        for (int i = 0; i < 5; i++) {
            assertThrows(AwsServiceException.class, () -> lookup.lookup(USERNAME, SUB));
        }
        respond(400, "ResourceNotFoundException");
        assertThrows(MisconfigurationException.class, () -> lookup.lookup(USERNAME, SUB));

        assertEquals(11, requests.get(), "every lookup was a call of its own");
    }

    @Test
    void afterTheFirstWait_oneTrialCallGoesOut_andItsSuccessEndsTheBackOff() {
        CognitoUserAttributeLookup lookup = backingOff();
        respond(503, "ServiceUnavailable");
        for (int i = 0; i < 3; i++) {
            assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        }
        respondWithUser(FOUND, true);

        clock.advance(CognitoUserAttributeLookup.BACK_OFF_FIRST_WAIT);
        assertRefusedWithoutACall(lookup);

        clock.advance(Duration.ofMillis(1));
        int before = requests.get();
        assertEquals(SUB, lookup.lookup(USERNAME, SUB).sub());
        assertEquals(before + 1, requests.get(), "one trial call");
        for (int i = 0; i < 3; i++) {
            lookup.lookup(USERNAME, SUB);
        }
        assertEquals(before + 4, requests.get(), "backing off ended");
    }

    @Test
    void aFailedTrial_backsOffTwiceAsLong() {
        CognitoUserAttributeLookup lookup = backingOff();
        respond(503, "ServiceUnavailable");
        for (int i = 0; i < 3; i++) {
            assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        }
        clock.advance(CognitoUserAttributeLookup.BACK_OFF_FIRST_WAIT.plusMillis(1));
        int before = requests.get();
        DependencyUnavailableException trial =
                assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        assertFalse(trial.getCause() instanceof CallNotPermittedException, "the trial reached the pool");
        assertTrue(requests.get() > before);

        clock.advance(CognitoUserAttributeLookup.BACK_OFF_FIRST_WAIT.multipliedBy(2));
        assertRefusedWithoutACall(lookup);

        respondWithUser(FOUND, true);
        clock.advance(Duration.ofMillis(1));
        assertEquals(SUB, lookup.lookup(USERNAME, SUB).sub());
    }

    /** An {@link Error} thrown inside the call: its outcome is unknown, neither an answer nor an outage. */
    private static final class ErrorInTheCall extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void anErrorInTheTrialCall_freesTheTrial_soTheNextLookupStillGoesOut() {
        java.util.concurrent.atomic.AtomicBoolean blowUp = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutionInterceptor failing = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (blowUp.get()) {
                    throw new ErrorInTheCall();
                }
            }
        };
        try (CognitoIdentityProviderClient erring = CognitoClients.create("eu-west-1",
                Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), List.of(failing))) {
            CognitoUserAttributeLookup lookup = new CognitoUserAttributeLookup(erring, POOL_ID, clock);
            respond(503, "ServiceUnavailable");
            for (int i = 0; i < 3; i++) {
                assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
            }
            clock.advance(CognitoUserAttributeLookup.BACK_OFF_FIRST_WAIT.plusMillis(1));
            blowUp.set(true);
            assertThrows(ErrorInTheCall.class, () -> lookup.lookup(USERNAME, SUB), "the one trial call");

            blowUp.set(false);
            respondWithUser(FOUND, true);
            int before = requests.get();
            assertEquals(SUB, lookup.lookup(USERNAME, SUB).sub(), "the trial's permission was not kept");
            assertEquals(before + 1, requests.get());
        }
    }

    @Test
    void theWait_neverGrowsPastTheLongest() {
        CognitoUserAttributeLookup lookup = backingOff();
        respond(503, "ServiceUnavailable");
        for (int i = 0; i < 3; i++) {
            assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
        }
        // 5, 10, 20, 40 s, then 60 s each: after six failed trials the wait is still 60 s.
        for (Duration wait : List.of(5L, 10L, 20L, 40L, 60L, 60L).stream().map(Duration::ofSeconds).toList()) {
            clock.advance(wait);
            assertRefusedWithoutACall(lookup);
            clock.advance(Duration.ofMillis(1));
            DependencyUnavailableException e =
                    assertThrows(DependencyUnavailableException.class, () -> lookup.lookup(USERNAME, SUB));
            assertFalse(e.getCause() instanceof CallNotPermittedException, "trial after " + wait);
        }
        respondWithUser(FOUND, true);
        clock.advance(CognitoUserAttributeLookup.BACK_OFF_LONGEST_WAIT.plusMillis(1));
        assertEquals(SUB, lookup.lookup(USERNAME, SUB).sub());
    }
}
