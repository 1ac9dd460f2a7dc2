package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    /** The {@code sub} the pool gave the user who holds {@code username} now. */
    protected abstract String subOf(String username);

    /** Deletes the user holding {@code username} and creates a new, enabled one under the same username. */
    protected abstract void recreate(String username, Map<String, String> attributes);

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void existingUser_isFoundWithItsAttributesAndEnabled() {
        String username = givenUser(unique("alice"),
                Map.of("email", "alice@example.com", "nickname", "Ally", "email_verified", "true"));

        String sub = subOf(username);
        UserAttributes user = lookup().lookup(username, sub);

        assertEquals(username, user.username());
        assertEquals(sub, user.sub());
        assertEquals(Optional.of(sub), user.attribute("sub"), "the pool lists the sub among the attributes");
        assertTrue(user.enabled());
        assertEquals(Optional.of("alice@example.com"), user.attribute("email"));
        assertEquals(Optional.of("Ally"), user.attribute("nickname"));
        assertEquals(Optional.of("true"), user.attribute("email_verified"));
    }

    @Test
    void nonAsciiNickname_comesBackExactly() {
        String nickname = "Zoë 山田 🦊";
        String username = givenUser(unique("zoe"), Map.of("nickname", nickname));

        assertEquals(Optional.of(nickname), lookup().lookup(username, subOf(username)).attribute("nickname"));
    }

    @Test
    void attributeTheUserDoesNotHave_isAbsent() {
        String username = givenUser(unique("bare"), Map.of("email", "bare@example.com"));

        assertEquals(Optional.empty(), lookup().lookup(username, subOf(username)).attribute("nickname"));
    }

    @Test
    void disabledUser_isFoundButNotEnabled() {
        String username = givenDisabledUser(unique("dave"), Map.of("nickname", "Dave"));

        UserAttributes user = lookup().lookup(username, subOf(username));

        assertFalse(user.enabled());
        assertEquals(Optional.of("Dave"), user.attribute("nickname"));
    }

    @Test
    void unknownUser_isNotFound() {
        assertThrows(UserNotFoundException.class, () -> lookup().lookup(unique("nobody"), UUID.randomUUID().toString()));
    }

    @Test
    void twoUsers_eachGetTheirOwnAttributes() {
        String first = givenUser(unique("erin"), Map.of("nickname", "Erin"));
        String second = givenUser(unique("frank"), Map.of("nickname", "Frank"));

        assertEquals(Optional.of("Erin"), lookup().lookup(first, subOf(first)).attribute("nickname"));
        assertEquals(Optional.of("Frank"), lookup().lookup(second, subOf(second)).attribute("nickname"));
        assertNotEquals(subOf(first), subOf(second));
    }

    @Test
    void usernameDeletedAndCreatedAgain_isTheNewHoldersRecord_whoeverTheCallerExpects() {
        String username = givenUser(unique("kim"), Map.of("email", "kim.one@example.com"));
        String oldSub = subOf(username);

        recreate(username, Map.of("email", "kim.two@example.com"));
        String newSub = subOf(username);

        assertNotEquals(oldSub, newSub, "a new user gets a new sub");
        UserAttributes forOldToken = lookup().lookup(username, oldSub);
        assertEquals(newSub, forOldToken.sub());
        assertFalse(forOldToken.belongsTo(oldSub), "the caller must be able to tell it is someone else");
        UserAttributes forNewToken = lookup().lookup(username, newSub);
        assertTrue(forNewToken.belongsTo(newSub));
        assertEquals(Optional.of("kim.two@example.com"), forNewToken.attribute("email"));
    }
}
