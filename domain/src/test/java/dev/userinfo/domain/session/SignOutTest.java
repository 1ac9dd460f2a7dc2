package dev.userinfo.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.domain.MisconfigurationException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignOutTest {

    private static final URI APP = URI.create("https://app.example.com/");

    private final FakeAuthorizationServer server = new FakeAuthorizationServer();
    private final SignOut signOut = new SignOut(server);

    private static Session session() {
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        return new Session(new SessionId("sid-1"), "sub-alice", "alice", List.of(), t, t, t.plusSeconds(3600),
                t.plusSeconds(900), new RefreshToken("rt-1"));
    }

    @Test
    void revokesTheRefreshToken_andNamesTheLogoutUrl() {
        SignOut.SignedOut out = signOut.signOut(Optional.of(session()), APP);

        assertTrue(out.revoked());
        assertEquals(List.of("rt-1"), server.revoked());
        assertEquals(URI.create(FakeAuthorizationServer.DOMAIN + "/logout?client_id=client-1&logout_uri="
                + "https%3A%2F%2Fapp.example.com%2F"), out.logoutUri());
    }

    @Test
    void revocationFailing_stillSignsOut() {
        for (RuntimeException failure : List.of(FakeAuthorizationServer.down(), new MisconfigurationException("x", null),
                new IllegalStateException("bug"))) {
            server.setRevocationFailure(failure);

            SignOut.SignedOut out = signOut.signOut(Optional.of(session()), APP);

            assertFalse(out.revoked());
            assertTrue(out.logoutUri().toString().startsWith(FakeAuthorizationServer.DOMAIN + "/logout?"));
        }
    }

    @Test
    void withoutASession_nothingIsRevoked_butTheLogoutUrlIsStillGiven() {
        SignOut.SignedOut out = signOut.signOut(Optional.empty(), APP);

        assertFalse(out.revoked());
        assertEquals(List.of(), server.revoked());
        assertTrue(out.logoutUri().toString().contains("logout_uri="));
    }
}
