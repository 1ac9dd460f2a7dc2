package dev.userinfo.bootstrap.wiring;

import dev.userinfo.adapter.cognito.CognitoUserAttributeLookup;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.UserNotFoundException;
import java.util.function.Consumer;

/**
 * Asks the configured pool at start-up whether the settings name it: its key set must answer, and
 * AdminGetUser on it must be allowed. A wrong pool id or region shows as a key set URL answering
 * 404 or 403, or AdminGetUser answering {@code ResourceNotFoundException}; a missing permission as
 * {@code AccessDeniedException} and kin. Those are configuration mistakes, so start-up stops with a
 * {@link ConfigurationException} naming what to check: the local server exits, a Lambda's init fails
 * (with SnapStart: publishing the version fails). A pool that cannot be reached now (connection
 * refused, timeout, 5xx, throttling) is not a mistake: a warning, and {@code /userinfo} answers 503
 * until it can be reached.
 *
 * <p>The AdminGetUser check asks for {@link #PROBE_USERNAME}: the pool answers
 * {@code UserNotFoundException} (or the user, should one be called that), which proves the pool
 * exists where the client looks and the credentials may read it. It costs one call of the pool's
 * UserRead quota per start, and moves the SDK client's first-call cost off the first request.
 */
public final class PoolCheck {

    /** The username the AdminGetUser check asks for; whether a user holds it does not matter. */
    static final String PROBE_USERNAME = "userinfo-start-up-check";

    private PoolCheck() {
    }

    /**
     * @param checkKeys whether tokens are verified here, so the key set must answer (not when an
     *                  API Gateway authorizer is trusted instead)
     * @param warnings  where a pool that cannot be reached now is reported
     * @throws ConfigurationException naming {@code COGNITO_USER_POOL_ID} when the settings name no
     *                                pool the code can read
     */
    public static void atStartUp(UserInfoConfig config, CognitoAdapters adapters, boolean checkKeys, Consumer<String> warnings) {
        if (checkKeys) {
            try {
                adapters.tokenParser().prefetchKeys();
            } catch (MisconfigurationException e) {
                throw new ConfigurationException(UserInfoConfig.COGNITO_USER_POOL_ID, e.getMessage() + endpointHint(config));
            } catch (DependencyUnavailableException e) {
                warnings.accept("the key set at " + config.jwksUrl() + " cannot be fetched yet; "
                        + "/userinfo answers 503 until it can");
            }
        }
        try {
            // Uncached, and only the outcome is read: there is no sub to expect.
            new CognitoUserAttributeLookup(adapters.client(), config.userPoolId()).lookup(PROBE_USERNAME, PROBE_USERNAME);
        } catch (UserNotFoundException expected) {
            // The pool is there and may be read.
        } catch (MisconfigurationException e) {
            throw new ConfigurationException(UserInfoConfig.COGNITO_USER_POOL_ID, e.getMessage() + endpointHint(config));
        } catch (DependencyUnavailableException e) {
            warnings.accept("AdminGetUser on user pool " + config.userPoolId() + " cannot be reached yet; "
                    + "/userinfo answers 503 until it can");
        } catch (RuntimeException e) {
            // Not a known failure of the call (a bug, an answer no one expected): no reason to refuse
            // to start, and the first request meets it again with the request path's own handling.
            warnings.accept("AdminGetUser on user pool " + config.userPoolId() + " could not be checked: "
                    + e.getClass().getName());
        }
    }

    private static String endpointHint(UserInfoConfig config) {
        return config.cognitoEndpoint()
                .map(endpoint -> " (with " + UserInfoConfig.COGNITO_ENDPOINT + "=" + endpoint + ", an emulator: is the pool there?)")
                .orElse("");
    }
}
