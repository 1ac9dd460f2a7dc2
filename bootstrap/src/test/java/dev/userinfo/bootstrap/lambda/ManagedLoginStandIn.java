package dev.userinfo.bootstrap.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a Lambda with cookie sessions talks to, on one 127.0.0.1 port: a user pool's key set, a
 * managed login's {@code /oauth2/authorize} (redirects straight back with a one-time code, as after
 * a sign-in) and {@code /oauth2/token} (redeems it after checking the PKCE verifier, with an ID token
 * carrying the authorization request's {@code nonce}), and Secrets Manager's {@code GetSecretValue}
 * (the JSON protocol at {@code /}). Records what it was asked, for the test to assert on.
 */
final class ManagedLoginStandIn implements AutoCloseable {

    static final String POOL_ID = "eu-west-1_Cookie1234";
    static final String CLIENT_ID = "cookieclient0123456789abc";
    static final String SUB = "5b6c7d8e-1a2b-4c3d-9e8f-0a1b2c3d4e5f";
    static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:userinfo/session-AbCdEf";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RSAKey key;
    private final HttpServer server;
    private final String secretString;
    /** code -> {nonce, code_challenge, redirect_uri}. */
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    final List<String> secretIds = new CopyOnWriteArrayList<>();
    final List<String> tokenRequests = new CopyOnWriteArrayList<>();

    /** @param secretString the secret's {@code SecretString} */
    ManagedLoginStandIn(String secretString) throws IOException, JOSEException {
        this.secretString = secretString;
        key = new RSAKeyGenerator(2048).keyID("cookie-key-1").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/" + POOL_ID + "/.well-known/jwks.json", exchange -> send(exchange, 200, "application/json", jwks, null));
        server.createContext("/oauth2/authorize", this::authorize);
        server.createContext("/oauth2/token", this::token);
        server.createContext("/", this::secretsManager);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String issuer() {
        return url() + "/" + POOL_ID;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String code = UUID.randomUUID().toString();
        codes.put(code, Map.of("nonce", query.get("nonce"), "code_challenge", query.get("code_challenge"),
                "redirect_uri", query.get("redirect_uri")));
        String location = query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        send(exchange, 302, "text/plain", "", location);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.add(body.get("grant_type") + " client_id=" + body.get("client_id"));
        Map<String, String> issued = codes.remove(body.getOrDefault("code", ""));
        boolean pkce = issued != null && body.get("code_verifier") != null && CodeChallenge.compute(CodeChallengeMethod.S256,
                new CodeVerifier(body.get("code_verifier"))).getValue().equals(issued.get("code_challenge"));
        if (!pkce || !issued.get("redirect_uri").equals(body.get("redirect_uri")) || !CLIENT_ID.equals(body.get("client_id"))) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}", null);
            return;
        }
        Map<String, Object> tokens = new LinkedHashMap<>();
        try {
            tokens.put("id_token", idToken(issued.get("nonce")));
        } catch (JOSEException e) {
            throw new IOException(e);
        }
        tokens.put("access_token", "opaque-access-token");
        tokens.put("refresh_token", "r".repeat(1800));
        tokens.put("expires_in", 3600);
        tokens.put("token_type", "Bearer");
        send(exchange, 200, "application/json", JSON.writeValueAsString(tokens), null);
    }

    private void secretsManager(HttpExchange exchange) throws IOException {
        if (!"secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
            send(exchange, 400, "application/x-amz-json-1.1", "{\"__type\":\"UnknownOperationException\"}", null);
            return;
        }
        secretIds.add(JSON.readTree(exchange.getRequestBody().readAllBytes()).path("SecretId").asText());
        send(exchange, 200, "application/x-amz-json-1.1", JSON.writeValueAsString(Map.of("ARN", SECRET_ARN,
                "Name", "userinfo/session", "SecretString", secretString, "VersionId", "v1")), null);
    }

    private String idToken(String nonce) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(SUB)
                .audience(CLIENT_ID)
                .claim("token_use", "id")
                .claim("cognito:username", "alice")
                .claim("cognito:groups", List.of("admins"))
                .claim("nonce", nonce)
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String type, String body, String location) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
