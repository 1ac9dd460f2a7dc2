package dev.userinfo.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.adapter.cognito.oauth.ClientSecret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The embedded sign-in server's settings: defaults, and every mistake stopping start-up naming its variable. */
class SignInSettingsTest {

    @Test
    void defaults_nextPort_theDevClient_publicWithLoopbackUrls() {
        SignInSettings settings = UserInfoConfig.forLocalServer(Map.of()).signIn();

        assertEquals(8081, settings.port());
        assertEquals("userinfo-embedded-client", settings.clientId());
        assertEquals(Optional.empty(), settings.clientSecret());
        assertEquals(List.of("http://localhost:*", "http://127.0.0.1:*"), settings.redirectUris());
        assertEquals(List.of("http://localhost:*", "http://127.0.0.1:*"), settings.logoutUris());
    }

    @Test
    void portFollowsPort_andIsFreeWhenPortIsFree() {
        assertEquals(9001, UserInfoConfig.forLocalServer(Map.of("PORT", "9000")).signIn().port());
        assertEquals(0, UserInfoConfig.forLocalServer(Map.of("PORT", "0")).signIn().port());
        assertEquals(0, UserInfoConfig.forLocalServer(Map.of("PORT", "0", "SIGN_IN_PORT", "0")).signIn().port());
        assertEquals(65_535, UserInfoConfig.forLocalServer(Map.of("PORT", "65534")).signIn().port());
        assertEquals(7000, UserInfoConfig.forLocalServer(Map.of("PORT", "65535", "SIGN_IN_PORT", "7000")).signIn().port());
    }

    @Test
    void configuredValues_areRead() {
        SignInSettings settings = UserInfoConfig.forLocalServer(Map.of("SIGN_IN_PORT", "9443", "SIGN_IN_CLIENT_ID", "web+app_1",
                "SIGN_IN_CLIENT_SECRET", "s3cret", "SIGN_IN_REDIRECT_URIS", " https://app.example.com/cb , http://localhost:* ",
                "SIGN_IN_LOGOUT_URIS", "https://app.example.com/")).signIn();

        assertEquals(9443, settings.port());
        assertEquals("web+app_1", settings.clientId());
        assertEquals("s3cret", settings.clientSecret().orElseThrow().value());
        assertEquals(List.of("https://app.example.com/cb", "http://localhost:*"), settings.redirectUris());
        assertEquals(List.of("https://app.example.com/"), settings.logoutUris());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "SIGN_IN_PORT          | 65536       | must be a port number",
            "SIGN_IN_PORT          | -1          | must be a port number",
            "SIGN_IN_PORT          | 8080        | must differ from PORT",
            "SIGN_IN_CLIENT_ID     | a b         | must be 1 to 128 letters",
            "SIGN_IN_CLIENT_ID     | a/b         | must be 1 to 128 letters",
            "SIGN_IN_CLIENT_SECRET | 'a b'       | without spaces",
            "SIGN_IN_REDIRECT_URIS | ' , '       | names no URL",
            "SIGN_IN_LOGOUT_URIS   | ','         | names no URL",
    })
    void mistakes_stopStartUpNamingTheVariable(String variable, String value, String problem) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> UserInfoConfig.forLocalServer(Map.of(variable, value)));

        assertTrue(e.getMessage().startsWith(variable + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void portAtTheTop_needsAnExplicitSignInPort() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> UserInfoConfig.forLocalServer(Map.of("PORT", "65535")));

        assertTrue(e.getMessage().startsWith("SIGN_IN_PORT: must be set when PORT is 65535"), e.getMessage());
    }

    @Test
    void secret_neverShowsInAMessageOrToString() {
        String secret = "a-very-secret value";
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> UserInfoConfig.forLocalServer(Map.of("SIGN_IN_CLIENT_SECRET", secret)));
        assertFalse(e.getMessage().contains("secret value"), e.getMessage());

        SignInSettings settings = UserInfoConfig.forLocalServer(Map.of("SIGN_IN_CLIENT_SECRET", "s3cret-value")).signIn();
        assertFalse(settings.toString().contains("s3cret-value"), settings.toString());
        assertEquals("ClientSecret[redacted]", new ClientSecret("x").toString());
        assertThrows(IllegalArgumentException.class, () -> new ClientSecret("x".repeat(129)));
        assertEquals(128, new ClientSecret("x".repeat(128)).value().length());
    }

    @Test
    void cognitoModeAndTheLambda_haveNoSignInServer() {
        assertNull(UserInfoConfig.forLocalServer(Map.of("USERINFO_MODE", "cognito", "AWS_REGION", "eu-west-1",
                "COGNITO_USER_POOL_ID", "eu-west-1_AbC123", "COGNITO_CLIENT_IDS", "c")).signIn());
    }
}
