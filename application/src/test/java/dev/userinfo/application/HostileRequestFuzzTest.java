package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Throws arbitrary methods, paths and header values (Authorization, Origin) at the endpoint. Whatever
 * arrives, the answer is a contract status with a JSON body, never a 500 or an exception, and an
 * origin is never reflected unless allowed. The bytes left over then make a cookie-session request
 * ({@link HostileCookieRequests}). Without JAZZER_FUZZ it replays the committed seed corpus
 * (src/test/resources/.../HostileRequestFuzzTestInputs); the build's short fuzzing run sets it.
 */
class HostileRequestFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fakes that know one good token; unlike the contract rows, no token here is meant to fail with a 500. */
    private static final UserInfoEndpoint ENDPOINT = new UserInfoEndpoint(
            new GetUserInfo(
                    new InMemoryTokenParser().accept("tok.alice.id", new VerifiedIdentity("alice", "sub-alice",
                            TokenUse.ID, "client-1", null, List.of(), Instant.parse("2099-01-01T00:00:00Z"))),
                    new InMemoryUserAttributeLookup().put("alice", "sub-alice", Map.of("nickname", "Ally"), true)),
            CorsPolicy.of(ContractCases.ALLOWED_ORIGINS),
            AccessLog.discarding());

    @FuzzTest(maxDuration = "20s")
    void anyRequest_getsAContractAnswer_neverA500(FuzzedDataProvider data) throws Exception {
        String method = data.pickValue(new String[] {"GET", "OPTIONS", "POST", "HEAD", "", data.consumeString(8)});
        String path = data.pickValue(new String[] {"/userinfo", "/", data.consumeString(40)});
        Map<String, String> headers = new HashMap<>();
        if (data.consumeBoolean()) {
            headers.put(data.pickValue(new String[] {"Authorization", "authorization", "AUTHORIZATION"}),
                    data.consumeString(300));
        }
        if (data.consumeBoolean()) {
            headers.put("Origin", data.consumeString(60));
        }

        HttpResponse response = ENDPOINT.handle(new HttpRequest(method, path, Headers.of(headers), "fuzz"));

        assertNotEquals(500, response.status());
        assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
        if (response.status() != 204) {
            JsonNode body = JSON.readTree(response.body());
            assertTrue(body.isObject() && body.has("name") != body.has("error"), response.body());
        }
        String allowed = response.header("Access-Control-Allow-Origin");
        if (allowed != null) {
            assertEquals(headers.get("Origin"), allowed);
            assertTrue(CorsPolicy.of(ContractCases.ALLOWED_ORIGINS).allows(allowed));
        }
        // Consumed after the bearer half, so the committed seeds still reach the bearer paths they were made for.
        HostileCookieRequests.anyCookieRequest_getsAContractAnswer_neverA500_neverAnOpenRedirect(data);
    }
}
