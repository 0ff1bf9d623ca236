package io.portalinvite.examples.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A minimal HTTP/1.1 client over a plain socket: sends the request line and headers exactly as
 * given (no encoding, no normalisation, any Host), and reads the whole response.
 */
final class RawHttp {
    // a copy of the starter test's client: the demo is built as a separate application

    private RawHttp() {}

    /**
     * A response as it came over the wire.
     *
     * @param status the status code
     * @param headers the header lines, "Name: value"
     * @param body the body as ISO-8859-1 text
     */
    record Response(int status, List<String> headers, String body) {

        /** Returns every value of a header, case-insensitively by name. */
        List<String> all(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream()
                    .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip())
                    .toList();
        }

        /** Returns the first value of a header. */
        Optional<String> header(String name) {
            return all(name).stream().findFirst();
        }
    }

    /**
     * Sends {@code METHOD target HTTP/1.1} with the given headers (a {@code Host} is added unless
     * given, and {@code Connection: close}), and an optional body.
     */
    static Response send(int port, String method, String target, List<String> headers, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder();
            request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            boolean host = headers.stream().anyMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5));
            if (!host) {
                request.append("Host: localhost:").append(port).append("\r\n");
            }
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            if (!body.isEmpty()) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            List<String> headerLines = new ArrayList<>(List.of(lines).subList(1, lines.length));
            return new Response(status, headerLines, split < 0 ? "" : text.substring(split + 4));
        }
    }

    static Response get(int port, String target, String... headers) throws IOException {
        return send(port, "GET", target, List.of(headers), "");
    }
}
