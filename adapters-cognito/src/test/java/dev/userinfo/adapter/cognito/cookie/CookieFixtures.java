package dev.userinfo.adapter.cognito.cookie;

import dev.userinfo.domain.session.CodeVerifier;
import dev.userinfo.domain.session.Nonce;
import dev.userinfo.domain.session.PendingSignIn;
import dev.userinfo.domain.session.PendingSignIns;
import dev.userinfo.domain.session.RefreshToken;
import dev.userinfo.domain.session.Session;
import dev.userinfo.domain.session.SessionId;
import dev.userinfo.domain.session.State;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Keys, sessions and refresh tokens of realistic size for the cookie tests. */
final class CookieFixtures {

    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private CookieFixtures() {
    }

    static String key(String kid) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return kid + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A refresh token shaped like Cognito's: a compact JWE (RSA-OAEP, A256GCM) of {@code chars}
     * characters in all, base64url parts, 1.7–1.9 KB in practice.
     */
    static String cognitoLikeRefreshToken(int chars) {
        SecureRandom random = new SecureRandom();
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"cty\":\"JWT\",\"enc\":\"A256GCM\",\"alg\":\"RSA-OAEP\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String key = b64(random, 256);
        String iv = b64(random, 12);
        String tag = b64(random, 16);
        int rest = chars - header.length() - key.length() - iv.length() - tag.length() - 4;
        byte[] body = new byte[rest * 3 / 4 + 3];
        random.nextBytes(body);
        String cipher = Base64.getUrlEncoder().withoutPadding().encodeToString(body).substring(0, rest);
        return header + "." + key + "." + iv + "." + cipher + "." + tag;
    }

    private static String b64(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static Session session(String refreshToken, List<String> groups) {
        return new Session(new SessionId("Yk2xq0fW3cP1mZ8rT6vN4bH7jL9sD5gA2eQ0uI3oK1y"), "8f3c2a1e-6b7d-4e5f-9a0b-1c2d3e4f5a6b",
                "alice", groups, T0, T0.plusSeconds(300), T0.plus(Duration.ofDays(7)), T0.plusSeconds(3600),
                new RefreshToken(refreshToken));
    }

    /** {@code count} groups named as an organisation might: {@code team-platform-01}, ... */
    static List<String> groups(int count) {
        List<String> groups = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            groups.add(String.format("team-platform-%02d", i));
        }
        return groups;
    }

    static PendingSignIns signIns(int count, String returnTo) {
        PendingSignIns pending = PendingSignIns.none();
        for (int i = 0; i < count; i++) {
            pending = pending.with(new PendingSignIn(new State("s" + "t".repeat(42) + i), new Nonce("n" + "o".repeat(42) + i),
                    new CodeVerifier("v".repeat(42) + i), returnTo, URI.create("https://api.example.com/auth/callback"),
                    T0.plusSeconds(600 + i)));
        }
        return pending;
    }
}
