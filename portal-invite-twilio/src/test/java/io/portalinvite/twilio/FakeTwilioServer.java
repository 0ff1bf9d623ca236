package io.portalinvite.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server on 127.0.0.1 that plays Twilio's Messages API: it records each request and
 * answers with scripted responses in order (a 201 with a message resource once the script runs
 * out). Handlers run on their own threads, so a scripted hang blocks only its own request.
 */
final class FakeTwilioServer implements AutoCloseable {

    /** A request as the server saw it. */
    record Received(
            String method,
            String path,
            String contentType,
            String authorization,
            Map<String, String> form,
            String rawBody) {}

    private enum Stall {
        NONE,
        BEFORE_HEADERS,
        AFTER_HEADERS
    }

    private record Answer(int status, String body, Map<String, String> headers, Stall stall) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-twilio");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Runnable onRequest = () -> {};

    FakeTwilioServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to configure the sender with. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an answer with a JSON body and extra headers given as name, value pairs. */
    FakeTwilioServer answer(int status, String body, String... headerPairs) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        synchronized (script) {
            script.add(new Answer(status, body, headers, Stall.NONE));
        }
        return this;
    }

    /** Queues a Twilio error document, as Twilio sends for a refused create. */
    FakeTwilioServer error(int status, int code, String twilioMessage, String... headerPairs) {
        return answer(
                status,
                "{\"code\": " + code + ", \"message\": \"" + twilioMessage
                        + "\", \"more_info\": \"https://www.twilio.com/docs/errors/" + code + "\", \"status\": "
                        + status + "}",
                headerPairs);
    }

    /** Queues a request that is read but never answered until the server closes. */
    FakeTwilioServer hang() {
        synchronized (script) {
            script.add(new Answer(0, "", Map.of(), Stall.BEFORE_HEADERS));
        }
        return this;
    }

    /** Queues a 201 whose headers and first body bytes arrive, and the rest never does. */
    FakeTwilioServer stallBody() {
        synchronized (script) {
            script.add(new Answer(
                    201, "{\"sid\": \"SM0123456789abcdef0123456789abcdef\"}", Map.of(), Stall.AFTER_HEADERS));
        }
        return this;
    }

    /** Runs an action as each request arrives, before it is answered. */
    void onRequest(Runnable action) {
        onRequest = action;
    }

    /** The requests received so far, oldest first. */
    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    decode(body),
                    body));
            onRequest.run();
            Answer answer;
            synchronized (script) {
                answer = script.isEmpty() ? created() : script.poll();
            }
            if (answer.stall() == Stall.BEFORE_HEADERS) {
                released.await(30, TimeUnit.SECONDS);
                return;
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (answer.stall() == Stall.AFTER_HEADERS) {
                    out.write(bytes, 0, 1);
                    out.flush();
                    released.await(30, TimeUnit.SECONDS);
                    return;
                }
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Answer created() {
        return new Answer(
                201,
                "{\"sid\": \"SM0123456789abcdef0123456789abcdef\", \"status\": \"queued\", "
                        + "\"error_code\": null, \"error_message\": null}",
                Map.of(),
                Stall.NONE);
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (form.isEmpty()) {
            return fields;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (fields.putIfAbsent(name, value) != null) {
                throw new IllegalStateException("field sent twice: " + name);
            }
        }
        return fields;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
