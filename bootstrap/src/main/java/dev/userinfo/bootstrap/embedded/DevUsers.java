package dev.userinfo.bootstrap.embedded;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded mode's users: built-in samples, or the JSON file named by {@code USERINFO_DEV_USERS}.
 * A file that cannot be read or understood stops start-up with a message naming the variable.
 *
 * <p>File format, an array of users; {@code sub}, {@code groups} and {@code enabled} are optional:
 * <pre>
 * [{"username": "alice", "attributes": {"email": "alice@example.com", "nickname": "Al"},
 *   "groups": ["admins"], "enabled": true}]
 * </pre>
 */
public final class DevUsers {

    private final Map<String, DevUser> byUsername;

    private DevUsers(List<DevUser> users) {
        Map<String, DevUser> map = new LinkedHashMap<>();
        for (DevUser user : users) {
            if (map.putIfAbsent(user.username(), user) != null) {
                throw new IllegalArgumentException("username '" + user.username() + "' appears twice");
            }
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException("no users");
        }
        this.byUsername = map;
    }

    /**
     * Three sample users: {@code alice} (an admin, verified email), {@code jose} (a non-ASCII
     * nickname, unverified email, no groups) and {@code dora} (disabled, for trying the 403).
     */
    public static DevUsers builtIn() {
        return new DevUsers(List.of(
                new DevUser("alice", null,
                        Map.of("email", "alice@example.com", "email_verified", "true", "nickname", "Alice"),
                        List.of("admins"), true),
                new DevUser("jose", null,
                        Map.of("email", "jose@example.com", "email_verified", "false", "nickname", "José Ñandú 🌮"),
                        List.of(), true),
                new DevUser("dora", null,
                        Map.of("email", "dora@example.com", "email_verified", "true", "nickname", "Dora"),
                        List.of("beta"), false)));
    }

    /** The built-in users, or those of the file when one is configured. */
    public static DevUsers from(Optional<Path> file) {
        return file.map(DevUsers::fromFile).orElseGet(DevUsers::builtIn);
    }

    /**
     * Reads a users file.
     *
     * @throws ConfigurationException naming {@code USERINFO_DEV_USERS} when the file is missing or wrong
     */
    public static DevUsers fromFile(Path file) {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try {
            FileUser[] users = mapper.readValue(Files.readAllBytes(file), FileUser[].class);
            if (users == null) {
                throw new IllegalArgumentException("the file holds null, not an array of users");
            }
            return new DevUsers(java.util.Arrays.stream(users).map(FileUser::toDevUser).toList());
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(UserInfoConfig.USERINFO_DEV_USERS, "no such file: " + file);
        } catch (JsonProcessingException e) {
            // The parser's own text says where and what; it is the developer's own file, not a client's input.
            throw new ConfigurationException(UserInfoConfig.USERINFO_DEV_USERS,
                    "not a JSON array of users in " + file + ": " + e.getOriginalMessage()
                            + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ConfigurationException(UserInfoConfig.USERINFO_DEV_USERS, "cannot read " + file + ": " + e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigurationException(UserInfoConfig.USERINFO_DEV_USERS,
                    "invalid users in " + file + ": " + e.getMessage());
        }
    }

    public List<DevUser> all() {
        return List.copyOf(byUsername.values());
    }

    public Optional<DevUser> find(String username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    /** The in-memory pool that answers the lookups of {@code GET /userinfo} in embedded mode. */
    public InMemoryUserAttributeLookup toLookup() {
        InMemoryUserAttributeLookup lookup = new InMemoryUserAttributeLookup();
        byUsername.values().forEach(user -> lookup.put(user.toUserAttributes()));
        return lookup;
    }

    /** One entry of the users file, as written. */
    private record FileUser(
            @JsonProperty(value = "username", required = true) String username,
            @JsonProperty("sub") String sub,
            @JsonProperty("attributes") Map<String, String> attributes,
            @JsonProperty("groups") List<String> groups,
            @JsonProperty("enabled") Boolean enabled) {

        DevUser toDevUser() {
            if (attributes != null && attributes.containsValue(null)) {
                throw new IllegalArgumentException("user '" + username + "' has an attribute whose value is null");
            }
            if (groups != null && groups.contains(null)) {
                throw new IllegalArgumentException("user '" + username + "' has a null group");
            }
            return new DevUser(username, sub, attributes == null ? Map.of() : attributes,
                    groups == null ? List.of() : groups, enabled == null || enabled);
        }
    }
}
