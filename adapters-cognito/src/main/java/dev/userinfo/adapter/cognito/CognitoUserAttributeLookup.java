package dev.userinfo.adapter.cognito;

import dev.userinfo.domain.DependencyUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import dev.userinfo.domain.DependencyUnavailableException.Dependency;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.UserNotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

/**
 * Adapter: reads a user's record from the Cognito user pool with AdminGetUser: the {@code sub} of
 * whoever holds the username now (Cognito lists it as the {@code sub} attribute), the attributes and
 * the enabled flag.
 *
 * <p>Backs off while the pool throttles or fails, so that a throttled container does not keep
 * spending the account's UserRead quota (shared by every container and every other app of the
 * account and region): a Resilience4j circuit breaker opens when at least half of the last
 * {@value #BACK_OFF_WINDOW} calls (once {@value #BACK_OFF_MINIMUM_CALLS} were made) ended unavailable
 * (throttled, 5xx, timed out, unreachable). While it is open, lookups fail as unavailable at once,
 * without a call; after {@link #BACK_OFF_FIRST_WAIT} one trial call is let through, and each failed
 * trial doubles the wait, up to {@link #BACK_OFF_LONGEST_WAIT}. Within a call, the SDK's standard
 * retries (3 attempts, and a retry quota) apply as before. Answers of the pool, "user not found"
 * included, count as successes. The breaker has no thread of its own, so nothing runs between
 * Lambda invocations.
 */
public final class CognitoUserAttributeLookup implements UserAttributeLookup {

    private static final Logger LOG = LoggerFactory.getLogger(CognitoUserAttributeLookup.class);

    /**
     * Error codes that no retry fixes: the caller's IAM identity may not call AdminGetUser on this pool,
     * or its credentials are not valid at all. They are not modelled exceptions of the Cognito API, so
     * they arrive as plain service errors with these codes.
     */
    private static final Set<String> OPERATOR_ERROR_CODES = Set.of(
            "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException",
            "MissingAuthenticationTokenException");

    /** How many of the latest calls the breaker judges. */
    static final int BACK_OFF_WINDOW = 10;
    /** The breaker judges nothing before this many calls. */
    static final int BACK_OFF_MINIMUM_CALLS = 3;
    /** The share of unavailable calls, in percent, that opens the breaker. */
    static final float BACK_OFF_FAILURE_RATE = 50;
    /** How long the breaker first stays open: as long as a 503's Retry-After asks clients to wait. */
    public static final Duration BACK_OFF_FIRST_WAIT = Duration.ofSeconds(5);
    /** The longest the breaker stays open before one trial call. */
    public static final Duration BACK_OFF_LONGEST_WAIT = Duration.ofSeconds(60);

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;
    private final CircuitBreaker backOff;

    /**
     * @param client     the JVM's one client, from {@link CognitoClients}; not closed by this class
     * @param userPoolId the pool the users live in, e.g. {@code eu-west-1_AbCdEf123}
     */
    public CognitoUserAttributeLookup(CognitoIdentityProviderClient client, String userPoolId) {
        this(client, userPoolId, Clock.systemUTC());
    }

