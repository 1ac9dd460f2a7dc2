package dev.userinfo.bootstrap.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The copy-paste curl lines the banner and the dev page show: one gets a token into {@code $TOKEN},
 * the next calls {@code /userinfo} with it. Plain POSIX shell, curl and sed: no jq needed.
 */
final class LocalCurl {

    /** Placeholders in the cognito-mode lines, for the reader to replace. */
    static final String USERNAME_PLACEHOLDER = "YOUR_USERNAME";
    static final String PASSWORD_PLACEHOLDER = "YOUR_PASSWORD";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalCurl() {
    }

    /** Embedded mode: a token from {@code POST /dev/token}. */
    static List<String> embedded(String baseUrl, String username) {
        String body = json(Map.of("username", username));
        return List.of(
                "TOKEN=$(curl -s -X POST " + baseUrl + "/dev/token -H 'Content-Type: application/json' -d "
                        + shellQuote(body) + " | sed -E 's/.*\"id_token\":\"([^\"]+)\".*/\\1/')",
                callUserInfo(baseUrl));
    }

    /**
     * Cognito mode: a token from the pool's own {@code InitiateAuth} (an app client without a secret
     * that allows {@code USER_PASSWORD_AUTH}), whether the pool is real or cognito-local.
     */
    static List<String> cognito(String baseUrl, String cognitoEndpoint, String clientId) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("USERNAME", USERNAME_PLACEHOLDER);
        params.put("PASSWORD", PASSWORD_PLACEHOLDER);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("AuthFlow", "USER_PASSWORD_AUTH");
        request.put("ClientId", clientId);
        request.put("AuthParameters", params);
        return List.of(
                "TOKEN=$(curl -s -X POST " + cognitoEndpoint
                        + " -H 'Content-Type: application/x-amz-json-1.1'"
                        + " -H 'X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth' -d "
                        + shellQuote(json(request)) + " | sed -E 's/.*\"IdToken\":\"([^\"]+)\".*/\\1/')",
                callUserInfo(baseUrl));
    }

    private static String callUserInfo(String baseUrl) {
        return "curl -s " + baseUrl + "/userinfo -H \"Authorization: Bearer $TOKEN\"";
    }

    /** Single-quotes a word for a POSIX shell, so any username survives the copy-paste. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialize", e);
        }
    }
}
