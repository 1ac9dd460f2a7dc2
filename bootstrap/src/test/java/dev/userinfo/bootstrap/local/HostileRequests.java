package dev.userinfo.bootstrap.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Hostile HTTP/1.x requests as raw bytes, from a seeded {@link Random} so a failing run can be
 * replayed: odd methods, paths and versions; garbage, forged, tampered and oversized tokens; random
 * header names and values, control and non-ASCII bytes, lying {@code Content-Length}s, bare LFs.
 * Raw sockets, because an HTTP client library refuses to send most of this.
 */
final class HostileRequests {

    /** What the server said: a status, or -1 when it closed the connection without an answer. */
    record Outcome(int status, boolean timedOut) {
    }

    /** Someone else's address, in paths, headers and forged claims; it must never reach a log. */
    static final String FOREIGN_EMAIL = "mallory@evil.example";

    private static final List<String> METHODS = List.of("GET", "GET", "GET", "GET", "POST", "PUT", "DELETE",
            "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "get", "GeT", "G\u00c9T", "GET\u0000", "",
            "\u0001\u0002", "X".repeat(300));
    private static final List<String> VERSIONS = List.of("HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0",
            "HTTP/2.0", "HTTP/9.9", "HTTP/1.1x", "http/1.1", "", "HTTP/1.1 extra");
    private static final List<String> FORGED_HEADERS = List.of(
            "{\"alg\":\"none\"}",
            "{\"alg\":\"none\",\"kid\":\"CognitoLocal\"}",
            "{\"alg\":\"HS256\",\"kid\":\"CognitoLocal\"}",
            "{\"alg\":\"RS256\",\"kid\":\"%s\"}",
            "{\"alg\":\"RS256\",\"kid\":\"CognitoLocal\",\"jku\":\"http://127.0.0.1:1/keys\"}",
            "{\"alg\":\"RS256\",\"kid\":\"CognitoLocal\",\"x5u\":\"http://127.0.0.1:1/cert\"}",
            "{\"alg\":\"RS256\",\"kid\":\"CognitoLocal\",\"crit\":[\"exp\"]}",
            "{\"alg\":\"RS256\",\"kid\":\"../../../../../dev/zero\"}",
            "{\"alg\":\"RS256\",\"kid\":12}",
            "{\"alg\":\"RS256\",\"kid\":null}",
            "{\"alg\":[\"RS256\"],\"kid\":\"CognitoLocal\"}",
            "{\"alg\":\"RS256\",\"alg\":\"none\",\"kid\":\"CognitoLocal\"}",
            "[]", "null", "\"RS256\"", "{", "");
    private static final List<String> FORGED_PAYLOADS = List.of(
            "{\"sub\":\"x\",\"cognito:username\":\"admin\",\"token_use\":\"id\",\"email\":\"" + FOREIGN_EMAIL + "\"}",
            "{\"token_use\":\"access\",\"username\":\"admin\",\"exp\":1e400}",
            "{\"token_use\":\"id\",\"exp\":\"tomorrow\",\"iat\":-1}",
            "{\"token_use\":\"id\",\"aud\":[[[[[[[[[[\"x\"]]]]]]]]]]}",
            "%s", // deep nesting, filled in below
            "{\"a\":\"\\ud800\"}", "null", "[]", "", "{}");

    private HostileRequests() {
    }

