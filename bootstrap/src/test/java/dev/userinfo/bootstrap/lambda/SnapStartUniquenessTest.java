package dev.userinfo.bootstrap.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.userinfo.adapter.cognito.cookie.JweSessionSealer;
import dev.userinfo.adapter.cognito.cookie.SecureRandomValues;
import dev.userinfo.adapter.cognito.cookie.SessionKeys;
import dev.userinfo.application.AccessLog;
import dev.userinfo.application.CookieScheme;
import dev.userinfo.application.CookieSessions;
import dev.userinfo.domain.GetUserInfo;
import dev.userinfo.domain.session.CompleteSignIn;
import dev.userinfo.domain.session.FakeAuthorizationServer;
import dev.userinfo.domain.session.FakeIdTokenVerifier;
import dev.userinfo.domain.session.ResumeSession;
import dev.userinfo.domain.session.SessionPolicy;
import dev.userinfo.domain.session.SignOut;
import dev.userinfo.domain.session.StartSignIn;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SnapStart resumes many execution environments from one snapshot, random generators included. Two
 * handlers whose generators start from the same state stand for two environments restored from one
 * snapshot: before the CRaC afterRestore hook they hand out the same state, nonce and verifier (and
 * would seal cookies under repeated AES-GCM IVs); after it, different ones.
 */
class SnapStartUniquenessTest {

    private static final Pattern STATE = Pattern.compile("[?&]state=([^&]+)");
    private static final Pattern VERIFIER = Pattern.compile("[?&]verifier=([^&]+)");
    private static final String KEY = "k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

    /** A generator whose whole output its seed decides: the state a snapshot would hold. */
    private static SecureRandom snapshotState() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(20_260_101L);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LambdaRestApiHandler restoredHandler() {
        SecureRandomValues random = new SecureRandomValues(snapshotState(), SecureRandomValues.defaultGenerator());
        FakeAuthorizationServer server = new FakeAuthorizationServer();
        Clock clock = Clock.systemUTC();
        GetUserInfo getUserInfo = new GetUserInfo(LambdaFixtures.tokens(), LambdaFixtures.users());
        CookieSessions sessions = new CookieSessions(new StartSignIn(server, random, clock),
                new CompleteSignIn(server, new FakeIdTokenVerifier(), random, clock, SessionPolicy.defaults()),
                new ResumeSession(server, new FakeIdTokenVerifier(), getUserInfo, clock, SessionPolicy.defaults(), "client-1"),
                new SignOut(server), new JweSessionSealer(SessionKeys.parse(KEY), random), clock, CookieScheme.HOST_PREFIXED,
                CookieSessions.RedirectUris.fixed(URI.create("https://app.example.com/auth/callback")),
                URI.create("https://app.example.com/"));
        return new LambdaRestApiHandler(LambdaWiring.over(LambdaFixtures.config(false), LambdaFixtures.tokens(),
                LambdaFixtures.users(), AccessLog.discarding(), () -> { }, Optional.of(sessions), random::renew));
    }

    private static List<String> signInValues(LambdaRestApiHandler handler) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(LambdaPriming.restApiLogin(), null);
        assertEquals(302, response.getStatusCode());
        String location = response.getHeaders().get("Location");
        String cookie = response.getMultiValueHeaders().get("Set-Cookie").get(0);
        return List.of(group(STATE, location), group(VERIFIER, location), cookie.substring(0, cookie.indexOf(';')));
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }

    @Test
    void withoutTheHook_twoRestoredEnvironments_repeatEachOthersState_verifier_andSealedCookie() {
        assertEquals(signInValues(restoredHandler()), signInValues(restoredHandler()));
    }

    @Test
    void theAfterRestoreHook_makesStateVerifierAndTheCookiesIvDifferPerEnvironment() throws Exception {
        LambdaRestApiHandler first = restoredHandler();
        LambdaRestApiHandler second = restoredHandler();

        first.priming().afterRestore(null);
        second.priming().afterRestore(null);

        List<String> a = signInValues(first);
        List<String> b = signInValues(second);
        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(a.get(i), b.get(i), "value " + i);
        }
    }

    @Test
    void primingACookieDeployment_alsoPrimesTheSignInAndTheCookiePath_withoutAnyNetworkCall() throws Exception {
        List<dev.userinfo.application.AccessLogEntry> logged = new java.util.ArrayList<>();
        SecureRandomValues random = new SecureRandomValues();
        FakeAuthorizationServer server = new FakeAuthorizationServer();
        server.setTokenEndpointFailure(new IllegalStateException("priming must not call the token endpoint"));
        Clock clock = Clock.systemUTC();
        GetUserInfo getUserInfo = new GetUserInfo(LambdaFixtures.tokens(), LambdaFixtures.users());
        CookieSessions sessions = new CookieSessions(new StartSignIn(server, random, clock),
                new CompleteSignIn(server, new FakeIdTokenVerifier(), random, clock, SessionPolicy.defaults()),
                new ResumeSession(server, new FakeIdTokenVerifier(), getUserInfo, clock, SessionPolicy.defaults(), "client-1"),
                new SignOut(server), new JweSessionSealer(SessionKeys.parse(KEY), random), clock, CookieScheme.HOST_PREFIXED,
                CookieSessions.RedirectUris.fixed(URI.create("https://app.example.com/auth/callback")),
                URI.create("https://app.example.com/"));
        LambdaHttpApiHandler handler = new LambdaHttpApiHandler(LambdaWiring.over(LambdaFixtures.config(false),
                LambdaFixtures.tokens(), LambdaFixtures.users(), logged::add, () -> { }, Optional.of(sessions), random::renew));

        handler.priming().beforeCheckpoint(null);

        assertEquals(List.of(401, 204, 302, 401), logged.stream().map(dev.userinfo.application.AccessLogEntry::status).toList());
        assertEquals("invalid_session", logged.get(3).outcome());
        assertEquals("/auth/login", logged.get(2).route());
    }
}