    /** As above, with the clock the back-off waits are measured on (tests use a fake one). */
    public CognitoUserAttributeLookup(CognitoIdentityProviderClient client, String userPoolId, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.userPoolId = Objects.requireNonNull(userPoolId, "userPoolId");
        if (userPoolId.isBlank()) {
            throw new IllegalArgumentException("userPoolId must not be blank");
        }
        this.backOff = CircuitBreaker.of("AdminGetUser", CircuitBreakerConfig.custom()
                .slidingWindow(BACK_OFF_WINDOW, BACK_OFF_MINIMUM_CALLS, SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(BACK_OFF_FAILURE_RATE)
                .waitIntervalFunctionInOpenState(
                        IntervalFunction.ofExponentialBackoff(BACK_OFF_FIRST_WAIT, 2, BACK_OFF_LONGEST_WAIT))
                .permittedNumberOfCallsInHalfOpenState(1)
                .writableStackTraceEnabled(false)
                .clock(Objects.requireNonNull(clock, "clock"))
                .build());
        // One line per change of state (CLOSED to OPEN: backing off; OPEN to HALF_OPEN: one trial call;
        // HALF_OPEN to CLOSED: the pool answers again), not one per refused call.
        backOff.getEventPublisher().onStateTransition(event -> LOG.warn("AdminGetUser on user pool {}: {}",
                userPoolId, event.getStateTransition()));
    }

    @Override
    public UserAttributes lookup(String username, String sub) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sub, "sub");
        if (!backOff.tryAcquirePermission()) {
            LOG.debug("AdminGetUser on user pool {} not called: backing off", userPoolId);
            throw new DependencyUnavailableException(Dependency.USER_POOL,
                    CallNotPermittedException.createCallNotPermittedException(backOff));
        }
        long started = System.nanoTime();
        AdminGetUserResponse response;
        try {
            response = call(username);
        } catch (DependencyUnavailableException e) {
            backOff.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            throw e;
        } catch (RuntimeException e) {
            // The pool answered (not found, refused, or something unexpected): not an outage.
            backOff.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw e;
        } catch (Error e) {
            // The call's outcome is unknown: free the permission, which a trial call must not keep.
            backOff.releasePermission();
            throw e;
        }
        backOff.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return toUserAttributes(username, sub, response);
    }

    /** One AdminGetUser call (the SDK retrying within it), its failures mapped to the domain's. */
    private AdminGetUserResponse call(String username) {
        try {
            return client.adminGetUser(b -> b.userPoolId(userPoolId).username(username));
        } catch (software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException e) {
            throw new UserNotFoundException();
        } catch (ResourceNotFoundException | NotAuthorizedException e) {
            throw misconfigured(e);
        } catch (TooManyRequestsException | LimitExceededException | InternalErrorException e) {
            throw unavailable(e);
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw unavailable(e);
            }
            if (e.awsErrorDetails() != null && OPERATOR_ERROR_CODES.contains(e.awsErrorDetails().errorCode())) {
                throw misconfigured(e);
            }
            // Anything else (say InvalidParameterException) is a bug, not an outage: the caller's 500.
            throw e;
        } catch (SdkClientException e) {
            // Connection refused or reset, DNS, API-call and attempt timeouts: the pool can't be reached now.
            throw unavailable(e);
        }
    }

    private UserAttributes toUserAttributes(String requested, String sub, AdminGetUserResponse response) {
        UserAttributes user = toUserAttributes(requested, response);
        if (!user.belongsTo(sub)) {
            // The caller turns the record down; this says why. The sub is an id, not personal data:
            // the username and the new holder's attributes stay out of the log.
            LOG.info("AdminGetUser on user pool {}: the username of sub {} is now held by {}", userPoolId, sub,
                    user.sub() == null ? "a record without a sub" : "another sub (deleted and created again)");
        }
        return user;
    }

    private static UserAttributes toUserAttributes(String requested, AdminGetUserResponse response) {
        Map<String, String> attributes = new HashMap<>();
        for (AttributeType attribute : response.userAttributes()) {
            if (attribute.name() != null && attribute.value() != null) {
                attributes.put(attribute.name(), attribute.value());
            }
        }
        String username = response.username() != null ? response.username() : requested;
        // Cognito always says; if it ever did not, refusing the profile is the safer reading.
        boolean enabled = Boolean.TRUE.equals(response.enabled());
        return new UserAttributes(username, attributes.get(UserAttributes.SUB), attributes, enabled);
    }

    private MisconfigurationException misconfigured(AwsServiceException e) {
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
        // The pool id tells the operator where to look; the username is a user's data and stays out.
        String message = "AdminGetUser on user pool " + userPoolId + " was refused with " + code
                + " (HTTP " + e.statusCode() + "): check COGNITO_USER_POOL_ID (it starts with the pool's region)"
                + " and that the execution role may call cognito-idp:AdminGetUser on this pool";
        LOG.error(message);
        return new MisconfigurationException(message, e);
    }

    private DependencyUnavailableException unavailable(RuntimeException e) {
        // The class says which failure (timeout, refused, throttled); SDK messages stay out of the log.
        LOG.warn("AdminGetUser on user pool {} unavailable: {}", userPoolId, e.getClass().getSimpleName());
        return new DependencyUnavailableException(Dependency.USER_POOL, e);
    }

    @Override
    public String toString() {
        return "CognitoUserAttributeLookup[" + userPoolId + "]";
    }
}
