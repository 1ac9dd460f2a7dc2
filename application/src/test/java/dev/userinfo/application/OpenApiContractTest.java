package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/openapi.yaml against the contract's real answers: every row of {@link ContractCases} is sent
 * to the endpoint (which every entry point answers through, byte for byte) and its status, headers
 * and body are validated against the document with the Atlassian OpenAPI validator. Deliberately
 * broken copies of the document show the check is not vacuous: each breakage fails exactly the rows
 * it concerns.
 */
class OpenApiContractTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String DOCUMENT = read(projectFile("docs/openapi.yaml"));
    private static final OpenApiInteractionValidator VALIDATOR = validator(DOCUMENT);
    private static final UserInfoEndpoint ENDPOINT = ContractCases.endpoint();

    static Stream<ContractCase> rows() {
        return ContractCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyContractAnswer_isWhatTheDocumentSays(ContractCase row) {
        ValidationReport report = validate(VALIDATOR, row);

        assertFalse(report.hasErrors(), () -> row.name() + ": " + report.getMessages());
    }

    private static final UserInfoEndpoint COOKIE_ENDPOINT = CookieContractCases.endpoint();

    static Stream<ContractCase> cookieRows() {
        return CookieContractCases.all().stream();
    }

    /** The cookie-session rows too: /auth/* and the cookie answers of /userinfo, Set-Cookie included. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cookieRows")
    void everyCookieSessionAnswer_isWhatTheDocumentSays(ContractCase row) {
        ValidationReport report = validate(VALIDATOR, COOKIE_ENDPOINT, row);

        assertFalse(report.hasErrors(), () -> row.name() + ": " + report.getMessages());
    }

    @Test
    void aSetCookieTheDocumentDoesNotDescribe_fails() throws IOException {
        ObjectNode copy = (ObjectNode) YAML.readTree(DOCUMENT);
        ((ObjectNode) copy.at("/components/headers/Set-Cookie/schema")).put("pattern", "^.*; Secure; HTTPOnly; SameSite=Strict$");
        OpenApiInteractionValidator broken = validator(YAML.writeValueAsString(copy));

        List<String> failing = CookieContractCases.all().stream()
                .filter(row -> validate(broken, COOKIE_ENDPOINT, row).hasErrors()).map(ContractCase::name).toList();
        List<String> concerned = CookieContractCases.all().stream()
                .filter(row -> row.setCookies().stream().anyMatch(c -> c.endsWith("SameSite=Lax")))
                .map(ContractCase::name).toList();

        assertFalse(concerned.isEmpty());
        assertEquals(concerned, failing);
    }

    @Test
    void document_isOpenApi303_andNamesEveryStatusOfTheContract() throws IOException {
        JsonNode document = YAML.readTree(DOCUMENT);
        Set<Integer> documented = new TreeSet<>();
        document.path("paths").forEach(path -> path.forEach(operation ->
                operation.path("responses").fieldNames().forEachRemaining(status -> documented.add(Integer.valueOf(status)))));

        assertEquals("3.0.3", document.path("openapi").asText());
        assertEquals(Set.of(200, 204, 302, 303, 400, 401, 403, 404, 405, 500, 503), documented);
        assertTrue(documented.containsAll(ContractCases.all().stream().map(ContractCase::status).toList()));
        assertTrue(documented.containsAll(CookieContractCases.all().stream().map(ContractCase::status).toList()));
    }

    /** A deliberately broken copy of the document, and which rows it must fail. */
    record Breakage(String name, Consumer<ObjectNode> edit, Predicate<ContractCase> failingRows) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                new Breakage("the 200 body loses email_verified",
                        doc -> {
                            ObjectNode userInfo = (ObjectNode) doc.at("/components/schemas/UserInfo");
                            ((ObjectNode) userInfo.get("properties")).remove("email_verified");
                            removeText((ArrayNode) userInfo.get("required"), "email_verified");
                        },
                        row -> row.status() == 200),
                new Breakage("the 401 codes are renamed",
                        doc -> ((ObjectNode) doc.at("/components/schemas/Unauthorized/properties/error"))
                                .putArray("enum").add("unauthorized"),
                        row -> row.status() == 401),
                new Breakage("Cache-Control is documented as no-cache",
                        doc -> ((ObjectNode) doc.at("/components/headers/Cache-Control/schema"))
                                .putArray("enum").add("no-cache"),
                        row -> true),
                new Breakage("the 503 is not documented",
                        doc -> ((ObjectNode) doc.at("/paths/~1userinfo/get/responses")).remove("503"),
                        row -> row.status() == 503),
                new Breakage("a 200 must carry Access-Control-Allow-Origin",
                        doc -> ((ObjectNode) doc.at("/paths/~1userinfo/get/responses/200/headers"))
                                .putObject("Access-Control-Allow-Origin").put("required", true)
                                .putObject("schema").put("type", "string"),
                        row -> row.status() == 200 && !row.headers().containsKey("Access-Control-Allow-Origin")),
                new Breakage("Allow is documented as GET only",
                        doc -> ((ObjectNode) doc.at("/components/headers/Allow/schema")).putArray("enum").add("GET"),
                        row -> row.headers().containsKey("Allow")),
                new Breakage("the 500 body has no requestId",
                        doc -> {
                            ObjectNode error = (ObjectNode) doc.at("/components/schemas/InternalError");
                            ((ObjectNode) error.get("properties")).remove("requestId");
                            removeText((ArrayNode) error.get("required"), "requestId");
                        },
                        row -> row.status() == 500))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void brokenCopyOfTheDocument_failsExactlyTheRowsItConcerns(Breakage breakage) throws IOException {
        ObjectNode copy = (ObjectNode) YAML.readTree(DOCUMENT);
        breakage.edit().accept(copy);
        OpenApiInteractionValidator broken = validator(YAML.writeValueAsString(copy));

        List<String> failing = ContractCases.all().stream()
                .filter(row -> validate(broken, row).hasErrors()).map(ContractCase::name).toList();
        List<String> concerned = ContractCases.all().stream()
                .filter(breakage.failingRows()).map(ContractCase::name).toList();

        assertFalse(concerned.isEmpty(), "the breakage concerns some row");
        assertEquals(concerned, failing);
    }

    private static ValidationReport validate(OpenApiInteractionValidator validator, ContractCase row) {
        return validate(validator, ENDPOINT, row);
    }

    private static ValidationReport validate(OpenApiInteractionValidator validator, UserInfoEndpoint endpoint, ContractCase row) {
        HttpResponse response = endpoint.handle(new HttpRequest(row.method(), row.path(), Headers.of(row.requestHeaders()),
                QueryParameters.of(row.query(), null), "req-0a1b2c3d"));
        assertEquals(row.status(), response.status(), row.name());
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
        response.headers().forEach(answer::withHeader);
        if (!response.cookies().isEmpty()) {
            answer.withHeader("Set-Cookie", response.cookies());
        }
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        return validator.validateResponse(documentedPath(row.path()), Request.Method.valueOf(row.method()),
                answer.build());
    }

    /**
     * The path as the document names it: {@code /userinfo} (one trailing slash is the same route),
     * or a path standing for {@code /{path}}, which OpenAPI can only template one segment deep while
     * the 404 it documents holds for every other path.
     */
    private static String documentedPath(String path) {
        if (List.of(CookieSessions.LOGIN_PATH, CookieSessions.CALLBACK_PATH, CookieSessions.LOGOUT_PATH).contains(path)) {
            return path;
        }
        return UserInfoEndpoint.isUserInfo(path) ? UserInfoEndpoint.PATH : "/any-other-path";
    }

    private static OpenApiInteractionValidator validator(String document) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    }

    private static void removeText(ArrayNode array, String text) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (text.equals(array.get(i).asText())) {
                array.remove(i);
            }
        }
    }

    /** A file of the project, found from the module directory the tests run in. */
    static Path projectFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
