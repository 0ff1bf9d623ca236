package io.portalinvite.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A small SMTP server on loopback whose replies a test scripts: rejections (5xx/4xx) at RCPT TO or
 * DATA, silence (a server that accepts and never answers, or never answers the message), STARTTLS,
 * implicit TLS and AUTH PLAIN. GreenMail cannot do these. It records what reached it, so a test can
 * show that nothing did.
 *
 * <p>Bounded: server-side reads time out after 10 seconds, and {@link #close()} closes every socket
 * and stops every thread.
 */
final class SmtpScriptedServer implements AutoCloseable {

    /** One message the server accepted. */
    record Received(String mailFrom, List<String> recipients, String data, boolean overTls) {}

    private enum Tls {
        NONE,
        STARTTLS,
        IMPLICIT
    }

    private final ServerSocket serverSocket;
    private final Tls tls;
    private final @Nullable SSLContext context;
    private final boolean hang;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-smtp");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<String> rcptReply = address -> "250 2.1.5 OK";
    private volatile String dataReply = "250 2.0.0 queued";
    private volatile boolean silentAfterData;
    private volatile @Nullable String authUser;
    private volatile @Nullable String authPassword;

    private SmtpScriptedServer(Tls tls, @Nullable SSLContext context, boolean hang) {
        this.tls = tls;
        this.context = context;
        this.hang = hang;
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            this.serverSocket = tls == Tls.IMPLICIT
                    ? context.getServerSocketFactory().createServerSocket(0, 50, loopback)
                    : new ServerSocket(0, 50, loopback);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        threads.execute(this::acceptLoop);
    }

    /** A plain SMTP server that accepts everything unless scripted otherwise. */
    static SmtpScriptedServer plain() {
        return new SmtpScriptedServer(Tls.NONE, null, false);
    }

    /** A server that offers STARTTLS with the given context's certificate. */
    static SmtpScriptedServer startTls(SSLContext context) {
        return new SmtpScriptedServer(Tls.STARTTLS, context, false);
    }

    /** A server speaking TLS from the first byte. */
    static SmtpScriptedServer implicitTls(SSLContext context) {
        return new SmtpScriptedServer(Tls.IMPLICIT, context, false);
    }

    /** A server that accepts connections and never says a word. */
    static SmtpScriptedServer hanging() {
        return new SmtpScriptedServer(Tls.NONE, null, true);
    }

    /** Scripts the reply to RCPT TO, given the address between the angle brackets. */
    SmtpScriptedServer rcptReply(UnaryOperator<String> reply) {
        this.rcptReply = reply;
        return this;
    }

    /** Scripts the final reply to a message's content. */
    SmtpScriptedServer dataReply(String reply) {
        this.dataReply = reply;
        return this;
    }

    /** Makes the server read a message's content and then never answer. */
    SmtpScriptedServer silentAfterData() {
        this.silentAfterData = true;
        return this;
    }

    /** Requires AUTH PLAIN with these credentials before MAIL FROM (offered only inside TLS). */
    SmtpScriptedServer requireAuth(String user, String password) {
        this.authUser = user;
        this.authPassword = password;
        return this;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Every command line received, in order; AUTH lines are recorded without their credentials. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    /** Messages accepted so far. */
    List<Received> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                connections.incrementAndGet();
                sockets.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout(10_000);
            if (hang) {
                InputStream in = socket.getInputStream();
                while (in.read() != -1) {
                    // swallow whatever arrives, answer nothing
                }
                return;
            }
            new Conversation(socket).run();
        } catch (IOException | RuntimeException e) {
            // the client went away or the handshake failed: the connection simply ends
        } finally {
            sockets.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** One SMTP session. */
    private final class Conversation {
        private Socket socket;
        private BufferedReader in;
        private OutputStream out;
        private boolean overTls;
        private boolean authenticated;
        private @Nullable String mailFrom;
        private final List<String> recipients = new ArrayList<>();

        Conversation(Socket socket) throws IOException {
            this.socket = socket;
            this.overTls = tls == Tls.IMPLICIT;
            streams();
        }

        void run() throws IOException {
            reply("220 scripted.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                commands.add(upper.startsWith("AUTH") ? "AUTH" : line);
                if (upper.startsWith("EHLO")) {
                    List<String> lines = new ArrayList<>(List.of("scripted.test"));
                    if (tls == Tls.STARTTLS && !overTls) {
                        lines.add("STARTTLS");
                    }
                    if (authUser != null && overTls) {
                        lines.add("AUTH PLAIN");
                    }
                    lines.add("8BITMIME");
                    for (int i = 0; i < lines.size(); i++) {
                        reply("250" + (i < lines.size() - 1 ? "-" : " ") + lines.get(i));
                    }
                } else if (upper.startsWith("HELO")) {
                    reply("250 scripted.test");
                } else if (upper.equals("STARTTLS") && tls == Tls.STARTTLS && !overTls) {
                    reply("220 2.0.0 ready to start TLS");
                    upgrade();
                } else if (upper.startsWith("AUTH PLAIN")) {
                    authenticate(
                            line.length() > "AUTH PLAIN ".length() ? line.substring("AUTH PLAIN ".length()) : null);
                } else if (upper.startsWith("MAIL FROM:")) {
                    if (authUser != null && !authenticated) {
                        reply("530 5.7.0 Authentication required");
                    } else {
                        mailFrom = address(line);
                        recipients.clear();
                        reply("250 2.1.0 OK");
                    }
                } else if (upper.startsWith("RCPT TO:")) {
                    String address = address(line);
                    String r = rcptReply.apply(address);
                    if (r.startsWith("2")) {
                        recipients.add(address);
                    }
                    reply(r);
                } else if (upper.equals("DATA")) {
                    data();
                } else if (upper.equals("RSET")) {
                    mailFrom = null;
                    recipients.clear();
                    reply("250 2.0.0 OK");
                } else if (upper.equals("NOOP")) {
                    reply("250 2.0.0 OK");
                } else if (upper.equals("QUIT")) {
                    reply("221 2.0.0 bye");
                    return;
                } else {
                    reply("502 5.5.1 not implemented");
                }
            }
        }

        private void data() throws IOException {
            if (mailFrom == null || recipients.isEmpty()) {
                reply("554 5.5.1 no valid recipients");
                return;
            }
            reply("354 end with <CRLF>.<CRLF>");
            StringBuilder content = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null && !line.equals(".")) {
                content.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
            }
            if (silentAfterData) {
                while (in.readLine() != null) {
                    // never answer
                }
                return;
            }
            String r = dataReply;
            if (r.startsWith("2")) {
                messages.add(new Received(mailFrom, List.copyOf(recipients), content.toString(), overTls));
            }
            mailFrom = null;
            recipients.clear();
            reply(r);
        }

        private void authenticate(@Nullable String initial) throws IOException {
            String response = initial;
            if (response == null) {
                reply("334 ");
                response = in.readLine();
            }
            String[] parts = response == null
                    ? new String[0]
                    : new String(Base64.getDecoder().decode(response.strip()), StandardCharsets.UTF_8).split("\0", -1);
            if (overTls && parts.length == 3 && parts[1].equals(authUser) && parts[2].equals(authPassword)) {
                authenticated = true;
                reply("235 2.7.0 Authentication successful");
            } else {
                reply("535 5.7.8 Authentication credentials invalid");
            }
        }

        private void upgrade() throws IOException {
            SSLSocket ssl = (SSLSocket) context.getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.startHandshake();
            sockets.add(ssl);
            socket = ssl;
            overTls = true;
            authenticated = false;
            mailFrom = null;
            recipients.clear();
            streams();
        }

        private void streams() throws IOException {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out = socket.getOutputStream();
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        private String address(String line) {
            int open = line.indexOf('<');
            int close = line.indexOf('>', open + 1);
            return open >= 0 && close > open
                    ? line.substring(open + 1, close)
                    : line.substring(line.indexOf(':') + 1).strip();
        }
    }
}
