package dev.userinfo.bootstrap.lambda;

import dev.userinfo.application.AccessLog;
import dev.userinfo.application.InMemoryTokenParser;
import dev.userinfo.application.InMemoryUserAttributeLookup;
import dev.userinfo.bootstrap.config.UserInfoConfig;
import dev.userinfo.domain.TokenParser;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.VerifiedIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The deployment the event fixtures under {@code events/} were written for, over in-memory fakes. */
public final class LambdaFixtures {

    static final String POOL_ID = "eu-west-1_Fx7Pq2Ab9";
    static final String CLIENT_ID = "4k3j2h1g0f9e8d7c6b5a4s3d2f";
    static final String ORIGIN = "https://app.example.com";
    static final String ALICE_SUB = "7b6e2f1c-0d4a-4f3e-9a8b-1c2d3e4f5a6b";
    /** The token in the fixtures: JWT-shaped, signed by nothing; the fake parser knows it as alice's. */
    static final String TOKEN = "eyJraWQiOiJmaXh0dXJlLWtpZC0xIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiI3YjZlMmYxYy0wZDRhLTRmM2UtOWE4Yi0xYzJkM2U0ZjVhNmIiLCJjb2duaXRvOnVzZXJuYW1lIjoiYWxpY2UiLCJ0b2tlbl91c2UiOiJpZCIsImF1ZCI6IjRrM2oyaDFnMGY5ZThkN2M2YjVhNHMzZDJmIiwiZml4dHVyZSI6dHJ1ZX0.bm90IGEgcmVhbCBzaWduYXR1cmUsIGZpeHR1cmUgb25seQ";
    static final String ALICE_BODY = "{\"name\":\"alice\",\"email\":\"alice@example.com\",\"nickname\":\"Ally\","
            + "\"sub\":\"" + ALICE_SUB + "\",\"email_verified\":true,\"groups\":[\"admins\",\"beta\"]}";

    private LambdaFixtures() {
    }

    public static UserInfoConfig config(boolean trustAuthorizer) {
        return UserInfoConfig.forLambda(Map.of(
                UserInfoConfig.AWS_REGION, "eu-west-1",
                UserInfoConfig.COGNITO_USER_POOL_ID, POOL_ID,
                UserInfoConfig.COGNITO_CLIENT_IDS, CLIENT_ID,
                UserInfoConfig.ALLOWED_ORIGINS, ORIGIN,
                UserInfoConfig.TRUST_API_GATEWAY_AUTHORIZER, Boolean.toString(trustAuthorizer)));
    }

    static InMemoryTokenParser tokens() {
        return new InMemoryTokenParser().accept(TOKEN, new VerifiedIdentity("alice", ALICE_SUB, TokenUse.ID, CLIENT_ID,
                "alice@example.com", List.of("admins", "beta"), Instant.parse("2026-03-12T20:03:58Z")));
    }

    static InMemoryUserAttributeLookup users() {
        return new InMemoryUserAttributeLookup().put("alice", ALICE_SUB,
                Map.of("email", "alice@example.com", "nickname", "Ally", "email_verified", "true"), true);
    }

    static LambdaWiring wiring(boolean trustAuthorizer, TokenParser tokens, InMemoryUserAttributeLookup users,
            AccessLog log, Runnable keyPrefetch) {
        return LambdaWiring.over(config(trustAuthorizer), tokens, users, log, keyPrefetch);
    }
}
