package dev.userinfo.bootstrap.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.userinfo.application.CorsPolicy;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SAM template against what the code expects of its deployment. */
class DeployTemplateTest {

    private final DeployTemplate template = DeployTemplate.project();

    @Test
    void parametersName_thePool_theClients_andTheOrigin() {
        JsonNode parameters = template.root().path("Parameters");
        for (String name : List.of("UserPoolId", "ClientIds", "AllowedOrigin")) {
            assertTrue(parameters.has(name), name);
            assertFalse(parameters.path(name).has("Default"), name + " has no default: a deploy must name it");
        }
    }

    /**
     * The gateway's own answers send {@code AllowedOrigin} verbatim in {@code Access-Control-Allow-Origin},
     * so the parameter must already be what a browser sends: the pattern (matched whole, as
     * CloudFormation does) lets through only values the service's normalization leaves unchanged.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://app.example.test, true",
        "http://localhost:5173, true",
        "https://app.example.test:8443, true",
        "http://app.example.test:8080, true",
        "https://app.example.test:80, true",
        "http://app.example.test:443, true",
        "https://xn--bcher-kva.example, true",
        "https://app.example.test:443, false",
        "http://app.example.test:80, false",
        "https://App.example.test, false",
        "HTTPS://app.example.test, false",
        "https://app.example.test/, false",
        "https://app.example.test/app, false",
        "http://localhost:3000:*, false",
        "http://localhost:*, false",
        "https://app.example.test:0, false",
        "https://app.example.test:0443, false",
        "https://*.example.test, false",
        "app.example.test, false",
        "'https://a.example.test,https://b.example.test', false",
    })
    void allowedOriginParameter_acceptsOnlyOriginsAsBrowsersSendThem(String value, boolean accepted) {
        JsonNode parameter = template.root().path("Parameters").path("AllowedOrigin");
        Pattern allowed = Pattern.compile(parameter.path("AllowedPattern").asText());

        assertEquals(accepted, allowed.matcher(value).matches(), value);
        if (accepted) {
            assertEquals(value, CorsPolicy.normalizeOrigin(value), "the function would see the same origin");
        }
        assertTrue(parameter.path("ConstraintDescription").asText().contains("https://app.example.com"),
                "a refused value is answered with the shape to write");
    }

    @Test
    void corsAllowedHeadersParameter_defaultsToEmpty_soTheServicesDefaultApplies() {
        JsonNode parameter = template.root().path("Parameters").path("CorsAllowedHeaders");
        JsonNode variables = template.resource("UserInfoFunction").path("Properties").path("Environment")
                .path("Variables");

        assertEquals("", parameter.path("Default").asText("missing"));
        assertEquals("CorsAllowedHeaders", variables.path(UserInfoConfig.CORS_ALLOWED_HEADERS).asText());
        UserInfoConfig config = UserInfoConfig.forLambda(java.util.Map.of(
                UserInfoConfig.AWS_REGION, "eu-west-1", UserInfoConfig.COGNITO_USER_POOL_ID, "eu-west-1_AbC123",
                UserInfoConfig.COGNITO_CLIENT_IDS, "client", UserInfoConfig.ALLOWED_ORIGINS, "https://app.example.com",
                UserInfoConfig.CORS_ALLOWED_HEADERS, parameter.path("Default").asText()));
        assertEquals(CorsPolicy.DEFAULT_ALLOWED_HEADERS, config.corsAllowedHeaders());
    }

    private static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    @Test
    void theJvm_stopsItsJitAtC1_asTheLambdaJavaRuntimeDocsRecommendForStartUp() {
        JsonNode variables = template.resource("UserInfoFunction").path("Properties").path("Environment").path("Variables");

        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", variables.path(JAVA_TOOL_OPTIONS).asText());
    }

    @Test
    void everyEnvironmentVariable_isAConfigurationKeyTheServiceReads() {
        List<String> names = template.environmentVariableNames();

        assertFalse(names.isEmpty());
        for (String name : names) {
            // JAVA_TOOL_OPTIONS is the JVM's own, read before any code of the service runs.
            assertTrue(UserInfoConfig.VARIABLES.contains(name) || name.equals(JAVA_TOOL_OPTIONS),
                    name + " is not read by UserInfoConfig");
        }
        // What forLambda requires besides AWS_REGION, which Lambda sets and a template may not.
        assertTrue(names.containsAll(Set.of(UserInfoConfig.COGNITO_USER_POOL_ID, UserInfoConfig.COGNITO_CLIENT_IDS,
                UserInfoConfig.ALLOWED_ORIGINS)), names.toString());
        assertFalse(names.contains(UserInfoConfig.AWS_REGION), "AWS_REGION is reserved by Lambda");
    }

    @Test
    void everyHandler_isARequestHandlerClassOfThisModule() throws Exception {
        List<String> handlers = template.handlers();

        assertFalse(handlers.isEmpty());
        for (String handler : handlers) {
            String[] parts = handler.split("::");
            assertEquals(2, parts.length, handler);
            Class<?> type = Class.forName(parts[0]);
            assertTrue(RequestHandler.class.isAssignableFrom(type), handler);
            assertNotNull(type.getConstructor(), handler + " has a public no-arg constructor");
            assertTrue(java.util.Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(parts[1])
                    && m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class), handler);
        }
    }

    @Test
    void function_isJava21_withSnapStartOnAPublishedAlias_jsonLogs_memoryAndTimeout() {
        JsonNode function = template.resource("UserInfoFunction").path("Properties");

        assertEquals("java21", function.path("Runtime").asText());
        assertEquals("PublishedVersions", function.path("SnapStart").path("ApplyOn").asText());
        assertFalse(function.path("AutoPublishAlias").asText().isEmpty(), "SnapStart needs a published version");
        assertEquals("JSON", function.path("LoggingConfig").path("LogFormat").asText());
        assertTrue(function.path("MemorySize").asInt() >= 512, "memory set");
        assertTrue(function.path("Timeout").asInt() > 0 && function.path("Timeout").asInt() <= 29,
                "timeout set, within API Gateway's 29 s");
        assertTrue(function.path("CodeUri").asText().endsWith("bootstrap/target/userinfo-lambda.zip"));
    }

    @Test
    void iam_allowsOnlyAdminGetUser_onThePoolsArn_andWithCookieSessionsGetSecretValue_onTheirSecret() {
        assertEquals(List.of(), template.iamViolations());
        List<JsonNode> statements = template.statements();
        assertEquals(2, statements.size());
        JsonNode statement = statements.get(0);
        assertEquals("Allow", statement.path("Effect").asText());
        assertEquals(List.of("cognito-idp:AdminGetUser"), DeployTemplate.texts(statement.path("Action")));
        assertPoolArnInThePoolsOwnRegion(statement.path("Resource"));

        JsonNode policies = template.resource("UserInfoFunction").path("Properties").path("Policies");
        JsonNode secretPolicy = policies.path(1);
        assertEquals("CookieSessionsOn", secretPolicy.path(0).asText(), "only with cookie sessions");
        assertEquals("AWS::NoValue", secretPolicy.path(2).asText());
        JsonNode secret = statements.get(1);
        assertEquals(secret, secretPolicy.path(1).path("Statement").path(0));
        assertEquals("Allow", secret.path("Effect").asText());
        assertEquals(List.of("secretsmanager:GetSecretValue"), DeployTemplate.texts(secret.path("Action")));
        assertEquals(List.of("SessionSecretArn"), DeployTemplate.texts(secret.path("Resource")), "that one secret only");
    }

    @Test
    void cookieSessions_aParameterOffByDefault_settingTheFunctionsVariables_onlyWhenOn() {
        JsonNode parameters = template.root().path("Parameters");
        assertEquals("false", parameters.path("CookieSessions").path("Default").asText());
        assertEquals(List.of("true", "false"), DeployTemplate.texts(parameters.path("CookieSessions").path("AllowedValues")));
        assertEquals(List.of("CookieSessions", "true"),
                DeployTemplate.texts(template.root().path("Conditions").path("CookieSessionsOn")));
        JsonNode variables = template.resource("UserInfoFunction").path("Properties").path("Environment").path("Variables");
        assertEquals("CookieSessions", variables.path(UserInfoConfig.COOKIE_SESSIONS).asText());
        for (var variable : java.util.Map.of(UserInfoConfig.COGNITO_DOMAIN, "CognitoDomain",
                UserInfoConfig.SESSION_REDIRECT_URI, "SessionRedirectUri",
                UserInfoConfig.SESSION_SECRET_ARN, "SessionSecretArn").entrySet()) {
            assertEquals(List.of("CookieSessionsOn", variable.getValue(), "AWS::NoValue"),
                    DeployTemplate.texts(variables.path(variable.getKey())), variable.getKey());
            assertEquals("", parameters.path(variable.getValue()).path("Default").asText("missing"));
        }
        assertEquals(List.of("SessionLogoutUriSet", "SessionLogoutUri", "AWS::NoValue"),
                DeployTemplate.texts(variables.path(UserInfoConfig.SESSION_LOGOUT_URI)));
        assertFalse(variables.has(UserInfoConfig.SESSION_KEYS), "keys come from the secret, never a plain variable");
        assertFalse(variables.has(UserInfoConfig.COGNITO_CLIENT_SECRET), "the client secret comes from the secret");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "CognitoDomain, https://my-prefix.auth.eu-west-1.amazoncognito.com, true",
        "CognitoDomain, https://login.example.com, true",
        "CognitoDomain, '', true",
        "CognitoDomain, http://login.example.com, false",
        "CognitoDomain, https://login.example.com/, false",
        "SessionRedirectUri, https://app.example.com/auth/callback, true",
        "SessionRedirectUri, '', true",
        "SessionRedirectUri, http://app.example.com/auth/callback, false",
        "SessionRedirectUri, https://app.example.com/callback, false",
        "SessionRedirectUri, https://app.example.com/auth/callback?x=1, false",
        "SessionLogoutUri, https://app.example.com/, true",
        "SessionLogoutUri, http://app.example.com/, false",
        "SessionSecretArn, arn:aws:secretsmanager:eu-west-1:123456789012:secret:userinfo/session-AbCdEf, true",
        "SessionSecretArn, '', true",
        "SessionSecretArn, arn:aws:secretsmanager:eu-west-1:123456789012:secret:*, false",
        "SessionSecretArn, userinfo/session, false",
    })
    void cookieSessionParameters_acceptOnlyWhatTheFunctionWould(String parameter, String value, boolean accepted) {
        Pattern allowed = Pattern.compile(template.root().path("Parameters").path(parameter).path("AllowedPattern").asText());
        assertEquals(accepted, allowed.matcher(value).matches(), parameter + "=" + value);
    }

    @Test
    void cookieSessions_rulesRefuseADeployTheFunctionWouldRefuse() {
        JsonNode rule = template.root().path("Rules").path("CookieSessionsNeedTheirSettings");
        assertEquals(List.of("CookieSessions", "true"), DeployTemplate.texts(rule.path("RuleCondition")));
        String assertions = rule.path("Assertions").toString();
        for (String needed : List.of("CognitoDomain", "SessionRedirectUri", "SessionSecretArn", "TrustApiGatewayAuthorizer")) {
            assertTrue(assertions.contains("\"" + needed + "\""), needed + " in " + assertions);
        }
        assertEquals(4, rule.path("Assertions").size());
    }

    @Test
    void userinfoGet_hasNoGatewayAuthorizerWithCookieSessions_resolvedByLanguageExtensionsBeforeSam() {
        assertEquals(List.of("AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"),
                DeployTemplate.texts(template.root().path("Transform")), "LanguageExtensions must run first");
        JsonNode get = template.resource("UserInfoFunction").path("Properties").path("Events").path("GetUserInfo").path("Properties");
        assertEquals(List.of("CookieSessionsOn", "NONE", "CognitoAuthorizer"),
                DeployTemplate.texts(get.path("Auth").path("Authorizer")));
    }

    @Test
    void everyDeployCommandInTheDocs_grantsTheMacroCapabilityTheLanguageExtensionsTransformNeeds() throws Exception {
        for (String doc : List.of("README.md", "deploy/README.md")) {
            String text = java.nio.file.Files.readString(DeployTemplate.projectFile(doc));
            java.util.regex.Matcher capabilities = Pattern.compile("--capabilities ([A-Z_ ]+)").matcher(text);
            int found = 0;
            while (capabilities.find()) {
                found++;
                assertTrue(capabilities.group(1).contains("CAPABILITY_AUTO_EXPAND"), doc + ": " + capabilities.group());
            }
            assertTrue(found > 0, doc + " has a sam deploy command");
        }
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({"/auth/login, GET", "/auth/callback, GET", "/auth/logout, POST", "/auth/logout, OPTIONS"})
    void authRoutes_reachTheFunction_withoutAnAuthorizer(String path, String method) {
        assertTrue(List.of(dev.userinfo.application.CookieSessions.LOGIN_PATH, dev.userinfo.application.CookieSessions.CALLBACK_PATH,
                dev.userinfo.application.CookieSessions.LOGOUT_PATH).contains(path), path);
        JsonNode events = template.resource("UserInfoFunction").path("Properties").path("Events");
        List<JsonNode> matching = new java.util.ArrayList<>();
        events.elements().forEachRemaining(e -> {
            JsonNode p = e.path("Properties");
            if (path.equals(p.path("Path").asText()) && method.equals(p.path("Method").asText())) {
                matching.add(p);
            }
        });
        assertEquals(1, matching.size(), method + " " + path);
        assertEquals("NONE", matching.get(0).path("Auth").path("Authorizer").asText());
        assertEquals("UserInfoApi", matching.get(0).path("RestApiId").asText());
    }

    /**
     * {@code !Sub [arn with ${PoolRegion}, {PoolRegion: !Select [0, !Split ["_", !Ref UserPoolId]]}]}:
     * the region in the pool's id, not the stack's {@code AWS::Region}, so a pool in another region works.
     */
    private static void assertPoolArnInThePoolsOwnRegion(JsonNode sub) {
        assertEquals("arn:${AWS::Partition}:cognito-idp:${PoolRegion}:${AWS::AccountId}:userpool/${UserPoolId}",
                sub.path(0).asText());
        JsonNode poolRegion = sub.path(1).path("PoolRegion");
        assertEquals(0, poolRegion.path(0).asInt(-1));
        assertEquals(List.of("_", "UserPoolId"), DeployTemplate.texts(poolRegion.path(1)));
    }

