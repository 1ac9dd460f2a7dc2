package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The cookie-session half of {@link HostileRequestFuzzTest} (Jazzer fuzzes one {@code @FuzzTest} per
 * JVM, so it runs there, on the bytes the bearer half leaves): throws arbitrary cookie-session requests at the endpoint with cookie sessions on: any method on the
 * {@code /auth/*} routes and {@code /userinfo}, arbitrary {@code Cookie}, {@code X-CSRF}, {@code Origin}
 * and {@code Sec-Fetch-Site} values, arbitrary {@code returnTo}, {@code code}, {@code state} and
 * {@code error}. Whatever arrives: never a 500, a JSON body on every non-empty answer, a redirect only
 * to the authorization server or to a local path or allowed origin, cookies only of this service's
 * names, an origin reflected only when allowed.
 */
final class HostileCookieRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UserInfoEndpoint ENDPOINT = CookieContractCases.endpoint();
    private static final CorsPolicy CORS = CorsPolicy.of(ContractCases.ALLOWED_ORIGINS);
    private static final Set<String> OUR_COOKIES = Set.of("__Host-userinfo", "__Host-userinfo.0", "__Host-userinfo.1",
            "__Host-userinfo-login");

    private HostileCookieRequests() {
    }

    static void anyCookieRequest_getsAContractAnswer_neverA500_neverAnOpenRedirect(FuzzedDataProvider data) throws Exception {
        String method = data.pickValue(new String[] {"GET", "POST", "OPTIONS", "DELETE", data.consumeString(8)});
        String path = data.pickValue(new String[] {"/userinfo", "/auth/login", "/auth/callback", "/auth/logout",
                "/auth/" + data.consumeString(20)});
        Map<String, String> headers = new HashMap<>();
        if (data.consumeBoolean()) {
            String name = data.pickValue(new String[] {"__Host-userinfo", "__Host-userinfo.0", "__Host-userinfo-login", "userinfo"});
            String value = data.pickValue(new String[] {"sealed-alice", "sealed-login-for-app", "sealed-alice-due", data.consumeString(200)});
            headers.put("Cookie", name + "=" + value + (data.consumeBoolean() ? "; " + data.consumeString(100) : ""));
        }
        if (data.consumeBoolean()) {
            headers.put("X-CSRF", data.pickValue(new String[] {"1", data.consumeString(5)}));
        }
        if (data.consumeBoolean()) {
            headers.put("Origin", data.pickValue(new String[] {ContractCases.APP_ORIGIN, data.consumeString(60)}));
        }
        if (data.consumeBoolean()) {
            headers.put("Sec-Fetch-Site", data.pickValue(new String[] {"cross-site", "same-origin", data.consumeString(12)}));
        }
        Map<String, String> query = new HashMap<>();
        for (String name : new String[] {"returnTo", "code", "state", "error"}) {
            if (data.consumeBoolean()) {
                query.put(name, data.pickValue(new String[] {"code-alice", "state-1", "/app", data.consumeString(600)}));
            }
        }

        HttpResponse response = ENDPOINT.handle(new HttpRequest(method, path, Headers.of(headers),
                QueryParameters.of(query, null), "fuzz"));

        assertNotEquals(500, response.status());
        assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
        if (!response.body().isEmpty()) {
            JsonNode body = JSON.readTree(response.body());
            assertTrue(body.isObject() && (body.has("error") || body.has("name") || body.has("logoutUrl")), response.body());
        }
        String location = response.header("Location");
        if (response.status() == 302) {
            assertTrue(location.startsWith("https://auth.example.com/oauth2/authorize?"), location);
        } else if (response.status() == 303) {
            String target = location.contains("?") ? location.substring(0, location.indexOf('?')) : location;
            assertTrue((target.startsWith("/") && !target.startsWith("//") && !target.contains("\\"))
                    || CORS.allows(target.replaceAll("^(https?://[^/]+).*$", "$1")), location);
        } else {
            assertEquals(null, location);
        }
        for (String cookie : response.cookies()) {
            assertTrue(OUR_COOKIES.contains(cookie.substring(0, cookie.indexOf('='))), cookie);
            assertFalse(cookie.toLowerCase().contains("domain="), cookie);
        }
        String allowed = response.header("Access-Control-Allow-Origin");
        if (allowed != null) {
            assertEquals(headers.get("Origin"), allowed);
            assertTrue(CORS.allows(allowed));
        }
    }
}
