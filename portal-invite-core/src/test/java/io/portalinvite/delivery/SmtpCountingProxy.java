package io.portalinvite.delivery;

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
 * a client opens and can cut them all, as a server closing idle sessions would.
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
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Pair pair = new Pair(client, server);
                pairs.add(pair);
                open.incrementAndGet();
                threads.execute(() -> pump(client, server, pair));
                threads.execute(() -> pump(server, client, pair));
            } catch (IOException e) {
                try {
                    client.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private static void pump(Socket from, Socket to, Pair pair) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // either side went away
        } finally {
            pair.close();
        }
    }

    /** Both ends of one proxied connection. */
    private final class Pair {
        private final Socket client;
        private final Socket server;
        private final AtomicBoolean closed = new AtomicBoolean();

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
