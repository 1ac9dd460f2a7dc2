package dev.userinfo.bootstrap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sign-in sessions (an hour) and waiting login pages (ten minutes), at their boundaries. */
class LoginSessionsTest {

    private final MutableClock clock = new MutableClock();
    private final LoginSessions sessions = new LoginSessions(clock);
    private final SignInRequest request = new SignInRequest("app", "http://localhost:3000/cb", "s", "n",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", List.of("openid"), null, false, false);

    @Test
    void session_livesJustUnderAnHour() {
        String id = sessions.start("sub-1");
        assertTrue(id.matches("[A-Za-z0-9_-]{43}"), id);
        assertNotEquals(id, sessions.start("sub-1"));

        clock.advance(Duration.ofHours(1).minusMillis(1));
        assertEquals("sub-1", sessions.find(id).orElseThrow().sub());
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), sessions.find(id));
        assertEquals(Optional.empty(), sessions.find(null));
    }

    @Test
    void end_andEndAllOf_endSessions_ofThatUserOnly() {
        String one = sessions.start("sub-1");
        String two = sessions.start("sub-1");
        String other = sessions.start("sub-2");

        sessions.end(one);
        assertFalse(sessions.find(one).isPresent());
        assertTrue(sessions.find(two).isPresent());
        sessions.endAllOf("sub-1");
        assertFalse(sessions.find(two).isPresent());
        assertTrue(sessions.find(other).isPresent());
        sessions.end(null);
    }

    @Test
    void loginPage_livesJustUnderTenMinutes_andWorksNoMoreOnceCompleted() {
        String page = sessions.await(request);
        String other = sessions.await(request);

        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertEquals(request, sessions.awaiting(page).orElseThrow());
        sessions.complete(page);
        assertEquals(Optional.empty(), sessions.awaiting(page));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), sessions.awaiting(other));
        assertEquals(Optional.empty(), sessions.awaiting(null));
    }
}
