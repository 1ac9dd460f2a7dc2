package dev.userinfo.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.userinfo.application.ContractCase;
import dev.userinfo.application.CookieContractCases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cookie-session row of the contract over real HTTP through Javalin: status, headers, each Set-Cookie line, body. */
class CookieContractOverHttpTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static UserInfoHttpServer server;

    @BeforeAll
    static void start() {
        server = UserInfoHttpServer.start("127.0.0.1", 0, new UserInfoRoutes(CookieContractCases.endpoint()), List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<ContractCase> rows() {
        return CookieContractCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void cookieRow_overHttp(ContractCase row) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + row.path() + row.queryString()))
                .method(row.method(), HttpRequest.BodyPublishers.noBody());
        row.requestHeaders().forEach(request::header);

        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());

        row.assertResponse(response.statusCode(), name -> response.headers().firstValue(name).orElse(null),
                response.headers().allValues("Set-Cookie"), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(row.setCookies().size(), response.headers().allValues("Set-Cookie").size(), "one line per cookie");
    }
}
