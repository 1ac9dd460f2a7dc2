package dev.userinfo.bootstrap.embedded;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.bootstrap.config.ConfigurationException;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded mode's user pool: built-in samples, or the JSON file named by {@code USERINFO_DEV_USERS}.
 * A file that cannot be read or understood stops start-up with a message naming the variable.
 *
 * <p>The pool changes while the server runs, as a Cognito pool does under its admin API: a user can be
 * disabled and enabled (AdminDisableUser, AdminEnableUser), deleted (AdminDeleteUser) and re-created
 * under the same username (AdminCreateUser), which gives the new user a new {@code sub}: identity is
 * the {@code sub}, so tokens of the deleted user never stand for the new one. The lookup that
 * {@code GET /userinfo} asks ({@link #toLookup()}) follows every change. Thread-safe.
 *
 * <p>File format, an array of users; {@code sub}, {@code groups}, {@code enabled} and {@code password}
 * are optional (the password defaults to {@value #DEFAULT_PASSWORD}):
 * <pre>
 * [{"username": "alice", "attributes": {"email": "alice@example.com", "nickname": "Al"},
 *   "groups": ["admins"], "enabled": true, "password": "Passw0rd!"}]
 * </pre>
 */
public final class DevUsers {

    /** The password of every dev user whose entry names none; the login page says so. */
    public static final String DEFAULT_PASSWORD = "Passw0rd!";

    /** A user as the pool holds it now: the record, whether it was deleted, and its password. */
    private record Entry(DevUser user, boolean deleted, String password) {
    }

    private final Map<String, Entry> byUsername;
    private final InMemoryUserAttributeLookup lookup = new InMemoryUserAttributeLookup();

    private DevUsers(List<DevUser> users, Map<String, String> passwords) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (DevUser user : users) {
            Entry entry = new Entry(user, false, passwords.getOrDefault(user.username(), DEFAULT_PASSWORD));
            if (map.putIfAbsent(user.username(), entry) != null) {
                throw new IllegalArgumentException("username '" + user.username() + "' appears twice");
            }
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException("no users");
        }
        this.byUsername = map;
        map.values().forEach(entry -> lookup.put(entry.user().toUserAttributes()));
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
                        List.of("beta"), false)), Map.of());
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
            Map<String, String> passwords = new LinkedHashMap<>();
            for (FileUser user : users) {
                if (user.password() != null) {
                    if (user.password().isEmpty()) {
                        throw new IllegalArgumentException("user '" + user.username() + "' has an empty password");
                    }
                    passwords.put(user.username(), user.password());
                }
            }
            return new DevUsers(java.util.Arrays.stream(users).map(FileUser::toDevUser).toList(), passwords);
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

    /** The users the pool holds now (not the deleted ones), in the order they were first listed. */
    public synchronized List<DevUser> all() {
        return byUsername.values().stream().filter(e -> !e.deleted()).map(Entry::user).toList();
    }

    /** The usernames of deleted users, which {@link #recreate(String)} can bring back. */
    public synchronized List<String> deleted() {
        return byUsername.values().stream().filter(Entry::deleted).map(e -> e.user().username()).toList();
    }

    /** The user the pool holds under this username now; empty when there is none or it was deleted. */
    public synchronized Optional<DevUser> find(String username) {
        Entry entry = byUsername.get(username);
        return entry == null || entry.deleted() ? Optional.empty() : Optional.of(entry.user());
    }

    /** The user the pool holds with this {@code sub} now: the identity behind a grant or a session. */
    public synchronized Optional<DevUser> findBySub(String sub) {
        return byUsername.values().stream().filter(e -> !e.deleted() && e.user().sub().equals(sub))
                .map(Entry::user).findFirst();
    }

    /**
     * Whether the password is this user's. Deleted users have none; a disabled user's password is
     * still checked here, the caller refuses the sign-in for being disabled.
     */
    public synchronized boolean passwordMatches(String username, String password) {
        Entry entry = byUsername.get(username);
        if (entry == null || entry.deleted() || password == null) {
            return false;
        }
        return MessageDigest.isEqual(entry.password().getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * AdminDisableUser / AdminEnableUser: the user keeps their {@code sub}, {@code GET /userinfo}
     * answers 403 while disabled, sign-in and refresh are refused.
     *
     * @return the user as changed; empty when there is no such user
     */
    public synchronized Optional<DevUser> setEnabled(String username, boolean enabled) {
        return find(username).map(user -> {
            DevUser changed = new DevUser(user.username(), user.sub(), user.attributes(), user.groups(), enabled);
            replace(changed, false);
            return changed;
        });
    }

    /**
     * AdminDeleteUser: the user is gone; their tokens answer 401 at {@code GET /userinfo}.
     *
     * @return the deleted user; empty when there is no such user
     */
    public synchronized Optional<DevUser> delete(String username) {
        Optional<DevUser> user = find(username);
        user.ifPresent(u -> {
            replace(u, true);
            lookup.remove(username);
        });
        return user;
    }

    /**
     * AdminCreateUser for a deleted user's username: the same attributes, groups and password, and a
     * new random {@code sub}, as Cognito gives every new user.
     *
     * @return the new user; empty when the username is not one of the deleted users
     */
    public synchronized Optional<DevUser> recreate(String username) {
        Entry entry = byUsername.get(username);
        if (entry == null || !entry.deleted()) {
            return Optional.empty();
        }
        DevUser old = entry.user();
        DevUser fresh = new DevUser(old.username(), UUID.randomUUID().toString(), withoutSub(old.attributes()),
                old.groups(), true);
        replace(fresh, false);
        return Optional.of(fresh);
    }

    private void replace(DevUser user, boolean deleted) {
        Entry old = byUsername.get(user.username());
        byUsername.put(user.username(), new Entry(user, deleted, old.password()));
        if (!deleted) {
            lookup.put(user.toUserAttributes());
        }
    }

    private static Map<String, String> withoutSub(Map<String, String> attributes) {
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        copy.remove("sub");
        return copy;
    }

    /**
     * The in-memory pool that answers the lookups of {@code GET /userinfo} in embedded mode; it
     * follows every change made here.
     */
    public InMemoryUserAttributeLookup toLookup() {
        return lookup;
    }

    /** One entry of the users file, as written. */
    private record FileUser(
            @JsonProperty(value = "username", required = true) String username,
            @JsonProperty("sub") String sub,
            @JsonProperty("attributes") Map<String, String> attributes,
            @JsonProperty("groups") List<String> groups,
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("password") String password) {

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
