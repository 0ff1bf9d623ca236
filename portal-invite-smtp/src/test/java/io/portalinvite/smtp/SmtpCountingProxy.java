package io.portalinvite.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of a real SMTP server (GreenMail) that counts the connections
 * a client opens and can cut them all, as a server closing idle sessions would. It can also play
 * a failing relay or network ({@link Fault}): refuse sessions, cut a session in the middle of the
 * message content, lose the server's acceptance of a message, or delay every answer.
 */
final class SmtpCountingProxy implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-counting-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private volatile Fault fault = Fault.NONE;
    private volatile long delayMillis;

    /** What the proxy does to the sessions it carries. */
    enum Fault {
        /** Passes everything through. */
        NONE,
        /** Closes each new connection at once, before the server's greeting. */
        REFUSE,
        /** Passes half of the first chunk of message content after DATA, then cuts the session. */
        DROP_IN_MESSAGE,
        /** Passes the whole message; the server accepts it, but its reply is lost with the session. */
        DROP_AFTER_ACCEPT,
        /** Delays every chunk the server sends by {@link #delay(Duration)}. */
        SLOW
    }

    SmtpCountingProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        threads.execute(this::acceptLoop);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Sets the fault played on sessions from now on. */
    void fault(Fault value) {
        fault = value;
    }

    /** Sets the delay of {@link Fault#SLOW}. */
    void delay(java.time.Duration value) {
        delayMillis = value.toMillis();
    }

    /** Connections the client has opened so far. */
    int accepted() {
        return accepted.get();
    }

    /** Connections currently open end to end. */
    int open() {
        return open.get();
    }

    /** Waits until exactly {@code expected} connections are open; the calling test bounds the wait. */
    void awaitOpen(int expected) throws InterruptedException {
        while (open.get() != expected) {
            Thread.sleep(5);
        }
    }

    /** Cuts every open connection, as a server that hangs up on idle clients does. */
    void dropAll() {
        for (Pair pair : pairs) {
            pair.close();
        }
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropAll();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket client;
            try {
                client = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (fault == Fault.REFUSE) {
                try {
                    client.close();
                } catch (IOException ignored) {
                    // refused on purpose
                }
                continue;
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Pair pair = new Pair(client, server);
                pairs.add(pair);
                open.incrementAndGet();
                threads.execute(() -> pump(client, server, pair, true));
                threads.execute(() -> pump(server, client, pair, false));
            } catch (IOException e) {
                try {
                    client.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private void pump(Socket from, Socket to, Pair pair, boolean fromClient) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) != -1) {
                String text = new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
                Fault now = fault;
                if (fromClient) {
                    if (pair.inData && now == Fault.DROP_IN_MESSAGE) {
                        out.write(buffer, 0, Math.max(1, n / 2));
                        out.flush();
                        return;
                    }
                    if (pair.inData && text.contains("\r\n.\r\n")) {
                        pair.messageEnded = true;
                    }
                    if (text.equals("DATA\r\n")) {
                        pair.inData = true;
                    }
                } else {
                    if (now == Fault.DROP_AFTER_ACCEPT && pair.messageEnded && text.startsWith("250")) {
                        return;
                    }
                    if (now == Fault.SLOW && delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // either side went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pair.close();
        }
    }

    /** Both ends of one proxied connection. */
    private final class Pair {
        private final Socket client;
        private final Socket server;
        private final AtomicBoolean closed = new AtomicBoolean();
        volatile boolean inData;
        volatile boolean messageEnded;

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            pairs.remove(this);
            open.decrementAndGet();
        }
    }
}
