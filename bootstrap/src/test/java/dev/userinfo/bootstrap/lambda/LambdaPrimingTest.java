package dev.userinfo.bootstrap.lambda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userinfo.application.AccessLogEntry;
import dev.userinfo.application.InMemoryTokenParser;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.TokenParser;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LambdaPrimingTest {

    private final List<String> parsedTokens = new ArrayList<>();
    private final List<AccessLogEntry> logged = new ArrayList<>();
    private final InMemoryUserAttributeLookup users = LambdaFixtures.users();
    private final AtomicInteger prefetches = new AtomicInteger();

    private TokenParser recordingParser() {
        InMemoryTokenParser fake = LambdaFixtures.tokens();
        return token -> {
            parsedTokens.add(token.value());
            return fake.parse(token);
        };
    }

    @Test
    void restHandlerPriming_fetchesKeys_andSendsARequestThroughTheApplication_thatReachesNoUser() throws Exception {
        LambdaRestApiHandler handler = new LambdaRestApiHandler(LambdaFixtures.wiring(
                false, recordingParser(), users, logged::add, prefetches::incrementAndGet));

        handler.priming().beforeCheckpoint(null);

        assertEquals(1, prefetches.get());
        assertEquals(List.of(LambdaPriming.UNSIGNED_TOKEN), parsedTokens, "one token verification, the unsigned one");
        assertEquals(0, users.lookupCount(), "no user looked up");
        assertEquals(List.of(401, 204), logged.stream().map(AccessLogEntry::status).toList());
        assertTrue(logged.stream().allMatch(e -> LambdaPriming.REQUEST_ID.equals(e.requestId())));
    }

    @Test
    void httpHandlerPriming_doesTheSameThroughTheHttpApiAdapter() throws Exception {
        LambdaHttpApiHandler handler = new LambdaHttpApiHandler(LambdaFixtures.wiring(
                false, recordingParser(), users, logged::add, prefetches::incrementAndGet));

        handler.priming().beforeCheckpoint(null);

        assertEquals(1, prefetches.get());
        assertEquals(List.of(LambdaPriming.UNSIGNED_TOKEN), parsedTokens);
        assertEquals(0, users.lookupCount());
        assertEquals(List.of(401, 204), logged.stream().map(AccessLogEntry::status).toList());
    }

    @Test
    void withTheAuthorizerTrusted_primingNeedsNoKeySet() throws Exception {
        LambdaRestApiHandler handler = new LambdaRestApiHandler(LambdaFixtures.wiring(
                true, recordingParser(), users, logged::add, prefetches::incrementAndGet));

        handler.priming().beforeCheckpoint(null);

        assertEquals(0, prefetches.get());
        assertEquals(List.of(), parsedTokens);
        assertEquals(List.of(401, 204), logged.stream().map(AccessLogEntry::status).toList());
    }

    @Test
    void failuresWhilePriming_areLoggedAndPassedOver_soTheCheckpointGoesAhead() {
        AtomicInteger attempts = new AtomicInteger();
        LambdaRestApiHandler handler = new LambdaRestApiHandler(LambdaFixtures.wiring(false, recordingParser(), users,
                entry -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("log sink down");
                },
                () -> {
                    throw new IllegalStateException("JWKS unreachable");
                }));

        assertDoesNotThrow(() -> handler.priming().beforeCheckpoint(null));
        assertEquals(2, attempts.get(), "both priming requests were still tried after the key set failed");
    }

    @Test
    void theUnsignedToken_isShapedLikeAJwt_butCarriesNoKeyId() {
        String[] parts = LambdaPriming.UNSIGNED_TOKEN.split("\\.");

        assertEquals(3, parts.length);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", header);
        assertDoesNotThrow(() -> new BearerToken(LambdaPriming.UNSIGNED_TOKEN));
    }
}
