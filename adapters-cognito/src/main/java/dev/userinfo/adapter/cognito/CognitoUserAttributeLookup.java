package dev.userinfo.adapter.cognito;

import dev.userinfo.domain.DependencyUnavailableException;
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

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;

    /**
     * @param client     the JVM's one client, from {@link CognitoClients}; not closed by this class
     * @param userPoolId the pool the users live in, e.g. {@code eu-west-1_AbCdEf123}
     */
    public CognitoUserAttributeLookup(CognitoIdentityProviderClient client, String userPoolId) {
        this.client = Objects.requireNonNull(client, "client");
        this.userPoolId = Objects.requireNonNull(userPoolId, "userPoolId");
        if (userPoolId.isBlank()) {
            throw new IllegalArgumentException("userPoolId must not be blank");
        }
    }

    @Override
    public UserAttributes lookup(String username, String sub) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sub, "sub");
        AdminGetUserResponse response;
        try {
            response = client.adminGetUser(b -> b.userPoolId(userPoolId).username(username));
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
        UserAttributes user = toUserAttributes(username, response);
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
