package dev.userinfo.benchmarks;

import dev.userinfo.adapter.cognito.CachingUserAttributeLookup;
import dev.userinfo.adapter.cognito.CognitoIdTokenVerifier;
import dev.userinfo.adapter.cognito.cookie.JweSessionSealer;
import dev.userinfo.adapter.cognito.cookie.SecureRandomValues;
import dev.userinfo.adapter.cognito.cookie.SessionKeys;
import dev.userinfo.adapter.cognito.oauth.CognitoAuthorizationServer;
import dev.userinfo.application.CookieScheme;
import dev.userinfo.application.CookieSessions;
import dev.userinfo.application.CorsPolicy;
import dev.userinfo.application.Headers;
import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.application.JsonAccessLog;
import dev.userinfo.application.UserInfoEndpoint;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.session.CompleteSignIn;
import dev.userinfo.domain.session.RefreshToken;
import dev.userinfo.domain.session.ResumeSession;
import dev.userinfo.domain.session.Session;
import dev.userinfo.domain.session.SessionPolicy;
import dev.userinfo.domain.session.SignOut;
import dev.userinfo.domain.session.StartSignIn;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * A cookie-authenticated {@code GET /userinfo} next to a bearer one, through the same endpoint, in the
 * same run (issue 12: the cookie request should cost at most 1.2 times the bearer request whose token
 * is not cached). Both end in the same cached attribute lookup and JSON; the bearer request verifies an
 * RS256 signature, the cookie request parses the Cookie header, checks CSRF and decrypts an A256GCM
 * JWE with a Cognito-sized (1,900-character) refresh token inside. The session's access token is far
 * from due and it was last seen now, so no refresh and no rewrite happen within a run (under 5 min).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar CookieSessionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CookieSessionBenchmark {

    private BenchmarkPool pool;
    private UserInfoEndpoint endpoint;
    private Headers bearer;
    private Headers cookie;

    @Setup
    public void setUp() {
        pool = BenchmarkPool.start();
        InMemoryUserAttributeLookup users = new InMemoryUserAttributeLookup()
                .put(BenchmarkPool.USERNAME, BenchmarkPool.SUB, Map.of("email", "alice@example.com",
                        "email_verified", "true", "nickname", "Ally"), true);
        GetUserInfo getUserInfo = new GetUserInfo(pool.parser,
                new CachingUserAttributeLookup(users,
                        CachingUserAttributeLookup.Policy.of(Duration.ofMinutes(10), Duration.ofSeconds(900), 10_000)));
        Clock clock = Clock.systemUTC();
        SecureRandomValues random = new SecureRandomValues();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        JweSessionSealer sealer = new JweSessionSealer(
                SessionKeys.parse("k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(key)), random);
        // Never reached: no session in this benchmark is due for a refresh.
        CognitoAuthorizationServer server = new CognitoAuthorizationServer(URI.create("https://auth.invalid"),
                BenchmarkPool.CLIENT_ID, Optional.empty());
        CognitoIdTokenVerifier verifier = new CognitoIdTokenVerifier(pool.parser, BenchmarkPool.CLIENT_ID);
        CookieSessions sessions = new CookieSessions(new StartSignIn(server, random, clock),
                new CompleteSignIn(server, verifier, random, clock, SessionPolicy.defaults()),
                new ResumeSession(server, verifier, getUserInfo, clock, SessionPolicy.defaults(), BenchmarkPool.CLIENT_ID),
                new SignOut(server), sealer, clock, CookieScheme.HOST_PREFIXED,
                CookieSessions.RedirectUris.fixed(URI.create("https://app.example.com/auth/callback")),
                URI.create("https://app.example.com/"));
        endpoint = new UserInfoEndpoint(getUserInfo, CorsPolicy.of(List.of("http://localhost:*")),
                new JsonAccessLog(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8)),
                Optional.of(sessions));

        Instant now = clock.instant();
        byte[] refresh = new byte[1425];
        new SecureRandom().nextBytes(refresh);
        Session session = new Session(random.sessionId(), BenchmarkPool.SUB, BenchmarkPool.USERNAME, List.of("admins", "beta"),
                now, now, now.plus(Duration.ofDays(7)), now.plus(Duration.ofHours(1)),
                new RefreshToken(Base64.getUrlEncoder().withoutPadding().encodeToString(refresh)));
        bearer = Headers.of(Map.of("Authorization", "Bearer " + pool.idToken, "Origin", "http://localhost:5173",
                "Accept", "application/json"));
        cookie = Headers.of(Map.of("Cookie", "theme=dark; __Host-userinfo=" + sealer.sealSession(session),
                "X-CSRF", "1", "Origin", "http://localhost:5173", "Accept", "application/json"));

        for (HttpResponse first : List.of(bearerRequest(), cookieRequest())) {
            if (first.status() != 200 || !first.body().contains("\"nickname\":\"Ally\"") || !first.cookies().isEmpty()) {
                throw new IllegalStateException("the benchmark request does not answer 200: " + first.status() + " "
                        + first.body() + " " + first.cookies().size());
            }
        }
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    /** The baseline: a bearer token verified on every request (RS256), then the cached lookup. */
    @Benchmark
    public HttpResponse bearerRequest() {
        return endpoint.handle(new HttpRequest("GET", UserInfoEndpoint.PATH, bearer, null));
    }

    /** The session cookie: parsed, CSRF-checked, decrypted (A256GCM), then the same cached lookup. */
    @Benchmark
    public HttpResponse cookieRequest() {
        return endpoint.handle(new HttpRequest("GET", UserInfoEndpoint.PATH, cookie, null));
    }
}
