package dev.userinfo.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.bootstrap.config.UserInfoConfigWarnings.Warning;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The start-up warnings about variables userinfo will not read, exactly as an operator reads them. */
public class UserInfoConfigWarningsTest {

    /** Every value in these environments: no warning may ever contain it. */
    private static final String VALUE = "value-that-must-not-be-logged";

    /** What a developer's shell typically holds, AWS credentials and CI variables included. */
    public static Map<String, String> normalShell() {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("HOME", "PATH", "USER", "LOGNAME", "SHELL", "TERM", "LANG", "LC_ALL", "PWD",
                "OLDPWD", "HOSTNAME", "HOST", "SHLVL", "EDITOR", "PAGER", "TMPDIR", "DISPLAY", "COLORTERM",
                "SSH_AUTH_SOCK", "SSH_CONNECTION", "XDG_SESSION_ID", "XDG_SESSION_TYPE", "XDG_RUNTIME_DIR",
                "DBUS_SESSION_BUS_ADDRESS", "JAVA_HOME", "JAVA_TOOL_OPTIONS", "MAVEN_OPTS", "MAVEN_HOME", "M2_HOME",
                "NODE_ENV", "NVM_DIR", "npm_config_cache", "http_proxy", "https_proxy", "no_proxy", "GOPATH",
                "CI", "GITHUB_ACTIONS", "GITHUB_WORKSPACE", "RUNNER_OS", "BUILD_NUMBER",
                "AWS_PROFILE", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_EC2_METADATA_DISABLED",
                "AWS_ENDPOINT_URL", "AWS_PAGER", "AWS_SDK_LOAD_CONFIG")) {
            env.put(name, VALUE);
        }
        return env;
    }

    /** What the Lambda Java runtime sets, besides the function's own variables. */
    public static Map<String, String> lambdaRuntime() {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
                "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_LOG_FORMAT",
                "AWS_LAMBDA_LOG_LEVEL", "AWS_LAMBDA_RUNTIME_API", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN", "AWS_XRAY_CONTEXT_MISSING", "AWS_XRAY_DAEMON_ADDRESS",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "_AWS_XRAY_DAEMON_ADDRESS",
                "_AWS_XRAY_DAEMON_PORT", "_HANDLER", "_X_AMZN_TRACE_ID", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
                "JAVA_TOOL_OPTIONS", "LANG", "LD_LIBRARY_PATH", "PATH", "TZ")) {
            env.put(name, VALUE);
        }
        return env;
    }

    /** A complete, correct Lambda configuration. */
    private static Map<String, String> lambda() {
        Map<String, String> env = lambdaRuntime();
        env.putAll(Map.of(
                UserInfoConfig.COGNITO_USER_POOL_ID, VALUE,
                UserInfoConfig.COGNITO_CLIENT_IDS, VALUE,
                UserInfoConfig.COGNITO_TOKEN_USE, VALUE,
                UserInfoConfig.ALLOWED_ORIGINS, VALUE,
                UserInfoConfig.ATTRIBUTE_CACHE_TTL_SECONDS, VALUE,
                UserInfoConfig.TRUST_API_GATEWAY_AUTHORIZER, VALUE));
        return env;
    }

    private static Map<String, String> with(Map<String, String> base, String... namesSetToAValue) {
        Map<String, String> env = new HashMap<>(base);
        for (String name : namesSetToAValue) {
            env.put(name, VALUE);
        }
        return env;
    }

    private static List<String> messages(List<Warning> warnings) {
        warnings.forEach(w -> assertFalse(w.message().contains(VALUE), w.message()));
        return warnings.stream().map(Warning::message).toList();
    }

    @Test
    void emptyEnvironment_warnsNothing() {
        assertEquals(List.of(), UserInfoConfigWarnings.forLocalServer(Map.of()));
        assertEquals(List.of(), UserInfoConfigWarnings.forLambda(Map.of()));
    }

    @Test
    void aNormalShell_warnsNothing_inEitherMode() {
        assertEquals(List.of(), UserInfoConfigWarnings.forLocalServer(normalShell()));
        assertEquals(List.of(), UserInfoConfigWarnings.forLocalServer(with(normalShell(),
                UserInfoConfig.AWS_REGION, UserInfoConfig.PORT, UserInfoConfig.COGNITO_TOKEN_USE,
                UserInfoConfig.ALLOWED_ORIGINS, UserInfoConfig.USERINFO_DEV_USERS)));
        Map<String, String> cognito = with(normalShell(), UserInfoConfig.AWS_REGION, UserInfoConfig.COGNITO_USER_POOL_ID,
                UserInfoConfig.COGNITO_CLIENT_IDS, UserInfoConfig.COGNITO_ENDPOINT, UserInfoConfig.COGNITO_ISSUER,
                UserInfoConfig.COGNITO_JWKS_URL, UserInfoConfig.ATTRIBUTE_CACHE_TTL_SECONDS, UserInfoConfig.PORT);
        cognito.put(UserInfoConfig.USERINFO_MODE, "cognito");
        assertEquals(List.of(), UserInfoConfigWarnings.forLocalServer(cognito));
    }

    @Test
    void theLambdaRuntimesOwnVariables_andACorrectConfiguration_warnNothing() {
        assertEquals(List.of(), UserInfoConfigWarnings.forLambda(lambda()));
    }

    @Test
    void allowedOriginSingular_isNamedWithTheVariableMeant() {
        List<Warning> warnings = UserInfoConfigWarnings.forLocalServer(with(normalShell(), "ALLOWED_ORIGIN"));

        assertEquals(List.of("ALLOWED_ORIGIN is not a variable userinfo reads, so it has no effect;"
                + " did you mean ALLOWED_ORIGINS?"), messages(warnings));
        assertEquals(List.of("ALLOWED_ORIGIN"), warnings.get(0).variables());
    }

    @Test
    void devUserSingular_isNamedWithTheVariableMeant() {
        assertEquals(List.of("USERINFO_DEV_USER is not a variable userinfo reads, so it has no effect;"
                + " did you mean USERINFO_DEV_USERS?"),
                messages(UserInfoConfigWarnings.forLocalServer(with(normalShell(), "USERINFO_DEV_USER"))));
    }

    @Test
    void poolAndClientIds_inEmbeddedMode_sayTheyNeedCognitoMode() {
        assertEquals(List.of("COGNITO_CLIENT_IDS, COGNITO_USER_POOL_ID are read only in cognito mode and ignored in"
                + " embedded mode; set USERINFO_MODE=cognito to use a user pool"),
                messages(UserInfoConfigWarnings.forLocalServer(with(normalShell(),
                        UserInfoConfig.COGNITO_USER_POOL_ID, UserInfoConfig.COGNITO_CLIENT_IDS, UserInfoConfig.AWS_REGION))));
    }

    @Test
    void cookieSessionVariablesEmbeddedModeDerives_areNamedAsIgnored_theirLimitsAreNot() {
        List<Warning> warnings = UserInfoConfigWarnings.forLocalServer(with(Map.of(), UserInfoConfig.SESSION_KEYS,
                UserInfoConfig.SESSION_REDIRECT_URI, UserInfoConfig.SESSION_CLIENT_ID, UserInfoConfig.SESSION_IDLE_TIMEOUT,
                UserInfoConfig.SESSION_LOGOUT_URI));

        List<String> messages = messages(warnings);
        assertEquals(1, messages.size(), messages.toString());
        assertEquals(List.of(UserInfoConfig.SESSION_CLIENT_ID, UserInfoConfig.SESSION_KEYS, UserInfoConfig.SESSION_REDIRECT_URI),
                warnings.get(0).variables().stream().sorted().toList());
        assertTrue(messages.get(0).contains("ignored in embedded mode, whose cookie sessions use the sign-in server's client"),
                messages.get(0));
    }

    @Test
    void oneCognitoVariable_inExplicitEmbeddedMode_isNamedAlone() {
        Map<String, String> env = with(Map.of(), UserInfoConfig.COGNITO_ENDPOINT);
        env.put(UserInfoConfig.USERINFO_MODE, " Embedded ");

        assertEquals(List.of("COGNITO_ENDPOINT is read only in cognito mode and ignored in embedded mode;"
                + " set USERINFO_MODE=cognito to use a user pool"), messages(UserInfoConfigWarnings.forLocalServer(env)));
    }

    @Test
    void cognitoModeOnly_isThePoolsVariables_butNotTheTokenUseWhichEmbeddedReadsToo() {
        for (String variable : List.of(UserInfoConfig.COGNITO_USER_POOL_ID, UserInfoConfig.COGNITO_CLIENT_IDS,
                UserInfoConfig.COGNITO_ENDPOINT, UserInfoConfig.COGNITO_ISSUER, UserInfoConfig.COGNITO_JWKS_URL,
                UserInfoConfig.ATTRIBUTE_CACHE_TTL_SECONDS)) {
            assertTrue(UserInfoConfigWarnings.cognitoModeOnly(variable), variable);
        }
        for (String variable : List.of(UserInfoConfig.COGNITO_TOKEN_USE, UserInfoConfig.ALLOWED_ORIGINS,
                UserInfoConfig.AWS_REGION, UserInfoConfig.PORT, UserInfoConfig.USERINFO_DEV_USERS,
                UserInfoConfig.USERINFO_MODE, UserInfoConfig.TRUST_API_GATEWAY_AUTHORIZER)) {
            assertFalse(UserInfoConfigWarnings.cognitoModeOnly(variable), variable);
        }
    }

    @Test
    void blankValues_countAsUnset_asTheConfigurationReadsThem() {
        Map<String, String> env = new HashMap<>(Map.of("ALLOWED_ORIGIN", " ", UserInfoConfig.COGNITO_USER_POOL_ID, ""));

        assertEquals(List.of(), UserInfoConfigWarnings.forLocalServer(env));
    }

    @Test
    void devUsersFile_inCognitoMode_isNamedAsEmbeddedOnly() {
        Map<String, String> env = with(Map.of(), UserInfoConfig.USERINFO_DEV_USERS);
        env.put(UserInfoConfig.USERINFO_MODE, "COGNITO");

        assertEquals(List.of("USERINFO_DEV_USERS is read only in embedded mode (USERINFO_MODE=embedded) and ignored"
                + " in cognito mode"), messages(UserInfoConfigWarnings.forLocalServer(env)));
    }

    @Test
    void trustTheAuthorizer_onTheLocalServer_isNamedAsLambdaOnly() {
        assertEquals(List.of("TRUST_API_GATEWAY_AUTHORIZER is read only by the Lambda function and ignored by the"
                + " local server"),
                messages(UserInfoConfigWarnings.forLocalServer(with(Map.of(), UserInfoConfig.TRUST_API_GATEWAY_AUTHORIZER))));
    }

    @Test
    void localServerVariables_inTheLambda_areNamedAsLocalOnly() {
        Map<String, String> env = with(lambda(), UserInfoConfig.USERINFO_MODE, UserInfoConfig.PORT,
                UserInfoConfig.USERINFO_DEV_USERS);

        assertEquals(List.of("PORT, USERINFO_DEV_USERS, USERINFO_MODE are read only by the local server and ignored"
                + " by the Lambda function"), messages(UserInfoConfigWarnings.forLambda(env)));
    }

    @Test
    void anUnknownMode_leavesModeWarningsToTheConfigurationError_butStillNamesMisspellings() {
        Map<String, String> env = with(Map.of(), UserInfoConfig.COGNITO_USER_POOL_ID, "COGNITO_CLIENT_ID");
        env.put(UserInfoConfig.USERINFO_MODE, "lambda");

        assertEquals(List.of("COGNITO_CLIENT_ID is not a variable userinfo reads, so it has no effect;"
                + " did you mean COGNITO_CLIENT_IDS?"), messages(UserInfoConfigWarnings.forLocalServer(env)));
    }

    @Test
    void misspellings_inTheLambda_comeFirst_thenMisplacedVariables_eachSortedByName() {
        Map<String, String> env = with(lambda(), "COGNITO_USERPOOL_ID", "ALLOWED_ORIGIN", UserInfoConfig.PORT);

        List<Warning> warnings = UserInfoConfigWarnings.forLambda(env);

        assertEquals(List.of(
                "ALLOWED_ORIGIN is not a variable userinfo reads, so it has no effect; did you mean ALLOWED_ORIGINS?",
                "COGNITO_USERPOOL_ID is not a variable userinfo reads, so it has no effect;"
                        + " did you mean COGNITO_USER_POOL_ID?",
                "PORT is read only by the local server and ignored by the Lambda function"), messages(warnings));
        assertEquals(List.of(List.of("ALLOWED_ORIGIN"), List.of("COGNITO_USERPOOL_ID"), List.of("PORT")),
                warnings.stream().map(Warning::variables).toList());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "COGNITO_POOL_ID, COGNITO_USER_POOL_ID",       // a word left out
            "COGNITO_JWKS_URI, COGNITO_JWKS_URL",          // URI for URL
            "COGNITO_TOKENUSE, COGNITO_TOKEN_USE",
            "COGNTIO_CLIENT_IDS, COGNITO_CLIENT_IDS",      // two letters swapped in the prefix: caught by distance alone
            "ALOWED_ORIGINS, ALLOWED_ORIGINS",
            "allowed_origins, ALLOWED_ORIGINS",            // environment names are case-sensitive
            "AWS_REGOIN, AWS_REGION",
            "USERINFO_MDOE, USERINFO_MODE",
            "ATTRIBUTE_CACHE_TTL_SECOND, ATTRIBUTE_CACHE_TTL_SECONDS",
    })
    void aSlip_isNamedWithTheClosestKnownVariable(String typed, String meant) {
        assertEquals(List.of(typed + " is not a variable userinfo reads, so it has no effect; did you mean " + meant + "?"),
                messages(UserInfoConfigWarnings.forLocalServer(with(Map.of(), typed))));
    }

    @ParameterizedTest
    @CsvSource({"COGNITO_REGION", "USERINFO_LOG_LEVEL", "ALLOWED_METHODS", "TRUST_PROXY"})
    void ourPrefix_withNoCloseKnownName_stillWarns_withoutAGuess(String typed) {
        assertEquals(List.of(typed + " is not a variable userinfo reads, so it has no effect"),
                messages(UserInfoConfigWarnings.forLocalServer(with(Map.of(), typed))));
    }

    @ParameterizedTest
    @CsvSource({"AWS_REGIONS_ENABLED", "HOST", "PORTS", "REGION", "USER_POOL", "ORIGIN", "COGNITO", "AWS_DEFAULT_REGION"})
    void namesThatAreNotOurs_areLeftAlone(String name) {
        assertEquals(List.of(), UserInfoConfigWarnings.forLocalServer(with(Map.of(), name)));
        assertEquals(List.of(), UserInfoConfigWarnings.forLambda(with(lambda(), name)));
    }

    @ParameterizedTest(name = "{0} / {1} = {2}")
    @CsvSource({
            "'', '', 0", "ABC, '', 3", "'', ABC, 3", "ABC, ABC, 0", "ABC, ABD, 1", "ABC, AB, 1", "AB, ABC, 1",
            "ABCD, ACBD, 1", "BA, AB, 1", "CA, ABC, 3", "KITTEN, SITTING, 3",
    })
    void distance_countsInsertionsDeletionsSubstitutionsAndNeighbourSwaps(String a, String b, int expected) {
        assertEquals(expected, UserInfoConfigWarnings.distance(a, b));
        assertEquals(expected, UserInfoConfigWarnings.distance(b, a));
    }
}
