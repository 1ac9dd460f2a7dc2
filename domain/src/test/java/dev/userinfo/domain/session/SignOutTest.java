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
    void aFailedRevocation_isLoggedWithTheSubAndTheFailuresClass_loudlyWhenItIsTheOperators() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(SignOut.class.getName());
        List<java.util.logging.LogRecord> records = new java.util.ArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            server.setRevocationFailure(new MisconfigurationException("x", null));
            signOut.signOut(Optional.of(session()), APP);
            server.setRevocationFailure(FakeAuthorizationServer.down());
            signOut.signOut(Optional.of(session()), APP);
        } finally {
            logger.removeHandler(handler);
        }

        assertEquals(List.of(java.util.logging.Level.SEVERE, java.util.logging.Level.WARNING),
                records.stream().map(java.util.logging.LogRecord::getLevel).toList());
        assertEquals("refresh token of sub sub-alice not revoked, signing out anyway: "
                + MisconfigurationException.class.getName(), records.get(0).getMessage());
        assertTrue(records.get(1).getMessage().endsWith("DependencyUnavailableException"), records.get(1).getMessage());
        assertFalse(records.get(0).getMessage().contains("rt-1"));
    }

    @Test
    void withoutASession_nothingIsRevoked_butTheLogoutUrlIsStillGiven() {
        SignOut.SignedOut out = signOut.signOut(Optional.empty(), APP);

        assertFalse(out.revoked());
        assertEquals(List.of(), server.revoked());
        assertTrue(out.logoutUri().toString().contains("logout_uri="));
    }
}
