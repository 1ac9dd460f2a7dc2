package dev.userinfo.bootstrap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.UserNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevUsersTest {

    @TempDir
    Path dir;

    @Test
    void builtIn_hasAtLeastTwoEnabledUsers_oneWithANonAsciiNickname_andADisabledOne() {
        List<DevUser> users = DevUsers.builtIn().all();

        assertTrue(users.stream().filter(DevUser::enabled).count() >= 2, users::toString);
        assertTrue(users.stream().anyMatch(u -> u.attributes().getOrDefault("nickname", "")
                .chars().anyMatch(c -> c > 127)), users::toString);
        assertTrue(users.stream().anyMatch(u -> !u.enabled()), users::toString);
    }

    @Test
    void sub_isStableAcrossRestarts_andListedAmongTheAttributes() {
        DevUser first = DevUsers.builtIn().find("alice").orElseThrow();
        DevUser again = DevUsers.builtIn().find("alice").orElseThrow();

        assertEquals(first.sub(), again.sub());
        assertEquals(first.sub(), first.attributes().get("sub"));
        assertFalse(first.sub().equals(DevUsers.builtIn().find("jose").orElseThrow().sub()));
    }

    @Test
    void lookup_answersLikeThePool_enabledFlagAndAttributes_andUnknownUsersAreNotFound() {
        var lookup = DevUsers.builtIn().toLookup();

        String aliceSub = DevUsers.builtIn().find("alice").orElseThrow().sub();
        UserAttributes dora = lookup.lookup("dora", "any");
        assertFalse(dora.enabled());
        assertEquals(Optional.of("Alice"), lookup.lookup("alice", aliceSub).attribute("nickname"));
        assertThrows(UserNotFoundException.class, () -> lookup.lookup("mallory", "any"));
    }

    @Test
    void lookup_recordsCarryEachDevUsersSub_theOneTheirTokensCarry() {
        var lookup = DevUsers.builtIn().toLookup();

        for (DevUser user : DevUsers.builtIn().all()) {
            UserAttributes record = lookup.lookup(user.username(), user.sub());
            assertEquals(user.sub(), record.sub(), user.username());
            assertTrue(record.belongsTo(user.sub()), user.username());
        }
    }

    @Test
    void file_replacesTheBuiltInUsers_withDefaultsForOptionalFields() throws Exception {
        Path file = write("""
                [{"username": "ünïcode", "attributes": {"nickname": "Ü 🚀", "email": "u@example.com"},
                  "groups": ["g1", "g2"]},
                 {"username": "off", "sub": "fixed-sub", "enabled": false}]
                """);

        DevUsers users = DevUsers.from(Optional.of(file));

        assertEquals(List.of("ünïcode", "off"), users.all().stream().map(DevUser::username).toList());
        DevUser first = users.find("ünïcode").orElseThrow();
        assertEquals("Ü 🚀", first.attributes().get("nickname"));
        assertEquals(List.of("g1", "g2"), first.groups());
        assertTrue(first.enabled());
        DevUser off = users.find("off").orElseThrow();
        assertEquals("fixed-sub", off.sub());
        assertEquals(Map.of("sub", "fixed-sub"), off.attributes());
        assertFalse(off.enabled());
        assertTrue(users.find("alice").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "{\"username\": \"alice\"}",
        "[]",
        "[{\"attributes\": {}}]",
        "[{\"username\": \"  \"}]",
        "[{\"username\": \"a\"}, {\"username\": \"a\"}]",
        "[{\"username\": \"a\", \"nickame\": \"typo\"}]",
        "[{\"username\": \"a\", \"attributes\": {\"email\": null}}]",
        "[{\"username\": \"a\", \"groups\": [null]}]",
        "null"
    })
    void wrongFile_stopsStartUpNamingTheVariable(String content) throws Exception {
        Path file = write(content);

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> DevUsers.fromFile(file));

        assertTrue(e.getMessage().startsWith("USERINFO_DEV_USERS: "), e.getMessage());
    }

    @Test
    void missingFile_stopsStartUpNamingTheVariableAndThePath() {
        Path missing = dir.resolve("nope.json");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> DevUsers.fromFile(missing));

        assertEquals("USERINFO_DEV_USERS: no such file: " + missing, e.getMessage());
    }

    private Path write(String content) throws Exception {
        Path file = Files.createTempFile(dir, "users", ".json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