    @Test
    void iamCheck_findsWildcardsAndManagedPolicies_inADeliberatelyWrongTemplate() {
        DeployTemplate wrong = DeployTemplate.parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Y::handleRequest
                      Policies:
                        - AmazonCognitoPowerUser
                        - Statement:
                            - Effect: Allow
                              Action: cognito-idp:*
                              Resource: !Sub "arn:aws:cognito-idp:${AWS::Region}:${AWS::AccountId}:userpool/${UserPoolId}"
                            - Effect: Allow
                              Action: [cognito-idp:AdminGetUser]
                              Resource: "*"
                            - Effect: Allow
                              NotAction: cognito-idp:AdminDeleteUser
                              Resource: !GetAtt Pool.Arn
                """);

        List<String> violations = wrong.iamViolations();

        assertEquals(5, violations.size(), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("AmazonCognitoPowerUser")));
        assertTrue(violations.contains("wildcard Action 'cognito-idp:*'"));
        assertTrue(violations.contains("wildcard Resource '*'"));
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("statement uses NotAction")));
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("statement has no Action")));
    }

    @Test
    void api_getIsBehindTheCognitoAuthorizer_optionsIsNot() {
        JsonNode auth = template.resource("UserInfoApi").path("Properties").path("Auth");
        assertEquals("CognitoAuthorizer", auth.path("DefaultAuthorizer").asText());
        assertEquals(false, auth.path("AddDefaultAuthorizerToCorsPreflight").asBoolean(true));
        assertPoolArnInThePoolsOwnRegion(auth.path("Authorizers").path("CognitoAuthorizer").path("UserPoolArn"));

        JsonNode events = template.resource("UserInfoFunction").path("Properties").path("Events");
        JsonNode get = events.path("GetUserInfo").path("Properties");
        JsonNode options = events.path("PreflightUserInfo").path("Properties");
        assertEquals("/userinfo", get.path("Path").asText());
        assertEquals("GET", get.path("Method").asText());
        assertEquals("CognitoAuthorizer", get.path("Auth").path("Authorizer").path(2).asText(),
                "GET keeps the Cognito authorizer unless cookie sessions are on");
        assertEquals("OPTIONS", options.path("Method").asText());
        assertEquals("NONE", options.path("Auth").path("Authorizer").asText());
    }

    @Test
    void gatewayResponses_carryCorsHeaders_onDefault4xxAnd5xx() {
        JsonNode responses = template.resource("UserInfoApi").path("Properties").path("GatewayResponses");
        for (String type : List.of("DEFAULT_4XX", "DEFAULT_5XX", "UNAUTHORIZED")) {
            JsonNode headers = responses.path(type).path("ResponseParameters").path("Headers");
            assertEquals("'${AllowedOrigin}'", headers.path("Access-Control-Allow-Origin").asText(), type);
            assertEquals("'Origin'", headers.path("Vary").asText(), type);
        }
        // Every answer the gateway gives itself can be read by the app's credentialed fetch (cookie sessions).
        responses.fields().forEachRemaining(e -> assertEquals("'true'", e.getValue().path("ResponseParameters")
                .path("Headers").path("Access-Control-Allow-Credentials").asText(), e.getKey()));
        assertEquals(5, responses.size());
    }

    @Test
    void outputs_theApiUrl() {
        String url = template.root().path("Outputs").path("UserInfoUrl").path("Value").asText();

        assertTrue(url.startsWith("https://${UserInfoApi}.execute-api.${AWS::Region}."), url);
        assertTrue(url.endsWith("/userinfo"), url);
    }
}
