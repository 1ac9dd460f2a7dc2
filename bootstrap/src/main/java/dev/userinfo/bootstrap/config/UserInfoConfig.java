package dev.userinfo.bootstrap.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.userinfo.adapter.cognito.UserPoolId;
import dev.userinfo.adapter.cognito.cookie.SessionKeys;
import dev.userinfo.adapter.cognito.oauth.ClientSecret;
import dev.userinfo.domain.AttributeSource;
import dev.userinfo.domain.session.SessionPolicy;
import dev.userinfo.domain.TokenUse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every setting of the service, read once from environment variables at start-up. The same names
 * work for the Lambda and the local server; a missing or invalid value stops start-up with a
 * {@link ConfigurationException} that names the variable.
 *
 * @param mode                      local server only: embedded identity or a real (or emulated) pool
 * @param port                      local server port
 * @param region                    {@code AWS_REGION}: the region the code runs in (Lambda sets it); the
 *                                  pool's own region comes from its id, see {@link #cognitoRegion()};
 *                                  null in embedded mode
 * @param userPoolId                the pool; null in embedded mode
 * @param clientIds                 app clients a token may be issued to; empty in embedded mode
 * @param tokenUses                 which token kinds are accepted
 * @param cognitoEndpoint           override of the Cognito API endpoint (an emulator)
 * @param issuers                   every accepted {@code iss}, each exact: the pool's ORIGINAL and UPDATED
 *                                  issuers in its own region, or the one of {@code COGNITO_ISSUER}, or
 *                                  {@code <endpoint>/<pool>} with {@code COGNITO_ENDPOINT}; empty in
 *                                  embedded mode (it makes its own)
 * @param jwksUrl                   where the pool's keys are fetched; null in embedded mode
 * @param allowedOrigins            CORS allowlist patterns, normalized as browsers send origins (RFC 6454)
 * @param attributeCacheTtl         attribute cache time-to-live; zero disables the cache
 * @param attributeSource           {@code pool}: every token's user is looked up (AdminGetUser, cached);
 *                                  {@code token}: a verified ID token is answered from its own claims
 * @param attributeStaleLimit       how old a cached profile may be and still be answered when the pool
 *                                  is throttled, timed out or failing; zero: never
 * @param trustApiGatewayAuthorizer Lambda: take claims an API Gateway authorizer already verified
 * @param devUsersFile              embedded mode: a JSON file of users instead of the built-in ones
 * @param corsAllowedHeaders        request headers a CORS preflight allows, in the order sent
 *                                  ({@code X-CSRF} among them with cookie sessions)
 * @param signIn                    embedded mode: the sign-in server's port and dev app client, and the
 *                                  cookie sessions against it (on by default there); null in cognito
 *                                  mode and in the Lambda
 * @param cookieSessions            cognito mode and the Lambda: cookie sessions against a pool's managed
 *                                  login ({@code COOKIE_SESSIONS=true}), or empty; always empty in
 *                                  embedded mode (see {@link SignInSettings#cookieSessions()})
 */
public record UserInfoConfig(
        Mode mode,
        int port,
        String region,
        String userPoolId,
        Set<String> clientIds,
        Set<TokenUse> tokenUses,
        Optional<URI> cognitoEndpoint,
        Set<String> issuers,
        URI jwksUrl,
        List<String> allowedOrigins,
        Duration attributeCacheTtl,
        AttributeSource attributeSource,
        Duration attributeStaleLimit,
        boolean trustApiGatewayAuthorizer,
        Optional<Path> devUsersFile,
        List<String> corsAllowedHeaders,
        SignInSettings signIn,
        Optional<CookieSessionConfig> cookieSessions) {

    /** Where identities come from. */
    public enum Mode {
        /** No AWS: in-memory users, a key made at start-up, and {@code POST /dev/token}. */
        EMBEDDED,
        /** A real user pool, or a local emulator of one. */
        COGNITO
    }

    public static final String USERINFO_MODE = "USERINFO_MODE";
    public static final String PORT = "PORT";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String COGNITO_USER_POOL_ID = "COGNITO_USER_POOL_ID";
    public static final String COGNITO_CLIENT_IDS = "COGNITO_CLIENT_IDS";
    public static final String COGNITO_TOKEN_USE = "COGNITO_TOKEN_USE";
    public static final String COGNITO_ENDPOINT = "COGNITO_ENDPOINT";
    public static final String COGNITO_ISSUER = "COGNITO_ISSUER";
    public static final String COGNITO_JWKS_URL = "COGNITO_JWKS_URL";
    public static final String ALLOWED_ORIGINS = "ALLOWED_ORIGINS";
    public static final String ATTRIBUTE_CACHE_TTL_SECONDS = "ATTRIBUTE_CACHE_TTL_SECONDS";
    public static final String ATTRIBUTE_SOURCE = "ATTRIBUTE_SOURCE";
    public static final String ATTRIBUTE_STALE_LIMIT_SECONDS = "ATTRIBUTE_STALE_LIMIT_SECONDS";
    public static final String TRUST_API_GATEWAY_AUTHORIZER = "TRUST_API_GATEWAY_AUTHORIZER";
    public static final String USERINFO_DEV_USERS = "USERINFO_DEV_USERS";
    public static final String CORS_ALLOWED_HEADERS = "CORS_ALLOWED_HEADERS";
    public static final String SIGN_IN_PORT = "SIGN_IN_PORT";
    public static final String SIGN_IN_CLIENT_ID = "SIGN_IN_CLIENT_ID";
    public static final String SIGN_IN_CLIENT_SECRET = "SIGN_IN_CLIENT_SECRET";
    public static final String SIGN_IN_REDIRECT_URIS = "SIGN_IN_REDIRECT_URIS";
    public static final String SIGN_IN_LOGOUT_URIS = "SIGN_IN_LOGOUT_URIS";
    public static final String COOKIE_SESSIONS = "COOKIE_SESSIONS";
    public static final String COGNITO_DOMAIN = "COGNITO_DOMAIN";
    public static final String SESSION_CLIENT_ID = "SESSION_CLIENT_ID";
    public static final String COGNITO_CLIENT_SECRET = "COGNITO_CLIENT_SECRET";
    public static final String SESSION_REDIRECT_URI = "SESSION_REDIRECT_URI";
    public static final String SESSION_LOGOUT_URI = "SESSION_LOGOUT_URI";
    public static final String SESSION_KEYS = "SESSION_KEYS";
    public static final String SESSION_SECRET_ARN = "SESSION_SECRET_ARN";
    public static final String SESSION_IDLE_TIMEOUT = "SESSION_IDLE_TIMEOUT";
    public static final String SESSION_MAX_AGE = "SESSION_MAX_AGE";

    /** Every variable this service reads; anything else in a deployment's environment is a typo. */
    public static final Set<String> VARIABLES = Set.of(
            USERINFO_MODE, PORT, AWS_REGION, COGNITO_USER_POOL_ID, COGNITO_CLIENT_IDS, COGNITO_TOKEN_USE,
            COGNITO_ENDPOINT, COGNITO_ISSUER, COGNITO_JWKS_URL, ALLOWED_ORIGINS, ATTRIBUTE_CACHE_TTL_SECONDS,
            ATTRIBUTE_SOURCE, ATTRIBUTE_STALE_LIMIT_SECONDS, TRUST_API_GATEWAY_AUTHORIZER, USERINFO_DEV_USERS,
            CORS_ALLOWED_HEADERS, SIGN_IN_PORT, SIGN_IN_CLIENT_ID, SIGN_IN_CLIENT_SECRET, SIGN_IN_REDIRECT_URIS,
            SIGN_IN_LOGOUT_URIS, COOKIE_SESSIONS, COGNITO_DOMAIN, SESSION_CLIENT_ID, COGNITO_CLIENT_SECRET,
            SESSION_REDIRECT_URI, SESSION_LOGOUT_URI, SESSION_KEYS, SESSION_SECRET_ARN, SESSION_IDLE_TIMEOUT,
            SESSION_MAX_AGE);

    /** The default of {@value #ATTRIBUTE_STALE_LIMIT_SECONDS}: a Cognito brownout of up to 15 minutes is ridden out. */
    static final Duration DEFAULT_STALE_LIMIT = Duration.ofSeconds(900);

    /** The request header cookie-authenticated requests carry (BFF.md, CSRF); preflights allow it. */
    public static final String CSRF_HEADER = "X-CSRF";
    /** The keys in the Lambda's secret ({@code SESSION_SECRET_ARN}): the same names as the variables. */
    static final Set<String> SECRET_KEYS = Set.of(SESSION_KEYS, COGNITO_CLIENT_SECRET);

    private static final JsonFactory SECRET_JSON = new JsonFactory();

    private static final Pattern SECRET_ARN = Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+");
    private static final String CALLBACK_PATH = "/auth/callback";

    static final List<String> LOCAL_DEFAULT_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*");

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9A-Za-z]+");
    /**
     * An app client id: Cognito's pattern (API reference, ClientIdType: word characters and '+', at
     * most 128) and '-', which the embedded default has; nothing that would need escaping in a URL.
     */
    private static final Pattern CLIENT_ID = Pattern.compile("[\\w+-]{1,128}");

    public UserInfoConfig {
        clientIds = Set.copyOf(clientIds);
        tokenUses = Set.copyOf(tokenUses);
        issuers = Collections.unmodifiableSet(new LinkedHashSet<>(issuers));
        allowedOrigins = List.copyOf(allowedOrigins);
        corsAllowedHeaders = List.copyOf(corsAllowedHeaders);
    }

    /** The CORS policy both entry points answer with: the origins and the preflight's allowed headers. */
    public dev.userinfo.application.CorsPolicy corsPolicy() {
        return dev.userinfo.application.CorsPolicy.of(allowedOrigins, corsAllowedHeaders);
    }

    /** Reads the local server's configuration; {@code embedded} mode needs nothing at all. */
    public static UserInfoConfig forLocalServer(Map<String, String> env) {
        Env e = new Env(env);
        Mode mode = e.optional(USERINFO_MODE).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "embedded" -> Mode.EMBEDDED;
            case "cognito" -> Mode.COGNITO;
            default -> throw new ConfigurationException(USERINFO_MODE, "must be 'embedded' or 'cognito', was '" + v + "'");
        }).orElse(Mode.EMBEDDED);
        int port = e.optional(PORT).map(v -> parsePort(PORT, v)).orElse(8080);
        List<String> origins = e.optional(ALLOWED_ORIGINS).map(v -> origins(v)).orElse(LOCAL_DEFAULT_ORIGINS);
        Optional<Path> devUsers = e.optional(USERINFO_DEV_USERS).map(Path::of);
        if (mode == Mode.EMBEDDED) {
            // Cookie sessions are on by default here, against the embedded sign-in server: everything
            // but their limits and sign-out target is derived from it (BFF.md, "Configuration (added)").
            boolean cookies = e.optional(COOKIE_SESSIONS).map(v -> bool(COOKIE_SESSIONS, v)).orElse(true);
            Optional<EmbeddedSessionSettings> sessions = cookies ? Optional.of(new EmbeddedSessionSettings(
                    sessionPolicy(e), e.optional(SESSION_LOGOUT_URI).map(v -> webUri(SESSION_LOGOUT_URI, v))))
                    : Optional.empty();
            // The embedded users live in memory: no pool to spare, so no claims-first mode and no stale answers.
            return new UserInfoConfig(mode, port, null, null, Set.of(), tokenUses(e), Optional.empty(), Set.of(), null,
                    origins, ttl(e), AttributeSource.POOL, DEFAULT_STALE_LIMIT, false, devUsers,
                    corsAllowedHeaders(e, cookies), signIn(e, port, sessions), Optional.empty());
        }
        return cognito(e, mode, port, origins, devUsers, null);
    }

    /** Reads the Lambda's configuration without cookie sessions' secret: {@code COOKIE_SESSIONS=true} needs {@link #forLambda(Map, SecretSource)}. */
    public static UserInfoConfig forLambda(Map<String, String> env) {
        return forLambda(env, arn -> {
            throw new ConfigurationException(SESSION_SECRET_ARN, "cannot be read here: no Secrets Manager client");
        });
    }

    /**
     * Reads the Lambda's configuration: always a real pool, and an explicit origin allowlist. With
     * cookie sessions, the cookie keys and the client secret come from the secret
     * {@code SESSION_SECRET_ARN} names, read once through {@code secrets}; as plain environment values
     * they are refused, since anyone allowed {@code lambda:GetFunctionConfiguration} reads those.
     */
    public static UserInfoConfig forLambda(Map<String, String> env, SecretSource secrets) {
        Env e = new Env(env);
        List<String> origins = origins(e.required(ALLOWED_ORIGINS));
        return cognito(e, Mode.COGNITO, 0, origins, Optional.empty(), Objects.requireNonNull(secrets, "secrets"));
    }

    /**
     * @param secrets the Lambda's secret source; null for the local server, which reads the keys and
     *                the client secret from its environment
     */
    private static UserInfoConfig cognito(Env e, Mode mode, int port, List<String> origins, Optional<Path> devUsers,
            SecretSource secrets) {
        String region = e.required(AWS_REGION);
        if (!REGION.matcher(region).matches()) {
            throw new ConfigurationException(AWS_REGION, "not a region name like eu-west-1: '" + region + "'");
        }
        String poolId = e.required(COGNITO_USER_POOL_ID);
        if (!POOL_ID.matcher(poolId).matches()) {
            throw new ConfigurationException(COGNITO_USER_POOL_ID, "not a user pool id like eu-west-1_AbC123: '" + poolId + "'");
        }
        Set<String> clientIds = new LinkedHashSet<>(splitList(e.required(COGNITO_CLIENT_IDS)));
        if (clientIds.isEmpty()) {
            throw new ConfigurationException(COGNITO_CLIENT_IDS, "names no app client id");
        }
        Optional<URI> endpoint = e.optional(COGNITO_ENDPOINT).map(v -> httpUri(COGNITO_ENDPOINT, v));
        UserPoolId pool = new UserPoolId(poolId);
        if (endpoint.isEmpty() && pool.region().isEmpty()) {
            throw new ConfigurationException(COGNITO_USER_POOL_ID, "'" + poolId + "' names no region: an AWS pool id"
                    + " starts with its region, like eu-west-1_AbC123 (copy it from the Cognito console); a local"
                    + " emulator's pool needs " + COGNITO_ENDPOINT + " set to the emulator's URL");
        }
        // An emulator (an endpoint) signs <endpoint>/<pool> and serves its keys there; a real pool
        // signs one of its two official issuers, both in the region its id names.
        Optional<String> singleIssuer = e.optional(COGNITO_ISSUER)
                .map(v -> httpUri(COGNITO_ISSUER, v).toString())
                .or(() -> endpoint.map(u -> stripTrailingSlash(u.toString()) + "/" + poolId));
        Set<String> issuers = singleIssuer.map(Set::of).orElseGet(pool::issuers);
        URI jwks = e.optional(COGNITO_JWKS_URL)
                .map(v -> httpUri(COGNITO_JWKS_URL, v))
                .orElseGet(() -> singleIssuer.map(i -> URI.create(i + "/.well-known/jwks.json")).orElseGet(pool::keySetUrl));
        boolean trust = e.optional(TRUST_API_GATEWAY_AUTHORIZER).map(v -> bool(TRUST_API_GATEWAY_AUTHORIZER, v)).orElse(false);
        boolean cookies = e.optional(COOKIE_SESSIONS).map(v -> bool(COOKIE_SESSIONS, v)).orElse(false);
        if (cookies && trust) {
            throw new ConfigurationException(COOKIE_SESSIONS, "cannot be true together with " + TRUST_API_GATEWAY_AUTHORIZER
                    + "=true: a cookie-authenticated request carries no token for an authorizer, so /userinfo must have"
                    + " none and the function verifies bearer tokens and cookies itself (BFF.md); set "
                    + TRUST_API_GATEWAY_AUTHORIZER + "=false");
        }
        Optional<CookieSessionConfig> sessions = cookies
                ? Optional.of(cookieSessions(e, clientIds, secrets)) : Optional.empty();
        return new UserInfoConfig(mode, port, region, poolId, clientIds, tokenUses(e), endpoint, issuers, jwks,
                origins, ttl(e), attributeSource(e), staleLimit(e), trust, devUsers, corsAllowedHeaders(e, cookies), null,
                sessions);
    }

    /**
     * The embedded sign-in server's settings. Its port defaults to the one after {@code PORT} (8081 by
     * default), or a free one when {@code PORT} is 0; the redirect and sign-out URLs default to any
     * loopback URL, so a frontend dev server on any port works out of the box. The URL lists are
     * split here and judged where they are matched (the embedded sign-in server), which stops
     * start-up naming the variable as well.
     */
    private static SignInSettings signIn(Env e, int port, Optional<EmbeddedSessionSettings> cookieSessions) {
        int signInPort = e.optional(SIGN_IN_PORT).map(v -> parsePort(SIGN_IN_PORT, v)).orElseGet(() -> {
            if (port == 0) {
                return 0;
            }
            if (port == 65_535) {
                throw new ConfigurationException(SIGN_IN_PORT, "must be set when " + PORT
                        + " is 65535 (its default is the port after " + PORT + ")");
            }
            return port + 1;
        });
        if (signInPort != 0 && signInPort == port) {
            throw new ConfigurationException(SIGN_IN_PORT, "must differ from " + PORT + " (" + port
                    + "): the sign-in server is an origin of its own, as Cognito's domain is");
        }
        String clientId = e.optional(SIGN_IN_CLIENT_ID).orElse(SignInSettings.DEFAULT_CLIENT_ID);
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new ConfigurationException(SIGN_IN_CLIENT_ID, "must be 1 to 128 letters, digits, '_', '+' or '-'"
                    + " (as Cognito's app client ids), was '" + clientId + "'");
        }
        Optional<ClientSecret> secret = e.optional(SIGN_IN_CLIENT_SECRET).map(v -> {
            try {
                return new ClientSecret(v);
            } catch (IllegalArgumentException ex) {
                // The message says what is wrong, never the value: it is a secret.
                throw new ConfigurationException(SIGN_IN_CLIENT_SECRET, ex.getMessage());
            }
        });
        List<String> redirectUris = e.optional(SIGN_IN_REDIRECT_URIS).map(v -> uriList(SIGN_IN_REDIRECT_URIS, v))
                .orElse(SignInSettings.LOOPBACK_PATTERNS);
        List<String> logoutUris = e.optional(SIGN_IN_LOGOUT_URIS).map(v -> uriList(SIGN_IN_LOGOUT_URIS, v))
                .orElse(SignInSettings.LOOPBACK_PATTERNS);
        return new SignInSettings(signInPort, clientId, secret, redirectUris, logoutUris, cookieSessions);
    }

    private static List<String> uriList(String variable, String v) {
        List<String> uris = splitList(v);
        if (uris.isEmpty()) {
            throw new ConfigurationException(variable, "names no URL");
        }
        return uris;
    }

    private static CookieSessionConfig cookieSessions(Env e, Set<String> clientIds, SecretSource secrets) {
        URI domain = webUri(COGNITO_DOMAIN, e.required(COGNITO_DOMAIN));
        if (!(domain.getRawPath() == null || domain.getRawPath().isEmpty() || "/".equals(domain.getRawPath()))
                || domain.getRawQuery() != null || domain.getRawFragment() != null) {
            throw new ConfigurationException(COGNITO_DOMAIN, "is the managed login's base URL, like"
                    + " https://<prefix>.auth.<region>.amazoncognito.com, without a path; was '" + domain + "'");
        }
        domain = URI.create(stripTrailingSlash(domain.toString()));
        String clientId = e.optional(SESSION_CLIENT_ID).orElse(clientIds.iterator().next());
        if (!clientIds.contains(clientId)) {
            throw new ConfigurationException(SESSION_CLIENT_ID, "'" + clientId + "' is not among " + COGNITO_CLIENT_IDS
                    + ", so the ID tokens it signs in with would be refused");
        }
        URI redirect = webUri(SESSION_REDIRECT_URI, e.required(SESSION_REDIRECT_URI));
        if (redirect.getRawPath() == null || !redirect.getRawPath().endsWith(CALLBACK_PATH)
                || redirect.getRawQuery() != null || redirect.getRawFragment() != null) {
            throw new ConfigurationException(SESSION_REDIRECT_URI, "must be the public URL of " + CALLBACK_PATH
                    + " (https://app.example.com" + CALLBACK_PATH + "), without query or fragment; was '" + redirect + "'");
        }
        URI logout = e.optional(SESSION_LOGOUT_URI).map(v -> webUri(SESSION_LOGOUT_URI, v))
                .orElseGet(() -> URI.create(redirect.getScheme() + "://" + redirect.getRawAuthority() + "/"));
        SessionPolicy policy = sessionPolicy(e);
        String keys;
        Optional<String> secret;
        if (secrets == null) {
            keys = e.required(SESSION_KEYS);
            secret = e.optional(COGNITO_CLIENT_SECRET);
        } else {
            for (String plain : SECRET_KEYS) {
                if (e.optional(plain).isPresent()) {
                    throw new ConfigurationException(plain, "must not be a plain environment value of the Lambda function"
                            + " (anyone allowed lambda:GetFunctionConfiguration reads those): put it into the secret "
                            + SESSION_SECRET_ARN + " names, as {\"" + plain + "\":\"...\"}");
                }
            }
            Map<String, String> values = secretValues(e.required(SESSION_SECRET_ARN), secrets);
            keys = values.get(SESSION_KEYS);
            if (keys == null || keys.isBlank()) {
                throw new ConfigurationException(SESSION_SECRET_ARN, "the secret has no " + SESSION_KEYS);
            }
            secret = Optional.ofNullable(values.get(COGNITO_CLIENT_SECRET)).filter(s -> !s.isBlank());
        }
        String keysSource = secrets == null ? SESSION_KEYS : SESSION_SECRET_ARN;
        String secretSource = secrets == null ? COGNITO_CLIENT_SECRET : SESSION_SECRET_ARN;
        SessionKeys sessionKeys;
        try {
            sessionKeys = SessionKeys.parse(keys);
        } catch (IllegalArgumentException ex) {
            throw new ConfigurationException(keysSource, (secrets == null ? "" : "the secret's " + SESSION_KEYS + ": ")
                    + ex.getMessage());
        }
        Optional<ClientSecret> clientSecret;
        try {
            clientSecret = secret.map(ClientSecret::new);
        } catch (IllegalArgumentException ex) {
            throw new ConfigurationException(secretSource, (secrets == null ? "" : "the secret's " + COGNITO_CLIENT_SECRET
                    + ": ") + ex.getMessage());
        }
        return new CookieSessionConfig(domain, clientId, clientSecret, redirect, logout, sessionKeys, policy);
    }

    /** {@code SESSION_IDLE_TIMEOUT} and {@code SESSION_MAX_AGE}, the first no longer than the second. */
    private static SessionPolicy sessionPolicy(Env e) {
        Duration idle = duration(e, SESSION_IDLE_TIMEOUT, SessionPolicy.DEFAULT_IDLE_TIMEOUT);
        Duration maxAge = duration(e, SESSION_MAX_AGE, SessionPolicy.DEFAULT_MAX_AGE);
        if (idle.compareTo(maxAge) > 0) {
            throw new ConfigurationException(SESSION_IDLE_TIMEOUT, "(" + idle + ") must not be longer than "
                    + SESSION_MAX_AGE + " (" + maxAge + ")");
        }
        return new SessionPolicy(idle, maxAge);
    }

    private static Map<String, String> secretValues(String arn, SecretSource secrets) {
        if (!SECRET_ARN.matcher(arn).matches()) {
            throw new ConfigurationException(SESSION_SECRET_ARN, "is not a Secrets Manager secret ARN like"
                    + " arn:aws:secretsmanager:eu-west-1:123456789012:secret:userinfo-sessions-AbCdEf");
        }
        String text = secrets.secretString(arn);
        // Jackson's streaming parser: the Lambda zip carries no object mapper.
        try (JsonParser json = SECRET_JSON.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new ConfigurationException(SESSION_SECRET_ARN, "the secret's SecretString is not a JSON object");
            }
            Map<String, String> values = new java.util.LinkedHashMap<>();
            for (JsonToken token = json.nextToken(); token == JsonToken.FIELD_NAME; token = json.nextToken()) {
                String key = json.currentName();
                JsonToken value = json.nextToken();
                if (SECRET_KEYS.contains(key) && value != JsonToken.VALUE_NULL) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new ConfigurationException(SESSION_SECRET_ARN, "the secret's " + key + " is not a string");
                    }
                    values.put(key, json.getText());
                } else {
                    json.skipChildren();
                }
            }
            return values;
        } catch (IOException ex) {
            // Never the text itself: it holds the keys.
            throw new ConfigurationException(SESSION_SECRET_ARN, "the secret's SecretString is not JSON like"
                    + " {\"" + SESSION_KEYS + "\":\"kid:base64url\",\"" + COGNITO_CLIENT_SECRET + "\":\"...\"}");
        }
    }

    /** An http(s) URL; https unless its host is this machine (local development). */
    private static URI webUri(String variable, String v) {
        URI uri = httpUri(variable, v);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!"https".equals(uri.getScheme()) && !loopback) {
            throw new ConfigurationException(variable, "must be https outside localhost (cookies are Secure and the"
                    + " authorization server accepts no plain-http redirect); was '" + v + "'");
        }
        return uri;
    }

    private static Duration duration(Env e, String variable, Duration fallback) {
        return e.optional(variable).map(v -> {
            try {
                Duration d = Duration.parse(v);
                if (d.isNegative() || d.isZero()) {
                    throw new java.time.format.DateTimeParseException("not positive", v, 0);
                }
                return d;
            } catch (java.time.format.DateTimeParseException ex) {
                throw new ConfigurationException(variable, "must be a positive ISO-8601 duration like PT8H or P7D, was '"
                        + v + "'");
            }
        }).orElse(fallback);
    }

    private static List<String> corsAllowedHeaders(Env e, boolean cookieSessions) {
        List<String> names = e.optional(CORS_ALLOWED_HEADERS).map(UserInfoConfig::splitList)
                .orElse(dev.userinfo.application.CorsPolicy.DEFAULT_ALLOWED_HEADERS);
        List<String> checked;
        try {
            checked = dev.userinfo.application.CorsPolicy.allowedHeaderNames(names);
        } catch (IllegalArgumentException ex) {
            throw new ConfigurationException(CORS_ALLOWED_HEADERS, ex.getMessage());
        }
        if (!cookieSessions || checked.stream().anyMatch(CSRF_HEADER::equalsIgnoreCase)) {
            return checked;
        }
        // Cookie requests carry X-CSRF, so their preflight must allow it: after Content-Type by default.
        List<String> withCsrf = new java.util.ArrayList<>(checked);
        int contentType = withCsrf.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList().indexOf("content-type");
        withCsrf.add(contentType < 0 ? withCsrf.size() : contentType + 1, CSRF_HEADER);
        return List.copyOf(withCsrf);
    }

    /**
     * The region the Cognito API client is built for: the pool's own, read from its id, wherever the
     * code runs; with {@code COGNITO_ENDPOINT} (an emulator, whose pool ids name no region)
     * {@code AWS_REGION}. Null in embedded mode.
     */
    public String cognitoRegion() {
        if (userPoolId == null || cognitoEndpoint.isPresent()) {
            return region;
        }
        return new UserPoolId(userPoolId).region().orElse(region);
    }

    private static Set<TokenUse> tokenUses(Env e) {
        String value = e.optional(COGNITO_TOKEN_USE).orElse("any").toLowerCase(Locale.ROOT);
        switch (value) {
            case "any":
                return EnumSet.allOf(TokenUse.class);
            case "id":
                return EnumSet.of(TokenUse.ID);
            case "access":
                return EnumSet.of(TokenUse.ACCESS);
            default:
                throw new ConfigurationException(COGNITO_TOKEN_USE, "must be 'id', 'access' or 'any', was '" + value + "'");
        }
    }

    private static Duration ttl(Env e) {
        return seconds(e, ATTRIBUTE_CACHE_TTL_SECONDS).orElse(Duration.ofSeconds(60));
    }

    private static Duration staleLimit(Env e) {
        return seconds(e, ATTRIBUTE_STALE_LIMIT_SECONDS).orElse(DEFAULT_STALE_LIMIT);
    }

    /** Whole seconds from 0 to a day. */
    private static Optional<Duration> seconds(Env e, String variable) {
        return e.optional(variable).map(v -> {
            try {
                long seconds = Long.parseLong(v);
                if (seconds < 0 || seconds > 86_400) {
                    throw new NumberFormatException();
                }
                return Duration.ofSeconds(seconds);
            } catch (NumberFormatException ex) {
                throw new ConfigurationException(variable, "must be whole seconds from 0 to 86400, was '" + v + "'");
            }
        });
    }

    private static AttributeSource attributeSource(Env e) {
        return e.optional(ATTRIBUTE_SOURCE).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "pool" -> AttributeSource.POOL;
            case "token" -> AttributeSource.TOKEN;
            default -> throw new ConfigurationException(ATTRIBUTE_SOURCE, "must be 'pool' or 'token', was '" + v + "'");
        }).orElse(AttributeSource.POOL);
    }

    private static int parsePort(String variable, String v) {
        try {
            int port = Integer.parseInt(v);
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException ex) {
            throw new ConfigurationException(variable, "must be a port number from 0 to 65535, was '" + v + "'");
        }
    }

    private static boolean bool(String variable, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(variable, "must be 'true' or 'false', was '" + v + "'");
        };
    }

    private static List<String> origins(String v) {
        List<String> origins = splitList(v);
        if (origins.isEmpty()) {
            throw new ConfigurationException(ALLOWED_ORIGINS, "names no origin");
        }
        try {
            // As a browser sends them (RFC 6454), so https://app.example.com:443 still matches.
            return origins.stream().map(dev.userinfo.application.CorsPolicy::normalizeOrigin).toList();
        } catch (IllegalArgumentException ex) {
            throw new ConfigurationException(ALLOWED_ORIGINS, ex.getMessage());
        }
    }

    private static URI httpUri(String variable, String v) {
        try {
            URI uri = new URI(v);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(v, "not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException ex) {
            throw new ConfigurationException(variable, "must be an http(s) URL, was '" + v + "'");
        }
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static List<String> splitList(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Environment access where blank counts as unset. */
    private record Env(Map<String, String> values) {
        Optional<String> optional(String name) {
            return Optional.ofNullable(values.get(name)).map(String::trim).filter(s -> !s.isEmpty());
        }

        String required(String name) {
            return optional(name).orElseThrow(() -> new ConfigurationException(name, "is required but not set"));
        }
    }
}
