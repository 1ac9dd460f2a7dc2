package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the endpoint does when the use case throws (a bug, a configuration mistake) and when an API
 * Gateway authorizer verified the token instead: the 500's log line and access-log reason, the
 * latency it records, and that a missing authorizer identity never falls back to the unverified token.
 */
class UserInfoEndpointFailureTest {

    private static final Instant EXP = Instant.parse("2099-01-01T00:00:00Z");
    private static final VerifiedIdentity ALICE = new VerifiedIdentity("alice", "sub-alice", TokenUse.ID, "client-1",
            "alice@example.com", List.of("admins"), EXP);

    /** Held here: java.util.logging keeps loggers only weakly. */
    private final Logger julLogger = Logger.getLogger(UserInfoEndpoint.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<AccessLogEntry> entries = new ArrayList<>();
    private UserInfoEndpoint endpoint;
    private final IllegalStateException boom = new IllegalStateException("secret detail tok.boom.sig");

    /** An exception without a stack trace, as a JVM may throw after optimizing a hot path. */
    private static final class StacklessFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StacklessFailure() {
            super("secret tok.stackless.sig", null, false, false);
        }
    }

    @BeforeEach
    void wire() {
        julLogger.addHandler(capture);
        InMemoryTokenParser tokens = new InMemoryTokenParser()
                .accept("tok.alice.id", ALICE)
                .failWith("tok.boom.sig", boom)
                .failWith("tok.misconfigured.sig", new MisconfigurationException("check COGNITO_USER_POOL_ID", null))
                .failWith("tok.stackless.sig", new StacklessFailure());
        InMemoryUserAttributeLookup users = new InMemoryUserAttributeLookup()
                .put("alice", "sub-alice", Map.of("nickname", "Ally"), true);
        endpoint = new UserInfoEndpoint(new GetUserInfo(tokens, users),
                CorsPolicy.of(List.of(ContractCases.APP_ORIGIN)), entries::add);
    }

    @AfterEach
    void unhook() {
        julLogger.removeHandler(capture);
    }

    private HttpResponse get(String authorization, String requestId) {
        return endpoint.handle(new HttpRequest("GET", "/userinfo",
                Headers.of(Map.of("Authorization", authorization, "Origin", ContractCases.APP_ORIGIN)), requestId));
    }

    private String onlyLogLine() {
        assertEquals(1, logged.size(), "log lines: " + logged.size());
        assertEquals(Level.SEVERE, logged.get(0).getLevel());
        return logged.get(0).getMessage();
    }

    @Test
    void unexpectedFailure_isLoggedWithRequestIdKindClassAndFrame_neverItsMessage() {
        HttpResponse response = get("Bearer tok.boom.sig", "req-500");

        assertEquals(500, response.status());
        assertEquals("{\"error\":\"internal_error\",\"requestId\":\"req-500\"}", response.body());
        assertEquals(ContractCases.APP_ORIGIN, response.header("Access-Control-Allow-Origin"));
        String line = onlyLogLine();
        // Where the exception was made: here, in the test, since the fake parser throws it as it is.
        assertEquals("request req-500 failed (unexpected): java.lang.IllegalStateException at "
                + boom.getStackTrace()[0], line);
        assertFalse(line.contains("secret"), line);
        assertFalse(line.contains("tok."), line);
        assertEquals("internal_error", entries.get(0).outcome());
        assertEquals("unexpected", entries.get(0).reason());
    }

    @Test
    void misconfiguration_isLoggedAndRecordedAsSuch() {
        HttpResponse response = get("Bearer tok.misconfigured.sig", "req-cfg");

        assertEquals(500, response.status());
        String line = onlyLogLine();
        assertTrue(line.startsWith("request req-cfg failed (misconfiguration): "
                + MisconfigurationException.class.getName() + " at "), line);
        assertEquals("misconfiguration", entries.get(0).reason());
    }

    @Test
    void failureWithoutAStackTrace_isStillAnswered_andLoggedWithoutAFrame() {
        HttpResponse response = get("Bearer tok.stackless.sig", "req-nost");

        assertEquals(500, response.status());
        assertEquals("request req-nost failed (unexpected): " + StacklessFailure.class.getName(), onlyLogLine());
    }

    @Test
    void answeredRequest_logsNothingThroughTheErrorLog() {
        assertEquals(200, get("Bearer tok.alice.id", "req-ok").status());
        assertEquals(List.of(), logged);
    }

    /** The latency is the time spent inside the endpoint, in milliseconds: never negative, never more than the caller saw. */
    @Test
    void accessLogLatency_isTheTimeSpentHandling_inMilliseconds() {
        long before = System.nanoTime();
        get("Bearer tok.alice.id", "req-time");
        double callerSawMillis = (System.nanoTime() - before) / 1_000_000.0;

        double latency = entries.get(0).latencyMillis();
        assertTrue(latency >= 0 && latency <= callerSawMillis, latency + " ms of " + callerSawMillis + " ms");
    }

    @Test
    void preVerified_withoutAuthorizerClaims_is401_neverAFallBackToTheUnverifiedToken() {
        HttpResponse response = endpoint.handlePreVerified(new HttpRequest("GET", "/userinfo",
                Headers.of(Map.of("Authorization", "Bearer tok.alice.id")), "req-pre"), Optional.empty());

        assertEquals(401, response.status());
        assertEquals("{\"error\":\"invalid_token\"}", response.body());
        assertTrue(response.header("WWW-Authenticate").contains("error=\"invalid_token\""));
        assertEquals("NO_AUTHORIZER_CLAIMS", entries.get(0).reason());
    }

    @Test
    void preVerified_withAnIdentity_answersThatUsersProfile_withoutReadingAnyToken() {
        HttpResponse response = endpoint.handlePreVerified(new HttpRequest("GET", "/userinfo",
                Headers.of(Map.of("Authorization", "Bearer tok.boom.sig")), "req-pre"), Optional.of(ALICE));

        assertEquals(200, response.status());
        assertEquals("{\"name\":\"alice\",\"email\":\"alice@example.com\",\"nickname\":\"Ally\",\"sub\":\"sub-alice\","
                + "\"email_verified\":null,\"groups\":[\"admins\"]}", response.body());
        assertEquals("sub-alice", entries.get(0).sub());
    }
}
