package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.domain.AttributeSource;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.ProfileOrigin;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The access log says where a 200's profile came from: the pool, its last known record, or the ID token. */
class ProfileOriginLogTest {

    private static final Instant EXP = Instant.parse("2099-01-01T00:00:00Z");
    private static final VerifiedIdentity ID = new VerifiedIdentity("alice", "sub-alice", TokenUse.ID, "client-1",
            "alice@example.com", List.of(), EXP, Map.of("nickname", "Ally", "email", "alice@example.com"));
    private static final VerifiedIdentity ACCESS = new VerifiedIdentity("alice", "sub-alice", TokenUse.ACCESS,
            "client-1", null, List.of(), EXP);

    private final List<AccessLogEntry> entries = new ArrayList<>();
    private final InMemoryTokenParser tokens = new InMemoryTokenParser().accept("id.tok.en", ID).accept("access.tok.en", ACCESS);

    private HttpResponse get(String token, AttributeSource source, UserAttributes record) {
        UserInfoEndpoint endpoint = new UserInfoEndpoint(new GetUserInfo(tokens, (u, s) -> record, source),
                CorsPolicy.of(List.of("http://localhost:*")), entries::add);
        return endpoint.handle(new HttpRequest("GET", "/userinfo",
                Headers.of(Map.of("Authorization", "Bearer " + token)), "req-1"));
    }

    private static UserAttributes alice() {
        return new UserAttributes("alice", "sub-alice", Map.of("nickname", "Pool Ally"), true);
    }

    private String line() {
        return new JsonAccessLog(System.out).format(entries.get(entries.size() - 1));
    }

    @Test
    void freshPoolRecord_isLoggedAsPool() {
        HttpResponse response = get("access.tok.en", AttributeSource.POOL, alice());

        assertEquals(200, response.status());
        assertEquals("pool", entries.get(0).profile());
        assertTrue(line().contains("\"outcome\":\"ok\",\"sub\":\"sub-alice\",\"profile\":\"pool\""), line());
    }

    @Test
    void staleRecord_isAnsweredAs200WithTheSameBody_andLoggedAsStale() {
        HttpResponse fresh = get("access.tok.en", AttributeSource.POOL, alice());
        HttpResponse stale = get("access.tok.en", AttributeSource.POOL, alice().asStale());

        assertEquals(200, stale.status());
        assertEquals(fresh.body(), stale.body());
        assertEquals(fresh.headers(), stale.headers());
        assertEquals("stale", entries.get(1).profile());
        assertTrue(line().contains("\"profile\":\"stale\""), line());
    }

    @Test
    void idTokenInTokenMode_isLoggedAsIdToken_andAnsweredFromItsClaims() {
        HttpResponse response = get("id.tok.en", AttributeSource.TOKEN, alice());

        assertEquals(200, response.status());
        assertTrue(response.body().contains("\"nickname\":\"Ally\""), response.body());
        assertEquals("id_token", entries.get(0).profile());
        assertFalse(line().contains("@example.com"), line());
    }

    @Test
    void refusals_carryNoProfile() {
        get("access.tok.en", AttributeSource.POOL, new UserAttributes("alice", "sub-alice", Map.of(), false));
        get("unknown.tok.en", AttributeSource.POOL, alice());

        assertEquals(403, entries.get(0).status());
        assertNull(entries.get(0).profile());
        assertNull(entries.get(1).profile());
        assertFalse(line().contains("\"profile\""), line());
    }

    @Test
    void everyOrigin_hasItsOwnLabel() {
        assertEquals("pool", UserInfoEndpoint.profileLabel(ProfileOrigin.POOL));
        assertEquals("stale", UserInfoEndpoint.profileLabel(ProfileOrigin.POOL_STALE));
        assertEquals("id_token", UserInfoEndpoint.profileLabel(ProfileOrigin.ID_TOKEN));
    }

    @Test
    void compatibilityConstructors_leaveTheProfileOut() {
        assertNull(new RequestOutcome("ok", null, "sub").profile());
        assertNull(new AccessLogEntry("r", "GET", "/userinfo", null, 200, "ok", null, "sub", 1.0).profile());
    }
}
