package dev.userinfo.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP/1.1 answer as it went over the wire — status, headers in order, body — read with a raw
 * socket so nothing is normalised on the way. The load benchmark records a real 200 of the local
 * server with it, the {@link BareJavalinFloor} replays it, and the benchmark compares the floor's
 * answer with the recording before measuring anything.
 *
 * @param headers every header but those the HTTP server writes itself ({@link #SERVER_WRITTEN})
 */
record RecordedAnswer(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    /** Headers Jetty writes on its own for any answer: not replayed, and not compared (Date changes). */
    static final Set<String> SERVER_WRITTEN = Set.of("date", "content-length", "server", "connection");

    RecordedAnswer {
        headers = List.copyOf(headers);
    }

    /**
     * Sends {@code GET <path>} with the given request headers over a fresh connection and reads the
     * answer (which must carry {@code Content-Length}).
     */
    static RecordedAnswer fetch(int port, String path, Map<String, String> requestHeaders) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            requestHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] all = socket.getInputStream().readAllBytes();
            return parse(all);
        }
    }

    private static RecordedAnswer parse(byte[] all) {
        int headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (headEnd < 0) {
            throw new IllegalStateException("no end of headers in: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int contentLength = -1;
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                contentLength = Integer.parseInt(value);
            }
            if (!SERVER_WRITTEN.contains(name.toLowerCase(Locale.ROOT))) {
                headers.add(Map.entry(name, value));
            }
        }
        byte[] body = Arrays.copyOfRange(all, headEnd + 4, all.length);
        if (contentLength != body.length) {
            throw new IllegalStateException("Content-Length " + contentLength + " but " + body.length + " body bytes");
        }
        return new RecordedAnswer(status, headers, body);
    }

    /** Status line, header lines, a blank line, the body: the file {@link BareJavalinFloor} reads. */
    void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            StringBuilder head = new StringBuilder().append(status).append("\n");
            headers.forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\n"));
            out.write(head.append("\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
        }
    }

    static RecordedAnswer read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] all = in.readAllBytes();
            int headEnd = indexOf(all, "\n\n".getBytes(StandardCharsets.UTF_8));
            String[] lines = new String(all, 0, headEnd, StandardCharsets.UTF_8).split("\n");
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (String line : Arrays.asList(lines).subList(1, lines.length)) {
                int colon = line.indexOf(": ");
                headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 2)));
            }
            return new RecordedAnswer(Integer.parseInt(lines[0]), headers, Arrays.copyOfRange(all, headEnd + 2, all.length));
        }
    }

    /** The answer as text, for a side-by-side comparison. */
    String describe() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes((status + "\n").getBytes(StandardCharsets.UTF_8));
        headers.forEach(h -> text.writeBytes((h.getKey() + ": " + h.getValue() + "\n").getBytes(StandardCharsets.UTF_8)));
        text.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        text.writeBytes(body);
        return text.toString(StandardCharsets.UTF_8);
    }

    /**
     * Same status, same headers in the same order, same body bytes — but for one spelling: Jetty's
     * servlet layer writes a media type it knows in its own cached spelling ({@code application/json;charset=utf-8},
     * no space), which a bare Javalin app cannot change without a handler of its own, and which this
     * project's server respells to the contract's. Any other difference counts.
     */
    boolean sameAs(RecordedAnswer other) {
        return status == other.status && respelled().equals(other.respelled()) && Arrays.equals(body, other.body);
    }

    /** Whether the headers differ from {@code other}'s at all, Jetty's spelling of the media type included. */
    boolean sameBytesAs(RecordedAnswer other) {
        return status == other.status && headers.equals(other.headers) && Arrays.equals(body, other.body);
    }

    private List<Map.Entry<String, String>> respelled() {
        return headers.stream().map(h -> h.getKey().equalsIgnoreCase("content-type")
                ? Map.entry(h.getKey(), h.getValue().replace("; charset=", ";charset="))
                : h).toList();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
