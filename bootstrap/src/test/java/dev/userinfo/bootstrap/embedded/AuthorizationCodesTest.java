package dev.userinfo.bootstrap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One-time, five-minute codes bound to client, redirect URI and PKCE challenge. */
class AuthorizationCodesTest {

    private static final String CLIENT = "client-1";
    private static final String REDIRECT = "http://localhost:3000/cb";

    private final MutableClock clock = new MutableClock();
    private final List<String> replayed = new ArrayList<>();
    private final AuthorizationCodes codes = new AuthorizationCodes(clock, replayed::add);
    private final CodeVerifier verifier = new CodeVerifier();
    private final EmbeddedTokenIssuer.SignIn signIn =
            new EmbeddedTokenIssuer.SignIn(List.of("openid"), clock.instant(), "origin-1");

    private String issue() {
        return codes.issue(new AuthorizationCodes.Grant(CLIENT, REDIRECT,
                CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue(), "nonce-1", "sub-1", signIn));
    }

    private static String problem(OAuthProblemCall call) {
        OAuthProblem problem = assertThrows(OAuthProblem.class, call::run);
        return problem.error().getCode() + ": " + problem.error().getDescription();
    }

    private interface OAuthProblemCall {
        void run() throws OAuthProblem;
    }

    @Test
    void rightClientRedirectAndVerifier_giveTheGrant() throws Exception {
        String code = issue();

        AuthorizationCodes.Grant grant = codes.redeem(code, CLIENT, REDIRECT, verifier);

        assertEquals("sub-1", grant.sub());
        assertEquals("nonce-1", grant.nonce());
        assertEquals(signIn, grant.signIn());
        assertTrue(code.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), code);
        assertNotEquals(code, issue());
    }

    @Test
    void aCode_worksOnce_theSecondUseIsRefused_andRevokesWhatTheFirstGave() throws Exception {
        String code = issue();
        codes.redeem(code, CLIENT, REDIRECT, verifier);

        assertEquals("invalid_grant: authorization code already used; the tokens it gave are revoked",
                problem(() -> codes.redeem(code, CLIENT, REDIRECT, verifier)));
        assertEquals(List.of("origin-1"), replayed);
    }

    @Test
    void justBeforeFiveMinutes_works_atFiveMinutes_isExpired() throws Exception {
        String young = issue();
        String old = issue();
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        codes.redeem(young, CLIENT, REDIRECT, verifier);

        clock.advance(Duration.ofMillis(1));

        assertEquals("invalid_grant: authorization code expired (valid 5 minutes)",
                problem(() -> codes.redeem(old, CLIENT, REDIRECT, verifier)));
        assertEquals(List.of(), replayed);
    }

    @Test
    void wrongVerifier_isRefused_andSpendsTheCode() {
        String code = issue();

        assertEquals("invalid_grant: code_verifier does not match the code_challenge",
                problem(() -> codes.redeem(code, CLIENT, REDIRECT, new CodeVerifier())));
        assertEquals("invalid_grant: authorization code already used; the tokens it gave are revoked",
                problem(() -> codes.redeem(code, CLIENT, REDIRECT, verifier)));
    }

    @Test
    void anotherClient_isRefused() {
        String code = issue();

        assertEquals("invalid_grant: authorization code was issued to another client",
                problem(() -> codes.redeem(code, "client-2", REDIRECT, verifier)));
    }

    @Test
    void anotherRedirectUri_evenATrailingSlash_isRefused() {
        String code = issue();

        assertEquals("invalid_grant: redirect_uri differs from the authorization request's",
                problem(() -> codes.redeem(code, CLIENT, REDIRECT + "/", verifier)));
    }

    @Test
    void unknownCode_isRefused() {
        issue();

        assertEquals("invalid_grant: unknown or expired authorization code",
                problem(() -> codes.redeem("00000000-0000-0000-0000-000000000000", CLIENT, REDIRECT, verifier)));
        assertEquals(List.of(), replayed);
    }

    @Test
    void theVerifiersPlainValueAsChallenge_isRefused() {
        // A client that sent code_challenge = verifier (the "plain" method) cannot pass S256.
        String code = codes.issue(new AuthorizationCodes.Grant(CLIENT, REDIRECT, verifier.getValue(), null, "sub-1", signIn));

        assertEquals("invalid_grant: code_verifier does not match the code_challenge",
                problem(() -> codes.redeem(code, CLIENT, REDIRECT, verifier)));
    }

    /** A grant names who and which client only: never the redirect URI's query, the challenge or the nonce. */
    @Test
    void grant_toString_namesTheSubAndClientOnly() {
        AuthorizationCodes.Grant grant = new AuthorizationCodes.Grant("app", "http://localhost:3000/cb?x=1", "challenge-value",
                "nonce-value", "sub-alice", new EmbeddedTokenIssuer.SignIn(List.of("openid"), java.time.Instant.EPOCH, "origin-1"));

        assertEquals("Grant[sub=sub-alice, client=app]", grant.toString());
    }
}
