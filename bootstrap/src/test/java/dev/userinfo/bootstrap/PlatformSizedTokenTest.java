package dev.userinfo.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userinfo.bootstrap.config.SignInSettings;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.bootstrap.embedded.DevSettings;
import dev.userinfo.bootstrap.embedded.DevUser;
import dev.userinfo.bootstrap.embedded.EmbeddedTokenIssuer;
import dev.userinfo.domain.BearerToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Genuine large tokens, signed by the embedded mode's issuer and verified by the production verifier,
 * through all three entry points: the local server over real HTTP, and the REST (payload 1.0) and
 * HTTP API (payload 2.0) Lambda handlers fed event JSON. An ID token of a user in 100 groups with long
 * names (8,955 characters) and one exactly at the cap ({@link BearerToken#MAX_CHARS}, API Gateway's
 * 10,240-byte limit on the request line and headers) get 200; the same token one character longer
 * gets 401 (too large, refused before it is decoded).
 */
class PlatformSizedTokenTest {

    private static final int HUNDRED_GROUPS_LENGTH = 8_955;

    private static Path usersFile;
    private static EntryPoints entry;
    private static String hundredGroups;
    private static String atCap;

    @BeforeAll
    static void start() throws IOException {
        List<DevUser> users = List.of(
                sized("hundred-groups", 100, HUNDRED_GROUPS_LENGTH),
                sized("at-cap", 100, BearerToken.MAX_CHARS));
        usersFile = Files.createTempFile("large-token-users-", ".json");
        EntryPoints.JSON.writeValue(usersFile.toFile(), users.stream().map(u -> Map.of(
                "username", u.username(), "attributes", u.attributes(), "groups", u.groups(), "enabled", true)).toList());
        entry = EntryPoints.start(Map.of(UserInfoConfig.USERINFO_DEV_USERS, usersFile.toString()));
        hundredGroups = entry.mintIdToken("hundred-groups");
        atCap = entry.mintIdToken("at-cap");
    }

    @AfterAll
    static void stop() throws IOException {
        if (entry != null) {
            entry.close();
        }
        Files.deleteIfExists(usersFile);
    }

    /**
     * A user whose ID token, as the embedded issuer mints it, is exactly {@code length} characters:
     * {@code groups} groups with long names (at most 128 characters, Cognito's limit), one character
     * of name at a time. A token's length depends only on its claims' lengths (the kid is a UUID,
     * times are 10 digits, the RS256 signature 342 characters), so a scratch issuer measures what the
     * server will mint; each character more is one payload byte more, so the length passes through
     * every value base64url can take, and a binary search finds it.
     */
    private static DevUser sized(String username, int groups, int length) {
        // The server's issuer names its sign-in port, a free one from the ephemeral range (5 digits):
        // a scratch issuer with a 5-digit port mints tokens of the same length (tokens_areWhatTheyClaimToBe checks).
        EmbeddedTokenIssuer scratch = EmbeddedTokenIssuer.generate(EmbeddedTokenIssuer.issuerFor(54_321),
                SignInSettings.DEFAULT_CLIENT_ID, () -> DevSettings.DEFAULT_TOKEN_LIFETIME, Clock.systemUTC());
        int low = 0;
        int high = groups * 120;
        while (low < high) {
            int middle = (low + high) / 2;
            if (scratch.mint(user(username, groups, middle)).idToken().length() < length) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        DevUser user = user(username, groups, low);
        assertEquals(length, scratch.mint(user).idToken().length(), "an ID token of exactly that length");
        return user;
    }

    /** {@code groups} groups whose names hold {@code extra} characters past their numbered prefix, spread evenly. */
    private static DevUser user(String username, int groups, int extra) {
        String words = "team-platform-engineering-readers-eu-west-1-production-access-".repeat(3);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            int own = extra / groups + (i < extra % groups ? 1 : 0);
            names.add(String.format("g%03d-", i) + words.substring(0, own));
        }
        return new DevUser(username, null,
                Map.of("email", username + "@example.com", "nickname", username, "email_verified", "true"), names, true);
    }

    @Test
    void tokens_areWhatTheyClaimToBe() {
        assertEquals(HUNDRED_GROUPS_LENGTH, hundredGroups.length());
        assertEquals(BearerToken.MAX_CHARS, atCap.length());
        assertEquals(BearerToken.MAX_CHARS + 1, overCap().length());
    }

    static Stream<String> entryPoints() {
        return Stream.of("local server", "REST API (payload 1.0)", "HTTP API (payload 2.0)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryPoints")
    void idTokenOfAUserInAHundredGroups_8955Characters_isVerified(String entryPoint) throws IOException {
        Answer answer = send(entryPoint, hundredGroups);

        assertEquals(200, answer.status(), answer.body());
        JsonNode body = EntryPoints.JSON.readTree(answer.body());
        assertEquals("hundred-groups", body.get("name").asText());
        assertEquals(100, body.get("groups").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryPoints")
    void idTokenExactlyAtTheCap_isVerified(String entryPoint) throws IOException {
        Answer answer = send(entryPoint, atCap);

        assertEquals(200, answer.status(), answer.body());
        assertEquals("at-cap", EntryPoints.JSON.readTree(answer.body()).get("name").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryPoints")
    void theSameTokenOneCharacterLonger_is401_refusedAsTooLarge(String entryPoint) {
        String log = entryPoint.startsWith("local") ? entry.localLog() : entry.lambdaLog();
        int before = log.length();

        Answer answer = send(entryPoint, overCap());

        assertEquals(401, answer.status());
        assertEquals("{\"error\":\"invalid_token\"}", answer.body());
        String after = (entryPoint.startsWith("local") ? entry.localLog() : entry.lambdaLog()).substring(before);
        assertTrue(after.contains("\"reason\":\"TOO_LARGE\""), after);
    }

    /** The at-cap token with one more base64url character on its signature: still well-formed, one too long. */
    private static String overCap() {
        return atCap + "A";
    }

    private record Answer(int status, String body) {
    }

    private static Answer send(String entryPoint, String token) {
        switch (entryPoint) {
            case "local server": {
                HttpResponse<String> response = entry.local("GET", "/userinfo",
                        Map.of("Authorization", "Bearer " + token), null);
                return new Answer(response.statusCode(), response.body());
            }
            case "REST API (payload 1.0)": {
                ObjectNode event = EntryPoints.fixture("rest-no-authorizer.json");
                ((ObjectNode) event.get("headers")).put("authorization", "Bearer " + token);
                ((ObjectNode) event.get("multiValueHeaders")).putArray("authorization").add("Bearer " + token);
                var response = entry.rest(event);
                return new Answer(response.getStatusCode(), response.getBody());
            }
            case "HTTP API (payload 2.0)": {
                ObjectNode event = EntryPoints.fixture("http-jwt-authorizer.json");
                ((ObjectNode) event.get("requestContext")).remove("authorizer");
                ((ObjectNode) event.get("headers")).put("authorization", "Bearer " + token);
                var response = entry.http(event);
                return new Answer(response.getStatusCode(), response.getBody());
            }
            default:
                throw new UncheckedIOException(new IOException("no entry point " + entryPoint));
        }
    }
}
