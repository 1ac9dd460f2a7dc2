package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UserInfoEndpointContractTest {

    private final UserInfoEndpoint endpoint = ContractCases.endpoint();

    static Stream<ContractCase> rows() {
        return ContractCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void contractRow(ContractCase row) {
        HttpResponse response = endpoint.handle(new HttpRequest(
                row.method(), row.path(), Headers.of(row.requestHeaders()), "req-123"));

        row.assertResponse(response.status(), response::header, response.cookies(), response.body());
        // Nothing outside the contract's header names is added by the application itself.
        assertTrue(ContractCase.CONTRACT_HEADER_NAMES.containsAll(response.headers().keySet()),
                () -> "unexpected headers " + response.headers().keySet());
    }

    @Test
    void contractTable_hasRowsForEveryStatusOfDesignMd() {
        var statuses = ContractCases.all().stream().map(ContractCase::status).distinct().sorted().toList();
        assertEquals(List.of(200, 204, 401, 403, 404, 405, 500, 503), statuses);
    }

    @Test
    void unexpectedFailure_bodyCarriesTheRequestId_andNeverTheExceptionText() {
        HttpResponse response = endpoint.handle(new HttpRequest(
                "GET", "/userinfo", Headers.of(java.util.Map.of("Authorization", "tok.boom.sig")), "req-777"));

        assertEquals(500, response.status());
        assertEquals("{\"error\":\"internal_error\",\"requestId\":\"req-777\"}", response.body());
        assertFalse(response.body().contains("secret"));
    }

    @Test
    void nullHeaderMapsMethodAndPath_areAnsweredNotThrown() {
        HttpResponse response = endpoint.handle(new HttpRequest(null, null, Headers.of(null, null), null));

        assertEquals(404, response.status());
        assertEquals("{\"error\":\"not_found\"}", response.body());
    }

    @Test
    void accessLog_getsOneEntryPerRequest_withSubAndOutcome_butNoTokenOrEmail() {
        List<AccessLogEntry> entries = new ArrayList<>();
        UserInfoEndpoint logged = ContractCases.endpoint(entries::add);
        JsonAccessLog format = new JsonAccessLog(System.out);

        for (ContractCase row : ContractCases.all()) {
            logged.handle(new HttpRequest(row.method(), row.path(), Headers.of(row.requestHeaders()), "req-1"));
        }

        assertEquals(ContractCases.all().size(), entries.size());
        AccessLogEntry first = entries.get(0);
        assertEquals("ok", first.outcome());
        assertEquals("sub-alice", first.sub());
        assertEquals(200, first.status());
        for (AccessLogEntry entry : entries) {
            String line = format.format(entry);
            assertFalse(line.contains("tok."), line);
            assertFalse(line.contains("@example.com"), line);
            assertFalse(line.contains("YWxpY2U6cGFzc3dvcmQ="), line);
        }
        assertTrue(entries.stream().anyMatch(e -> "BAD_SIGNATURE".equals(e.reason())));
        assertTrue(entries.stream().anyMatch(e -> "USER_GONE".equals(e.reason()) && "sub-gone".equals(e.sub())));
        // A reused username is logged under the token's own sub; the new holder's stays out of the line.
        assertTrue(entries.stream().anyMatch(e -> "USER_GONE".equals(e.reason()) && "sub-kim-one".equals(e.sub())));
        assertFalse(entries.stream().anyMatch(e -> "sub-kim-two".equals(e.sub())));
    }

    @Test
    void accessLog_givesTheReasonForAnotherScheme_asUnsupportedScheme() {
        List<AccessLogEntry> entries = new ArrayList<>();

        HttpResponse response = ContractCases.endpoint(entries::add).handle(new HttpRequest(
                "GET", "/userinfo", Headers.of(java.util.Map.of("Authorization", "Basic tok.alice.id")), "req-1"));

        assertEquals(401, response.status());
        assertEquals("invalid_token", entries.get(0).outcome());
        assertEquals("UNSUPPORTED_SCHEME", entries.get(0).reason());
        assertEquals(null, entries.get(0).sub());
    }

    /**
     * The method is logged as sent when it is a plain upper-case token of at most 16 letters (every
     * standard method and the WebDAV ones), else as {@code other}: a method is the client's text,
     * and a log line must not carry what the client chose to put there.
     */
    @ParameterizedTest(name = "[{0}] -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(value = {
        "GET, GET",
        "PATCH, PATCH",
        "OPTIONS, OPTIONS",
        "PROPFIND, PROPFIND",
        "ABCDEFGHIJKLMNOP, ABCDEFGHIJKLMNOP",
        "UVWXYZ, UVWXYZ",
        "ABCDEFGHIJKLMNOPQ, other",
        "get, other",
        "Get, other",
        "G3T, other",
        "'GET ', other",
        "'GÉT', other",
        "GET@, other",
        "[GET, other",
        "'', ''",
    })
    void accessLog_keepsAnUpperCaseMethodOfAtMost16Letters_andCallsAnythingElseOther(String method, String logged) {
        List<AccessLogEntry> entries = new ArrayList<>();

        ContractCases.endpoint(entries::add).handle(new HttpRequest(method, "/userinfo", Headers.empty(), "req-1"));

        assertEquals(logged, entries.get(0).method());
    }

    @Test
    void accessLog_callsAMethodWithAControlCharacterOther() {
        List<AccessLogEntry> entries = new ArrayList<>();
        UserInfoEndpoint endpoint = ContractCases.endpoint(entries::add);

        for (String method : List.of("GET\n", "GET\r\nX-Injected: 1", "G\u0000T", "\tGET")) {
            endpoint.handle(new HttpRequest(method, "/userinfo", Headers.empty(), "req-1"));
        }

        assertEquals(List.of("other", "other", "other", "other"), entries.stream().map(AccessLogEntry::method).toList());
    }

    /**
     * An unknown path is logged so an operator sees what was asked for, but bounded (64 characters)
     * and sanitized: only characters that cannot carry an email address or break a log line survive,
     * a JWT-looking segment is dropped, and the query string never arrives here at all.
     */
    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "null", value = {
        "/admin/users, /admin/users",
        "/azAZ09-._~, /azAZ09-._~",
        "'/`{@[:', '/_____'",
        "eyJhbGciOiJub25lIn0/x, _jwt_/x",
        "/Users/v1.2/~me_x-y, /Users/v1.2/~me_x-y",
        "/users/mallory@evil.example, /users/mallory_evil.example",
        "'/a b%20c;d=e', '/a_b_20c_d_e'",
        "/zoë/ünïcode, /zo_/_n_code",
        "/eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln, /_jwt_",
        "/token/x.eyJhbGciOiJub25lIn0/next, /token/x._jwt_/next",
        "'', ''",
        "/userinfo, null",
        "/userinfo/, null",
    })
    void accessLog_namesAnUnknownPath_boundedAndSanitized(String path, String logged) {
        List<AccessLogEntry> entries = new ArrayList<>();

        ContractCases.endpoint(entries::add).handle(new HttpRequest("GET", path, Headers.empty(), "req-1"));

        assertEquals(logged, entries.get(0).path());
        assertEquals(logged == null ? "/userinfo" : "other", entries.get(0).route());
        String line = new JsonAccessLog(System.out).format(entries.get(0));
        assertEquals(logged != null, line.contains("\"path\":"), line);
    }

    @Test
    void accessLog_keepsAPathOfExactly64Characters_andCutsOneOfMore() {
        List<AccessLogEntry> entries = new ArrayList<>();
        String exactly = "/" + "x".repeat(63);
        UserInfoEndpoint endpoint = ContractCases.endpoint(entries::add);

        endpoint.handle(new HttpRequest("GET", exactly, Headers.empty(), "req-1"));
        endpoint.handle(new HttpRequest("GET", exactly + "y", Headers.empty(), "req-2"));

        assertEquals(exactly, entries.get(0).path());
        assertEquals(exactly.substring(0, 61) + "...", entries.get(1).path());
    }

    @Test
    void accessLog_cutsALongUnknownPathTo64Characters() {
        List<AccessLogEntry> entries = new ArrayList<>();
        String path = "/" + "abcdefghij".repeat(20);

        ContractCases.endpoint(entries::add).handle(new HttpRequest("GET", path, Headers.empty(), "req-1"));

        assertEquals(path.substring(0, 61) + "...", entries.get(0).path());
        assertEquals(64, entries.get(0).path().length());
    }

    @Test
    void accessLog_ofControlCharactersInAPath_staysOneLine() {
        List<AccessLogEntry> entries = new ArrayList<>();

        ContractCases.endpoint(entries::add).handle(new HttpRequest("GET", "/a\r\nb\u0000c\td", Headers.empty(), "r"));

        assertEquals("/a__b_c_d", entries.get(0).path());
    }
}
