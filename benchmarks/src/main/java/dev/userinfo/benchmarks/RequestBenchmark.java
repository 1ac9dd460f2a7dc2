package dev.userinfo.benchmarks;

import dev.userinfo.adapter.cognito.CachingUserAttributeLookup;
import dev.userinfo.application.CorsPolicy;
import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.application.JsonAccessLog;
import dev.userinfo.application.UserInfoEndpoint;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.VerifiedIdentity;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole {@code GET /userinfo} through the application, with warm caches (key set fetched,
 * alice's attributes cached), next to the token verification alone, in the same run: the difference
 * is everything else a request pays (routing, CORS, bearer extraction, the cache, JSON rendering,
 * the access log line). The access log is formatted as in production and written to a null stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestBenchmark {

    private BenchmarkPool pool;
    private UserInfoEndpoint endpoint;
    private BearerToken token;
    private Headers headers;

    @Setup
    public void setUp() {
        pool = BenchmarkPool.start();
        token = new BearerToken(pool.idToken);
        InMemoryUserAttributeLookup users = new InMemoryUserAttributeLookup()
                .put(BenchmarkPool.USERNAME, BenchmarkPool.SUB, Map.of("email", "alice@example.com",
                        "email_verified", "true", "nickname", "Ally"), true);
        endpoint = new UserInfoEndpoint(
                new GetUserInfo(pool.parser, new CachingUserAttributeLookup(users,
                        CachingUserAttributeLookup.Policy.of(Duration.ofMinutes(10), Duration.ofMinutes(15), 10_000))),
                CorsPolicy.of(List.of("http://localhost:*")),
                new JsonAccessLog(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8)));
        headers = Headers.of(Map.of(
                "Authorization", "Bearer " + pool.idToken,
                "Origin", "http://localhost:5173",
                "Accept", "application/json"));

        HttpResponse first = fullRequest();
        if (first.status() != 200 || !first.body().contains("\"nickname\":\"Ally\"")) {
            throw new IllegalStateException("the benchmark request does not answer 200: " + first.status() + " " + first.body());
        }
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    /** The whole request, as either entry point hands it to the application. */
    @Benchmark
    public HttpResponse fullRequest() {
        return endpoint.handle(new HttpRequest("GET", UserInfoEndpoint.PATH, headers, null));
    }

    /** The baseline: verifying the same token, and nothing else. */
    @Benchmark
    public VerifiedIdentity tokenVerification() {
        return pool.parser.parse(token);
    }
}
