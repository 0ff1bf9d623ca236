package io.portalinvite.smtp;

import io.portalinvite.delivery.DeliveryException;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.OutboxDispatcher;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends invitation emails over SMTP with Jakarta Mail, reusing one connection for the messages of
 * a batch.
 *
 * <p><b>Connections.</b> The {@link OutboxDispatcher} sends a batch on one thread and then calls
 * {@link #batchFinished()} on that thread, so the sender keeps one connected session per calling
 * thread: the first message of a batch opens it, the following ones reuse it (after a cheap
 * {@code NOOP} to notice a server that hung up), and {@code batchFinished()} closes it. A
 * connection is also closed after {@link SmtpSettings#maxMessagesPerConnection()} messages, after
 * any failed send (so the next message starts from a clean session), and by a background daemon
 * thread once it has been unused for {@link SmtpSettings#idleTimeout()}, so a host that never calls
 * {@code batchFinished()} does not hold sockets open. {@link #close()} closes everything and stops
 * that thread; call it when the sender is no longer needed.
 *
 * <p>When opening a connection fails (server down, TLS refused, bad credentials), the remaining
 * messages of that batch on that thread fail at once with the same retryable error instead of
 * each waiting out the connect timeout again: a batch of 50 against a silent relay would otherwise
 * hold the dispatcher, and its claims, far longer than their lease. The next batch (or the idle
 * timeout) tries again.
 *
 * <p><b>Failures</b> become a {@link DeliveryException}:
 * <ul>
 *   <li>any failure to open the connection (connection refused, unknown host, no greeting in
 *       time, TLS handshake, authentication) is {@link DeliveryException.Kind#TRANSPORT_UNREACHABLE}:
 *       the message was not attempted, and the dispatcher waits for the relay instead of spending
 *       the message's attempts;</li>
 *   <li>a 5xx reply to the recipient or the message ({@code RCPT TO}, {@code MAIL FROM},
 *       {@code DATA}) is permanent: the server has said this message will never be accepted;</li>
 *   <li>a 4xx reply, a timeout or a connection dropped while a message is being sent is a failed
 *       attempt, retried after the back-off;</li>
 *   <li>failed authentication and failed TLS (untrusted or mismatched certificate, STARTTLS not
 *       offered) while connecting are unreachable, as above, and logged at ERROR because they mean
 *       the configuration (or the network path) is wrong, not the message: the messages wait and go
 *       out by themselves once it is fixed. The 530/534/535/538 replies a server gives to a message
 *       when authentication is missing or refused are retryable failed attempts.</li>
 * </ul>
 * Exception messages carry the SMTP reply code and the server's reply text with anything that looks
 * like a link or token removed, never the message body: the body carries a live one-time link, and
 * error texts end up in the outbox, logs and dashboards. Server rejections are thrown without the
 * Jakarta Mail exception as cause for the same reason, since its message is the unfiltered reply.
 *
 * <p><b>Headers.</b> Every header value is checked again for line breaks and other control
 * characters just before sending (defence in depth behind {@link EmailMessage}'s own checks), and a
 * bad value is refused as a permanent failure before any connection is made. The Message-ID is the
 * message's stable {@link EmailMessage#internetMessageId()}, never a fresh one, so that a message
 * sent twice (at-least-once delivery) can be recognised as one.
 *
 * <p><b>Stream provider.</b> jakarta.mail-api 2.1 looks its {@code StreamProvider} up with a fresh
 * {@link java.util.ServiceLoader} for every body part, multipart and encoded header it creates or
 * writes; profiling the outbox showed those lookups as the largest single cost of sending an
 * invitation. The lookup is steered only by a JVM-wide system property, so the sender never sets it
 * itself: a host that wants the speed-up calls {@link #useAngusStreamProvider()} once at start-up
 * (or sets {@value #STREAM_PROVIDER_PROPERTY} itself). Without it, Jakarta Mail keeps its own lookup.
 *
 * <p>Thread-safe: any number of threads may send at once, each over its own connection.
 */
public final class SmtpEmailSender implements EmailSender, AutoCloseable {

    /** The system property Jakarta Mail reads first when it needs its stream provider. */
    public static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    /** Angus Mail's stream provider, which the ServiceLoader lookup would find. */
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private static final Logger log = LoggerFactory.getLogger(SmtpEmailSender.class);

    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    /** A connection used within this many nanoseconds is reused without a NOOP check. */
    private static final long FRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    private static final int MAX_REPLY_TEXT = 200;
    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://\\S*");
    private static final Pattern TOKEN_LIKE = Pattern.compile("(?i)token=\\S*|[A-Za-z0-9_-]{32,}");
    private static final Pattern MESSAGE_ID =
            Pattern.compile("<[\\x21-\\x3b\\x3d\\x3f-\\x7e]+@[\\x21-\\x3b\\x3d\\x3f-\\x7e]+>");

    private final SmtpSettings settings;
    private final Session session;
    private final LongSupplier nanoTime;
    private final long idleNanos;
    private final Map<Thread, Slot> slots = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private @Nullable ScheduledThreadPoolExecutor idleCloser; // guarded by lifecycle
    private volatile boolean closed;

    /**
     * Creates a sender. No connection is opened until the first message.
     *
     * @param settings how to reach the relay
     */
    public SmtpEmailSender(SmtpSettings settings) {
        this(settings, System::nanoTime);
    }

    /** Lets tests drive idle time without waiting for it. */
    SmtpEmailSender(SmtpSettings settings, LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.idleNanos = settings.idleTimeout().toNanos();
        this.session = Session.getInstance(settings.toSessionProperties());
    }

    /**
     * Sends one message over this thread's connection, opening it if needed.
     *
     * @param message the message
     * @throws DeliveryException when the message was not handed over; see the class description for
     *     which failures are permanent
     */
    @Override
    public void send(EmailMessage message) {
        Objects.requireNonNull(message, "message");
        requireSafeHeaders(message);
        MimeMessage mime = compose(message);
        Slot slot = lockSlot();
        try {
            if (closed) {
                retire(Thread.currentThread(), slot);
                throw new DeliveryException("the SMTP sender is closed", false);
            }
            boolean unchecked = slot.transport != null && isFresh(slot);
            Transport transport = connectedTransport(slot);
            try {
                transport.sendMessage(mime, mime.getAllRecipients());
            } catch (MessagingException | RuntimeException e) {
                disconnect(slot);
                if (!unchecked || !isConnectionLoss(e)) {
                    throw sendFailure(e);
                }
                // a reused connection went away since its last use: one more try on a new one
                log.debug(
                        "SMTP connection to {}:{} was lost; sending again on a new one",
                        settings.host(),
                        settings.port());
                transport = connectedTransport(slot);
                try {
                    transport.sendMessage(mime, mime.getAllRecipients());
                } catch (MessagingException | RuntimeException again) {
                    disconnect(slot);
                    throw sendFailure(again);
                }
            }
            slot.messagesSent++;
            slot.lastUsedNanos = nanoTime.getAsLong();
            if (slot.messagesSent >= settings.maxMessagesPerConnection()) {
                disconnect(slot);
            }
        } finally {
            slot.lock.unlock();
        }
    }

    /** Closes this thread's connection: the dispatcher has no more messages for it right now. */
    @Override
    public void batchFinished() {
        Slot slot = slots.get(Thread.currentThread());
        if (slot == null) {
            return;
        }
        slot.lock.lock();
        try {
            retire(Thread.currentThread(), slot);
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * Closes every thread's connection and stops the idle-closing thread. Sends after this fail
     * with a retryable {@link DeliveryException}. A send in progress is allowed to finish first.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (lifecycle) {
            if (idleCloser != null) {
                idleCloser.shutdownNow();
                idleCloser = null;
            }
        }
        for (Map.Entry<Thread, Slot> entry : slots.entrySet()) {
            Slot slot = entry.getValue();
            slot.lock.lock();
            try {
                retire(entry.getKey(), slot);
            } finally {
                slot.lock.unlock();
            }
        }
    }

    /**
     * Closes connections unused for longer than the idle timeout, and forgets threads that ended.
     * Run periodically by the idle-closing thread; a connection busy sending is never idle.
     */
    void closeIdleConnections() {
        long now = nanoTime.getAsLong();
        for (Map.Entry<Thread, Slot> entry : slots.entrySet()) {
            Slot slot = entry.getValue();
            if (!slot.lock.tryLock()) {
                continue;
            }
            try {
                boolean ownerGone = !entry.getKey().isAlive();
                boolean idle = now - slot.lastUsedNanos >= idleNanos;
                if (ownerGone || idle) {
                    if (slot.transport != null) {
                        log.debug(
                                "closing SMTP connection to {}:{} unused for {}",
                                settings.host(),
                                settings.port(),
                                settings.idleTimeout());
                    }
                    retire(entry.getKey(), slot);
                }
            } finally {
                slot.lock.unlock();
            }
        }
    }

    /** Counts open connections, for tests. */
    int openConnections() {
        int open = 0;
        for (Slot slot : slots.values()) {
            if (slot.transport != null) {
                open++;
            }
        }
        return open;
    }

    /**
     * Returns this thread's slot, locked. A slot retired by another thread between lookup and lock
     * is skipped, so a connection can never be opened in a slot nobody will close.
     */
    private Slot lockSlot() {
        Thread owner = Thread.currentThread();
        while (true) {
            Slot slot = slots.computeIfAbsent(owner, t -> new Slot(nanoTime.getAsLong()));
            slot.lock.lock();
            if (!slot.retired) {
                return slot;
            }
            slot.lock.unlock();
        }
    }

    private Transport connectedTransport(Slot slot) {
        Transport current = slot.transport;
        if (current != null) {
            // isConnected() sends NOOP: the server may have closed an idle session or sent 421. A
            // connection used moments ago skips that round trip; if it was lost after all, send()
            // notices and tries once more on a new connection.
            if (isFresh(slot) || current.isConnected()) {
                return current;
            }
            log.debug("SMTP server {}:{} closed the connection; opening a new one", settings.host(), settings.port());
            disconnect(slot);
        }
        DeliveryException earlier = slot.connectFailure;
        if (earlier != null) {
            if (nanoTime.getAsLong() - slot.connectFailedAtNanos < idleNanos) {
                throw DeliveryException.unreachable("not attempted: " + earlier.getMessage(), earlier);
            }
            slot.connectFailure = null;
        }
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(transport);
            DeliveryException failure = connectFailure(e);
            slot.connectFailure = failure;
            slot.connectFailedAtNanos = nanoTime.getAsLong();
            slot.lastUsedNanos = slot.connectFailedAtNanos;
            throw failure;
        }
        slot.transport = transport;
        slot.messagesSent = 0;
        slot.lastUsedNanos = nanoTime.getAsLong();
        log.debug("opened SMTP connection to {}:{}", settings.host(), settings.port());
        startIdleCloser();
        return transport;
    }

    private void startIdleCloser() {
        synchronized (lifecycle) {
            if (idleCloser != null || closed) {
                return;
            }
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "portal-invite-smtp-idle-closer");
                t.setDaemon(true);
                return t;
            });
            long period =
                    Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(idleNanos / 2, TimeUnit.SECONDS.toNanos(10)));
            executor.scheduleWithFixedDelay(
                    () -> {
                        try {
                            closeIdleConnections();
                        } catch (RuntimeException e) {
                            log.warn("closing idle SMTP connections failed; will try again", e);
                        }
                    },
                    period,
                    period,
                    TimeUnit.NANOSECONDS);
            idleCloser = executor;
        }
    }

    /** Closes the slot's connection and forgets it; the caller holds the slot's lock. */
    private void retire(Thread owner, Slot slot) {
        disconnect(slot);
        slot.retired = true;
        slots.remove(owner, slot);
    }

    /** Closes the slot's connection, if any; the caller holds the slot's lock. */
    private void disconnect(Slot slot) {
        Transport transport = slot.transport;
        slot.transport = null;
        slot.messagesSent = 0;
        closeQuietly(transport);
    }

    private void closeQuietly(@Nullable Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug(
                    "closing SMTP connection to {}:{} failed: {}",
                    settings.host(),
                    settings.port(),
                    e.getClass().getSimpleName());
        }
    }

    private MimeMessage compose(EmailMessage message) {
        try {
            MimeMessage mime = new StableIdMimeMessage(session, message.internetMessageId());
            mime.setFrom(new InternetAddress(message.from().value(), message.fromName(), UTF_8));
            if (message.replyTo() != null) {
                mime.setReplyTo(new InternetAddress[] {
                    new InternetAddress(message.replyTo().value(), null, UTF_8)
                });
            }
            mime.setRecipient(
                    Message.RecipientType.TO, new InternetAddress(message.to().value(), null, UTF_8));
            mime.setSubject(message.subject(), UTF_8);
            mime.setSentDate(new Date());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.textBody(), UTF_8, "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.htmlBody(), UTF_8, "html");
            // plain first: clients show the last alternative they understand (RFC 2046 5.1.4)
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mime.setContent(alternative);
            mime.saveChanges();
            return mime;
        } catch (MessagingException | UnsupportedEncodingException e) {
            // the same input fails the same way every time
            throw new DeliveryException(
                    DeliveryException.Kind.MESSAGE_INVALID,
                    "could not compose the email: " + e.getClass().getSimpleName(),
                    null);
        }
    }

    /**
     * Refuses header values with line breaks or other control characters, and a Message-ID that is
     * not plain {@code <left@right>}, before anything is sent. The message names the header, never
     * its value.
     */
    /**
     * Names Angus Mail's stream provider in the system property {@value #STREAM_PROVIDER_PROPERTY},
     * unless the host already set that property or Angus Mail is missing. Jakarta Mail then loads the
     * provider by name instead of running a {@link java.util.ServiceLoader} lookup for every MIME part
     * (the same provider that lookup finds). The property is JVM-wide: call this from the host's
     * start-up code when that is acceptable there.
     *
     * @return true when the property now names Angus Mail's provider
     */
    public static boolean useAngusStreamProvider() {
        try {
            if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
                Class.forName(ANGUS_STREAM_PROVIDER, false, SmtpEmailSender.class.getClassLoader());
                System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
            }
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            log.debug("Angus Mail's stream provider is not available; Jakarta Mail will look it up itself", e);
        }
        return ANGUS_STREAM_PROVIDER.equals(System.getProperty(STREAM_PROVIDER_PROPERTY));
    }

    static void requireSafeHeaders(EmailMessage message) {
        requireSafeHeader("Message-ID", message.internetMessageId());
        if (!MESSAGE_ID.matcher(message.internetMessageId()).matches()) {
            throw new DeliveryException(
                    DeliveryException.Kind.MESSAGE_INVALID,
                    "refused before sending: the Message-ID is not of the form <left@right> in printable ASCII",
                    null);
        }
        requireSafeHeader("Subject", message.subject());
        requireSafeHeader("From", message.from().value());
        if (message.fromName() != null) {
            requireSafeHeader("From display name", message.fromName());
        }
        if (message.replyTo() != null) {
            requireSafeHeader("Reply-To", message.replyTo().value());
        }
        requireSafeHeader("To", message.to().value());
    }

    /**
     * Refuses one header value containing C0 or C1 controls, DEL, or the Unicode line and paragraph
     * separators, any of which could end a header line in some parser and start an injected one.
     *
     * @param header the header's name, for the error message
     * @param value the value
     * @throws DeliveryException permanent, naming the header
     */
    static void requireSafeHeader(String header, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                throw new DeliveryException(
                        DeliveryException.Kind.MESSAGE_INVALID,
                        "refused before sending: the " + header + " header contains a line break or control character",
                        null);
            }
        }
    }

    private DeliveryException connectFailure(Exception e) {
        String where = settings.host() + ":" + settings.port();
        if (e instanceof AuthenticationFailedException) {
            log.error(
                    "SMTP authentication to {} as {} failed: the configured SMTP username or password is wrong. "
                            + "Messages stay queued and are retried.",
                    where,
                    settings.username());
            return DeliveryException.unreachable(
                    "SMTP authentication to " + where + " failed (check the SMTP credentials)", e);
        }
        // Jakarta Mail reports "STARTTLS is required but host does not support STARTTLS" only as text
        if (find(e, SSLException.class) != null
                || String.valueOf(e.getMessage()).contains("STARTTLS")) {
            log.error(
                    "TLS with SMTP server {} could not be established: its certificate is not trusted or does not "
                            + "name the host, or it does not offer STARTTLS. Nothing was sent. Messages stay queued and are "
                            + "retried. Cause: {}",
                    where,
                    rootText(e));
            return DeliveryException.unreachable(
                    "TLS with SMTP server " + where + " could not be established: " + rootText(e), e);
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return DeliveryException.unreachable("timed out connecting to SMTP server " + where, e);
        }
        if (find(e, ConnectException.class) != null) {
            return DeliveryException.unreachable(
                    "could not connect to SMTP server " + where + ": connection refused", e);
        }
        if (find(e, UnknownHostException.class) != null) {
            return DeliveryException.unreachable("could not connect to SMTP server " + where + ": unknown host", e);
        }
        return DeliveryException.unreachable("could not connect to SMTP server " + where + ": " + rootText(e), e);
    }

    private DeliveryException sendFailure(Exception e) {
        List<Reply> replies = replies(e);
        for (Reply reply : replies) {
            if (isAuthenticationReply(reply.code)) {
                log.error(
                        "SMTP server {}:{} requires or refused authentication ({}): the SMTP credentials are "
                                + "missing or wrong. Messages stay queued and are retried.",
                        settings.host(),
                        settings.port(),
                        reply.code);
                return new DeliveryException(
                        "SMTP server refused the sender for lack of authentication: " + reply.describe(), false);
            }
        }
        for (Reply reply : replies) {
            if (reply.code >= 500 && reply.code <= 599) {
                return new DeliveryException("SMTP server rejected the message: " + reply.describe(), true);
            }
        }
        for (Reply reply : replies) {
            if (reply.code >= 400 && reply.code <= 499) {
                return new DeliveryException("SMTP server deferred the message: " + reply.describe(), false);
            }
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return new DeliveryException(
                    "SMTP server " + settings.host() + ":" + settings.port()
                            + " timed out while the message was being sent",
                    false,
                    e);
        }
        IOException io = find(e, IOException.class);
        if (io != null) {
            return new DeliveryException(
                    "connection to SMTP server " + settings.host() + ":" + settings.port()
                            + " failed while the message was being sent: "
                            + io.getClass().getSimpleName(),
                    false,
                    e);
        }
        return new DeliveryException(
                "sending to SMTP server " + settings.host() + ":" + settings.port() + " failed: " + safeText(e), false);
    }

    /** 530 auth required, 534 mechanism too weak, 535 credentials invalid, 538 encryption required. */
    private static boolean isAuthenticationReply(int code) {
        return code == 530 || code == 534 || code == 535 || code == 538;
    }

    private static List<Reply> replies(Throwable e) {
        List<Reply> found = new ArrayList<>();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++) {
            if (t instanceof SMTPAddressFailedException a) {
                found.add(new Reply(a.getReturnCode(), a.getMessage()));
            } else if (t instanceof SMTPSendFailedException s) {
                found.add(new Reply(s.getReturnCode(), s.getMessage()));
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return found;
    }

    private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return null;
    }

    /** The innermost cause says what actually went wrong ("unable to find valid certification path"). */
    private static String rootText(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return safeText(root);
    }

    private static String safeText(Throwable e) {
        String text = e.getMessage();
        return e.getClass().getSimpleName() + (text == null ? "" : ": " + redact(text));
    }

    /**
     * Makes server-supplied text safe to store and log: some filters quote the URL they object to,
     * and that URL would be the patient's one-time link.
     */
    static String redact(String text) {
        String flat = text.strip().replaceAll("\\p{Cntrl}+", " ");
        String cleaned = TOKEN_LIKE
                .matcher(URL.matcher(flat).replaceAll("[link removed]"))
                .replaceAll("[removed]");
        return cleaned.length() <= MAX_REPLY_TEXT ? cleaned : cleaned.substring(0, MAX_REPLY_TEXT) + "…";
    }

    /** One SMTP reply found in an exception chain. */
    private record Reply(int code, @Nullable String text) {
        String describe() {
            if (text == null || text.isBlank()) {
                return Integer.toString(code);
            }
            String clean = redact(text);
            return clean.startsWith(Integer.toString(code)) ? clean : code + " " + clean;
        }
    }

    /** One thread's connection and its recent connect failure. Guarded by {@link #lock}. */
    private boolean isFresh(Slot slot) {
        return nanoTime.getAsLong() - slot.lastUsedNanos < FRESH_NANOS;
    }

    /** A failure of the connection itself, not a reply of the server about this message. */
    private static boolean isConnectionLoss(Exception e) {
        if (e instanceof SMTPSendFailedException smtp) {
            // no reply code at all ([EOF]): the server went away, it did not refuse the message
            return smtp.getReturnCode() <= 0;
        }
        if (e instanceof jakarta.mail.SendFailedException) {
            return false;
        }
        if (e instanceof IllegalStateException) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return e instanceof MessagingException
                && !(e instanceof jakarta.mail.MessageRemovedException)
                && String.valueOf(e.getMessage())
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("not connected");
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile @Nullable Transport transport;
        int messagesSent;
        long lastUsedNanos;

        @Nullable
        DeliveryException connectFailure;

        long connectFailedAtNanos;
        boolean retired;

        Slot(long now) {
            this.lastUsedNanos = now;
        }
    }

    /**
     * Keeps the outbox's Message-ID: {@link MimeMessage#saveChanges()} would otherwise replace it
     * with a fresh one on every attempt, and a retried message would no longer be recognisable as
     * the same message.
     */
    private static final class StableIdMimeMessage extends MimeMessage {
        private final String messageId;

        StableIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
