package dev.userinfo.benchmarks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userinfo.application.AccessLog;
import dev.userinfo.application.AccessLogEntry;
import dev.userinfo.application.CorsPolicy;
import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.application.JsonAccessLog;
import dev.userinfo.application.UserInfoEndpoint;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.TokenParser;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JSON a request renders: the 200 body (through the application, for an identity that is already
 * verified, so no signature check is in the number) and the access log line, next to the floor of
 * Jackson writing a six-field record of the same values, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonRenderingBenchmark {

    /** The same shape as the application's 200 body, for the floor. */
    @JsonPropertyOrder({"name", "email", "nickname", "sub", "email_verified", "groups"})
    public record Body(
            @JsonProperty("name") String name,
            @JsonProperty("email") String email,
            @JsonProperty("nickname") String nickname,
            @JsonProperty("sub") String sub,
            @JsonProperty("email_verified") Boolean emailVerified,
            @JsonProperty("groups") List<String> groups) {
    }

    private UserInfoEndpoint endpoint;
    private HttpRequest request;
    private Optional<VerifiedIdentity> identity;
    private JsonAccessLog accessLog;
    private AccessLogEntry entry;
    private final ObjectMapper mapper = new ObjectMapper();
    private Body body;

    @Setup
    public void setUp() throws JsonProcessingException {
        InMemoryUserAttributeLookup users = new InMemoryUserAttributeLookup()
                .put(BenchmarkPool.USERNAME, BenchmarkPool.SUB, Map.of("email", "alice@example.com",
                        "email_verified", "true", "nickname", "Ally"), true);
        TokenParser unused = token -> {
            throw new IllegalStateException("pre-verified requests never parse a token");
        };
        endpoint = new UserInfoEndpoint(new GetUserInfo(unused, users), CorsPolicy.of(List.of("http://localhost:*")),
                AccessLog.discarding());
        request = new HttpRequest("GET", UserInfoEndpoint.PATH, Headers.of(Map.of("Origin", "http://localhost:5173")),
                "3f6c1a2b-0000-4000-8000-000000000001");
        identity = Optional.of(new VerifiedIdentity(BenchmarkPool.USERNAME, BenchmarkPool.SUB, TokenUse.ID,
                BenchmarkPool.CLIENT_ID, "alice@example.com", List.of("admins"), Instant.parse("2099-01-01T00:00:00Z")));
        accessLog = new JsonAccessLog(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        entry = new AccessLogEntry("3f6c1a2b-0000-4000-8000-000000000001", "GET", "/userinfo", null, 200, "ok", null,
                BenchmarkPool.SUB, 0.731);
        body = new Body(BenchmarkPool.USERNAME, "alice@example.com", "Ally", BenchmarkPool.SUB, true, List.of("admins"));

        String rendered = responseWithBody().body();
        if (!rendered.equals(jacksonFloor())) {
            throw new IllegalStateException("the floor renders something else than the endpoint: " + rendered);
        }
    }

    /** A pre-verified request through the application: lookup, routing, CORS headers, the 200 body. */
    @Benchmark
    public HttpResponse responseWithBody() {
        return endpoint.handlePreVerified(request, identity);
    }

    /** The access log line every request writes. */
    @Benchmark
    public String accessLogLine() {
        return accessLog.format(entry);
    }

    /** The floor: Jackson writing the same six values. */
    @Benchmark
    public String jacksonFloor() throws JsonProcessingException {
        return mapper.writeValueAsString(body);
    }
}