    /**
     * One hostile request. Most bend one thing and keep the rest well-formed, so that they get past
     * Jetty's parser into the contract and the token parser; a fifth bend everything at once.
     */
    static byte[] next(Random random, String validToken) {
        int kind = random.nextInt(5);
        boolean hostileToken = kind == 0 || kind == 4;
        boolean hostileTarget = kind == 1 || kind == 4;
        boolean hostileHeaders = kind == 2 || kind == 4;
        boolean hostileFraming = kind == 3 || kind == 4;

        String eol = hostileFraming && random.nextBoolean() ? "\n" : "\r\n";
        StringBuilder head = new StringBuilder();
        head.append(hostileTarget ? pick(random, METHODS) : "GET").append(' ')
                .append(hostileTarget ? path(random) : "/userinfo").append(' ')
                .append(hostileFraming ? pick(random, VERSIONS) : "HTTP/1.1").append(eol);
        if (!hostileFraming || random.nextInt(4) != 0) {
            head.append("Host: 127.0.0.1").append(eol);
        }
        int authorizations = hostileHeaders && random.nextInt(4) == 0 ? 2 : 1;
        for (int i = 0; i < authorizations; i++) {
            String authorization = hostileToken || random.nextInt(3) == 0
                    ? authorization(random, validToken)
                    : "Bearer " + forgedToken(random);
            if (authorization != null) {
                String name = hostileHeaders
                        ? pick(random, List.of("Authorization", "authorization", "AUTHORIZATION", "Authorization "))
                        : "Authorization";
                head.append(name).append(": ").append(authorization).append(eol);
            }
        }
        int extra = hostileHeaders ? 1 + random.nextInt(6) : 0;
        for (int i = 0; i < extra; i++) {
            head.append(header(random)).append(eol);
        }
        byte[] body = hostileFraming && random.nextInt(3) == 0 ? bytes(random, random.nextInt(2_000)) : new byte[0];
        if (hostileFraming && random.nextBoolean()) {
            // Often a lie: more than is sent (the server meets end of input), less, or nonsense.
            head.append("Content-Length: ").append(pick(random, List.of(
                    Integer.toString(body.length), Integer.toString(body.length + 100), "0", "-1", "abc",
                    "99999999999999999999", "5, 6"))).append(eol);
        }
        head.append(eol);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // ISO-8859-1: one byte per char, so the non-ASCII and control characters go out as raw bytes.
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /**
     * Sends one request on a fresh connection, half-closes it (so the server meets end of input
     * rather than waiting for more), and reads the status line of whatever comes back.
     */
    static Outcome send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may answer (431, 400) and close before it has read everything we send.
            }
            InputStream in = socket.getInputStream();
            try {
                byte[] answer = in.readNBytes(64 * 1024);
                return new Outcome(status(answer), false);
            } catch (SocketTimeoutException e) {
                return new Outcome(-1, true);
            } catch (IOException e) {
                return new Outcome(-1, false); // reset: closed without an answer
            }
        }
    }

    private static int status(byte[] answer) {
        String text = new String(answer, 0, Math.min(answer.length, 16), StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.") || text.length() < 12) {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String path(Random random) {
        return switch (random.nextInt(20)) {
            case 0 -> "/userinfo/";
            case 1 -> "//userinfo";
            case 2 -> "/USERINFO";
            case 3 -> "/userinfo?access_token=" + forgedToken(random);
            case 4 -> "/userinfo/../userinfo";
            case 5 -> "/%2e%2e/%2e%2e/etc/passwd";
            case 6 -> "/userinfo%00";
            case 7 -> "/userinfo;jsessionid=" + random.nextInt();
            case 8 -> "*";
            case 9 -> "http://evil.example/userinfo";
            case 10 -> "/users/" + FOREIGN_EMAIL;
            case 11 -> "/" + "a/".repeat(2_000 + random.nextInt(5_000));
            case 12 -> "/" + new String(bytes(random, 1 + random.nextInt(60)), StandardCharsets.ISO_8859_1)
                    .replace('\r', '_').replace('\n', '_').replace(' ', '_');
            case 13 -> "/dev/token";
            case 14 -> "/health?" + "x".repeat(random.nextInt(100));
            case 15 -> "";
            default -> "/userinfo";
        };
    }

    /** An Authorization value, or null for none. */
    private static String authorization(Random random, String validToken) {
        return switch (random.nextInt(16)) {
            case 0 -> null;
            case 1 -> "Bearer " + base64url(bytes(random, random.nextInt(9_000)));
            case 2 -> "Bearer " + "a".repeat(pick(random, List.of(8_192, 10_240, 10_241, 16_000, 70_000)));
            case 3, 4, 5 -> "Bearer " + forgedToken(random);
            case 6 -> "Bearer " + tampered(random, validToken);
            case 7 -> pick(random, List.of("Bearer", "Bearer ", "Bearer  \t ", "bEaReR a.b.c", "Bearer a b c"));
            case 8 -> pick(random, List.of("Basic dXNlcjpwYXNz", "Digest username=\"" + FOREIGN_EMAIL + "\"",
                    "Negotiate YIIB", "AWS4-HMAC-SHA256 Credential=x"));
            case 9 -> tampered(random, validToken); // bare, as the original frontend sent it
            case 10 -> "Bearer " + new String(bytes(random, random.nextInt(300)), StandardCharsets.ISO_8859_1)
                    .replace('\r', ' ').replace('\n', ' ');
            case 11 -> "Bearer " + validToken.replace('.', pick(random, List.of(",", "..", " ", "\u0000")).charAt(0));
            default -> "Bearer " + forgedToken(random);
        };
    }

    private static String forgedToken(Random random) {
        String header = pick(random, FORGED_HEADERS);
        if (header.contains("%s")) {
            header = header.formatted(base64url(bytes(random, 1 + random.nextInt(40))));
        }
        String payload = pick(random, FORGED_PAYLOADS);
        if (payload.equals("%s")) {
            int depth = 100 + random.nextInt(3_000);
            payload = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        }
        return b64(header) + "." + b64(payload) + "." + base64url(bytes(random, random.nextInt(400)));
    }

    private static String tampered(Random random, String token) {
        char[] chars = token.toCharArray();
        return switch (random.nextInt(4)) {
            case 0 -> {
                int at = random.nextInt(chars.length);
                chars[at] = chars[at] == 'A' ? 'B' : 'A';
                yield new String(chars);
            }
            case 1 -> token.substring(0, random.nextInt(token.length()));
            case 2 -> token.substring(0, token.lastIndexOf('.') + 1);
            default -> token + "." + token;
        };
    }

    private static String header(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> "Origin: " + pick(random, List.of("http://localhost:5173", "null", "https://evil.example",
                    "http://localhost:5173.evil.example", ""));
            case 1 -> "X-Forwarded-For: " + random.nextInt(256) + "." + random.nextInt(256) + ".0.1";
            case 2 -> "From: " + FOREIGN_EMAIL;
            case 3 -> "Transfer-Encoding: " + pick(random, List.of("chunked", "gzip, chunked", "identity", "x"));
            case 4 -> "Expect: 100-continue";
            case 5 -> "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: " + base64url(bytes(random, 12));
            case 6 -> "X-Long: " + "v".repeat(random.nextInt(20_000));
            case 7 -> " folded continuation line";
            case 8 -> "No-Colon-Here";
            case 9 -> ": empty name";
            case 10 -> "Content-Type: " + pick(random, List.of("application/json", "text/html; charset=\u00ff", "*/*"));
            case 11 -> "Cookie: session=" + b64("{\"email\":\"" + FOREIGN_EMAIL + "\"}");
            default -> token(random, 1 + random.nextInt(20)) + ": "
                    + new String(bytes(random, random.nextInt(200)), StandardCharsets.ISO_8859_1)
                            .replace('\r', ' ').replace('\n', ' ');
        };
    }

    private static String token(Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_!#$%&'*+.^`|~ @()<>";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static String b64(String text) {
        return base64url(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
