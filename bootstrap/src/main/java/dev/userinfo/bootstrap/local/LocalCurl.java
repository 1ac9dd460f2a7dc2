package dev.userinfo.bootstrap.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The copy-paste curl lines the banner and the dev page show: one gets a token into {@code $TOKEN},
 * the next calls {@code /userinfo} with it. Plain POSIX shell (bash, zsh, dash) and curl 7.76 or
 * later: no jq, no sed.
 *
 * <p>They fail loudly. {@code curl -sS --fail-with-body} exits non-zero on an HTTP error and still
 * shows its body, and no pipe hides that exit status. The first line keeps a token only when the
 * answer was a success that holds one; otherwise it prints the answer (the real error, such as
 * {@code unknown_user} or Cognito's {@code NotAuthorizedException}) to stderr, empties
 * {@code $TOKEN} and fails. The second line then refuses to run ({@code ${TOKEN:?…}}), so an error
 * body is never sent to {@code /userinfo} as if it were a token, and a token left over from an
 * earlier run is never sent in its place.
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
                getToken("curl -sS --fail-with-body -X POST " + baseUrl + "/dev/token"
                        + " -H 'Content-Type: application/json' -d " + shellQuote(body), "id_token"),
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
                getToken("curl -sS --fail-with-body -X POST " + cognitoEndpoint
                        + " -H 'Content-Type: application/x-amz-json-1.1'"
                        + " -H 'X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth' -d "
                        + shellQuote(json(request)), "IdToken"),
                callUserInfo(baseUrl));
    }

    /**
     * {@code RESPONSE=$(curl …)}, then the token cut out of {@code "field":"<token>"} with the
     * shell's own pattern removal; on any failure the response goes to stderr and {@code $TOKEN}
     * is emptied.
     */
    private static String getToken(String curl, String field) {
        return "RESPONSE=$(" + curl + ") && TOKEN=${RESPONSE#*'\"" + field + "\":\"'}"
                + " && [ \"$TOKEN\" != \"$RESPONSE\" ] && TOKEN=${TOKEN%%'\"'*}"
                + " || { printf '%s\\n' \"$RESPONSE\" >&2; TOKEN=; false; }";
    }

    private static String callUserInfo(String baseUrl) {
        return "curl -sS --fail-with-body " + baseUrl + "/userinfo"
                + " -H \"Authorization: Bearer ${TOKEN:?no token, see the error above}\"";
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
