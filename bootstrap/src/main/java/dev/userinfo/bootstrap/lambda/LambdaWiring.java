package dev.userinfo.bootstrap.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.userinfo.adapter.cognito.CryptoProviders;
import dev.userinfo.adapter.lambda.AuthorizerTrust;
import dev.userinfo.adapter.lambda.HttpApiEventAdapter;
import dev.userinfo.adapter.lambda.RestApiEventAdapter;
import dev.userinfo.application.AccessLog;
import dev.userinfo.application.CookieScheme;
import dev.userinfo.application.CookieSessions;
import dev.userinfo.application.JsonAccessLog;
import dev.userinfo.application.UserInfoEndpoint;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.config.UserInfoConfigWarnings;
import dev.userinfo.bootstrap.wiring.CognitoAdapters;
import dev.userinfo.bootstrap.wiring.PoolCheck;
import dev.userinfo.bootstrap.wiring.SessionAdapters;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.TokenParser;
import dev.userinfo.domain.UserAttributeLookup;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Lambda handler classes serve, built once per container from the configuration: the
 * endpoint, whether an API Gateway authorizer is trusted, and how to warm the key set. Tests build it
 * over in-memory fakes with {@link #over}; the handlers' no-arg constructors use {@link #fromEnvironment}.
 */
public final class LambdaWiring {

    private static final System.Logger LOG = System.getLogger(LambdaWiring.class.getName());

    private final UserInfoEndpoint endpoint;
    private final AuthorizerTrust trust;
    private final Runnable keyPrefetch;
    private final boolean cookieSessions;
    private final Runnable afterRestore;

    private LambdaWiring(UserInfoEndpoint endpoint, AuthorizerTrust trust, Runnable keyPrefetch, boolean cookieSessions,
            Runnable afterRestore) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.keyPrefetch = Objects.requireNonNull(keyPrefetch, "keyPrefetch");
        this.cookieSessions = cookieSessions;
        this.afterRestore = Objects.requireNonNull(afterRestore, "afterRestore");
    }

    /**
     * Production: the Lambda's environment, Cognito's key set and AdminGetUser, JSON access lines on stdout.
     *
     * @throws ConfigurationException when a variable is missing or wrong, or the pool says the settings
     *                                name no pool the function can read: the Lambda's init fails with it
     */
    public static LambdaWiring fromEnvironment() {
        return fromEnvironment(System.getenv(), System.out);
    }

    /**
     * From {@code env}, after a WARN line on {@code log} for each variable (or group of them) the
     * function will not read although it looks meant for it: a misspelling, a local-server
     * variable. The lines name variables, never values.
     */
    public static LambdaWiring fromEnvironment(Map<String, String> env, PrintStream log) {
        UserInfoConfigWarnings.forLambda(env).forEach(w -> log.println(warningLine(w)));
        // The secret is read only when cookie sessions are on, with the region the function runs in.
        return cognito(UserInfoConfig.forLambda(env, arn -> new SecretsManagerSecretSource(
                env.getOrDefault(UserInfoConfig.AWS_REGION, "")).secretString(arn)));
    }

    /** A warning as a JSON log line with {@code "level":"WARN"}, which Lambda's JSON log format files at WARN. */
    static String warningLine(UserInfoConfigWarnings.Warning warning) {
        // Jackson's streaming generator, made only when there is something to warn about: the zip carries
        // no object mapper, and no cold start pays for one.
        StringWriter line = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("level", "WARN");
            json.writeStringField("event", "configuration_warning");
            json.writeArrayFieldStart("variables");
            for (String variable : warning.variables()) {
                json.writeString(variable);
            }
            json.writeEndArray();
            json.writeStringField("message", warning.message());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return line.toString();
    }

    /**
     * The real Cognito adapters for a configuration: a token parser over the pool's key set, and
     * AdminGetUser through the JVM's one SDK client behind the attribute cache (unless its TTL is 0).
     * Before anything is served, {@link PoolCheck} asks the pool whether the settings name it, and
     * fetches the key set on the way.
     *
     * @throws ConfigurationException when the pool says the settings are wrong (a pool that cannot be
     *                                reached now is logged as a warning instead)
     */
    public static LambdaWiring cognito(UserInfoConfig config) {
        LOG.log(Level.INFO, CryptoProviders.installPreferred().describe());
        CognitoAdapters adapters = CognitoAdapters.create(config, CognitoAdapters.lambdaCredentials(config), List.of());
        try {
            // With a trusted authorizer no request needs the key set, so only AdminGetUser is asked.
            PoolCheck.atStartUp(config, adapters, !config.trustApiGatewayAuthorizer(),
                    warning -> LOG.log(Level.WARNING, "start-up check: " + warning));
        } catch (ConfigurationException e) {
            adapters.close();
            throw e;
        }
        if (config.cookieSessions().isEmpty()) {
            return over(config, adapters.tokenParser(), adapters.lookup(), stdoutAccessLog(),
                    adapters.tokenParser()::prefetchKeys);
        }
        // Always the __Host- prefixed, Secure cookies: the plain-http variant is the local server's alone.
        SessionAdapters sessions = SessionAdapters.create(config.cookieSessions().get(), adapters.tokenParser(),
                new GetUserInfo(adapters.tokenParser(), adapters.lookup()), Clock.systemUTC(), CookieScheme.HOST_PREFIXED,
                CookieSessions.RedirectUris.fixed(config.cookieSessions().get().redirectUri()));
        return over(config, adapters.tokenParser(), adapters.lookup(), stdoutAccessLog(),
                adapters.tokenParser()::prefetchKeys, Optional.of(sessions.sessions()), sessions.random()::renew);
    }

    /**
     * Over any token parser and attribute lookup.
     *
     * @param keyPrefetch fetches the key set ahead of the first request (SnapStart priming)
     */
    public static LambdaWiring over(UserInfoConfig config, TokenParser tokenParser, UserAttributeLookup lookup,
            AccessLog accessLog, Runnable keyPrefetch) {
        return over(config, tokenParser, lookup, accessLog, keyPrefetch, Optional.empty(), () -> { });
    }

    /**
     * Over any token parser and attribute lookup, with cookie sessions when given.
     *
     * @param sessions     the cookie sessions, or empty
     * @param afterRestore what makes random values unique again after a SnapStart restore (renews the
     *                     sessions' generator); run by the CRaC {@code afterRestore} hook
     */
    public static LambdaWiring over(UserInfoConfig config, TokenParser tokenParser, UserAttributeLookup lookup,
            AccessLog accessLog, Runnable keyPrefetch, Optional<CookieSessions> sessions, Runnable afterRestore) {
        UserInfoEndpoint endpoint = new UserInfoEndpoint(
                new GetUserInfo(tokenParser, lookup, config.attributeSource()), config.corsPolicy(), accessLog, sessions);
        if (config.trustApiGatewayAuthorizer()) {
            // The authorizer did the verifying, so no request will need the key set.
            return new LambdaWiring(endpoint,
                    AuthorizerTrust.trustAuthorizer(config.clientIds(), config.tokenUses()), () -> { }, false, afterRestore);
        }
        return new LambdaWiring(endpoint, AuthorizerTrust.verifyTokens(), keyPrefetch, sessions.isPresent(), afterRestore);
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

    /** Whether {@code /auth/*} and cookie-authenticated {@code /userinfo} are served. */
    boolean cookieSessions() {
        return cookieSessions;
    }

    /** Makes random values unique again after a SnapStart restore; the CRaC hook runs it. */
    void afterRestore() {
        afterRestore.run();
    }
}
