package dev.userinfo.bootstrap;

import dev.userinfo.adapter.lambda.AuthorizerTrust;
import dev.userinfo.adapter.lambda.HttpApiEventAdapter;
import dev.userinfo.adapter.lambda.RestApiEventAdapter;
import dev.userinfo.application.AccessLog;
import dev.userinfo.application.JsonAccessLog;
import dev.userinfo.application.UserInfoEndpoint;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.TokenParser;
import dev.userinfo.domain.UserAttributeLookup;
import java.util.Objects;

/**
 * What the Lambda handler classes serve, built once per container from the configuration: the
 * endpoint, whether an API Gateway authorizer is trusted, and how to warm the key set. Tests build it
 * over in-memory fakes with {@link #over}; the handlers' no-arg constructors use {@link #fromEnvironment}.
 */
public final class LambdaWiring {

    private final UserInfoEndpoint endpoint;
    private final AuthorizerTrust trust;
    private final Runnable keyPrefetch;

    private LambdaWiring(UserInfoEndpoint endpoint, AuthorizerTrust trust, Runnable keyPrefetch) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.keyPrefetch = Objects.requireNonNull(keyPrefetch, "keyPrefetch");
    }

    /** Production: the Lambda's environment, Cognito's key set and AdminGetUser, JSON access lines on stdout. */
    public static LambdaWiring fromEnvironment() {
        return cognito(UserInfoConfig.forLambda(System.getenv()));
    }

    /**
     * The real Cognito adapters for a configuration: a token parser over the pool's key set, and
     * AdminGetUser through the JVM's one SDK client behind the attribute cache (unless its TTL is 0).
     */
    public static LambdaWiring cognito(UserInfoConfig config) {
        CognitoAdapters adapters = CognitoAdapters.create(config);
        return over(config, adapters.tokenParser(), adapters.lookup(), stdoutAccessLog(),
                adapters.tokenParser()::prefetchKeys);
    }

    /**
     * Over any token parser and attribute lookup.
     *
     * @param keyPrefetch fetches the key set ahead of the first request (SnapStart priming)
     */
    static LambdaWiring over(UserInfoConfig config, TokenParser tokenParser, UserAttributeLookup lookup,
            AccessLog accessLog, Runnable keyPrefetch) {
        UserInfoEndpoint endpoint = new UserInfoEndpoint(
                new GetUserInfo(tokenParser, lookup), config.corsPolicy(), accessLog);
        if (config.trustApiGatewayAuthorizer()) {
            // The authorizer did the verifying, so no request will need the key set.
            return new LambdaWiring(endpoint,
                    AuthorizerTrust.trustAuthorizer(config.clientIds(), config.tokenUses()), () -> { });
        }
        return new LambdaWiring(endpoint, AuthorizerTrust.verifyTokens(), keyPrefetch);
    }

    static AccessLog stdoutAccessLog() {
        return new JsonAccessLog(System.out);
    }

    public UserInfoEndpoint endpoint() {
        return endpoint;
    }

    public AuthorizerTrust trust() {
        return trust;
    }

    RestApiEventAdapter restApi() {
        return new RestApiEventAdapter(endpoint, trust);
    }

    HttpApiEventAdapter httpApi() {
        return new HttpApiEventAdapter(endpoint, trust);
    }

    void prefetchKeys() {
        keyPrefetch.run();
    }
}
