package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.domain.UserAttributeLookup;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.UserNotFoundException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link UserAttributeLookup} keeps, run against the in-memory fake and against
 * the Cognito adapter on a real emulator, so the fake used by other tests cannot drift from Cognito.
 */
abstract class UserAttributeLookupContract {

    /** The lookup under test, reading the same pool the {@code given...} methods write to. */
    protected abstract UserAttributeLookup lookup();

    /** Puts an enabled user with these attributes in the pool; returns the username to look up. */
    protected abstract String givenUser(String username, Map<String, String> attributes);

    /** Puts a disabled user in the pool; returns the username to look up. */
    protected abstract String givenDisabledUser(String username, Map<String, String> attributes);

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void existingUser_isFoundWithItsAttributesAndEnabled() {
        String username = givenUser(unique("alice"),
                Map.of("email", "alice@example.com", "nickname", "Ally", "email_verified", "true"));

        UserAttributes user = lookup().lookup(username);

        assertEquals(username, user.username());
        assertTrue(user.enabled());
        assertEquals(Optional.of("alice@example.com"), user.attribute("email"));
        assertEquals(Optional.of("Ally"), user.attribute("nickname"));
        assertEquals(Optional.of("true"), user.attribute("email_verified"));
    }

    @Test
    void nonAsciiNickname_comesBackExactly() {
        String nickname = "Zoë 山田 🦊";
        String username = givenUser(unique("zoe"), Map.of("nickname", nickname));

        assertEquals(Optional.of(nickname), lookup().lookup(username).attribute("nickname"));
    }

    @Test
    void attributeTheUserDoesNotHave_isAbsent() {
        String username = givenUser(unique("bare"), Map.of("email", "bare@example.com"));

        assertEquals(Optional.empty(), lookup().lookup(username).attribute("nickname"));
    }

    @Test
    void disabledUser_isFoundButNotEnabled() {
        String username = givenDisabledUser(unique("dave"), Map.of("nickname", "Dave"));

        UserAttributes user = lookup().lookup(username);

        assertFalse(user.enabled());
        assertEquals(Optional.of("Dave"), user.attribute("nickname"));
    }

    @Test
    void unknownUser_isNotFound() {
        assertThrows(UserNotFoundException.class, () -> lookup().lookup(unique("nobody")));
    }

    @Test
    void twoUsers_eachGetTheirOwnAttributes() {
        String first = givenUser(unique("erin"), Map.of("nickname", "Erin"));
        String second = givenUser(unique("frank"), Map.of("nickname", "Frank"));

        assertEquals(Optional.of("Erin"), lookup().lookup(first).attribute("nickname"));
        assertEquals(Optional.of("Frank"), lookup().lookup(second).attribute("nickname"));
    }
}
