package io.portalinvite.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.smtp.SmtpEmailSender;
import io.portalinvite.smtp.SmtpSettings;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.token.TokenKey;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * 2 000 invitation emails to a GreenMail SMTP server on loopback through the library's whole path —
 * outbox claim, token derivation, template rendering, SMTP send, recording the result — against a
 * bare Jakarta Mail {@link Transport} sending pre-built messages over one reused connection, and
 * over a new connection per message (HELO, because GreenMail's multi-line EHLO reply stalls every new
 * connection by ~40 ms, which would measure GreenMail, not us). Scores are messages per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SmtpBenchmark {

    static final int MESSAGES = 2_000;

    /** A new connection per message is slow against GreenMail (see above); a few dozen suffice. */
    static final int NEW_CONNECTION_MESSAGES = 50;

    /**
     * Messages per SMTP connection on the library path: the whole run, like the reused-connection
     * baseline. With the default (100) each reconnect pays GreenMail's ~40 ms EHLO stall, which is
     * GreenMail's cost, not the library's.
     */
    static final int SMTP_CONNECTION_REUSE = MESSAGES;

    private final AtomicLong ids = new AtomicLong();
    private GreenMail greenMail;
    private PortalInvite portal;
    private Session session;
    private List<MimeMessage> prebuilt;

    /** Starts GreenMail and a portal that sends to it. */
    @Setup(Level.Trial)
    public void start() throws MessagingException {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        int port = greenMail.getSmtp().getPort();
        portal = PortalInvite.builder()
                .storage(new InMemoryPortalStorage())
                .tokenKey(TokenKey.generate())
                .emailSender(new SmtpEmailSender(SmtpSettings.builder()
                        .host("127.0.0.1")
                        .port(port)
                        .security(SmtpSettings.Security.NONE)
                        .maxMessagesPerConnection(SMTP_CONNECTION_REUSE)
                        .build()))
                .dispatcherBatchSize(100)
                .build();
        portal.settings()
                .save(
                        PortalSettings.builder(PracticeId.of("bench"))
                                .enabled(true)
                                .practiceName("Benchmark Clinic")
                                .invitationLinkBase("https://portal.example/invitation")
                                .smsNotice(false)
                                .build(),
                        StaffId.of("bench"));
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.ehlo", "false");
        session = Session.getInstance(props);
        prebuilt = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            prebuilt.add(message(i));
        }
    }

    /** Queues 2 000 invitations for the library path and empties GreenMail's mailboxes. */
    @Setup(Level.Invocation)
    public void queue() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        for (int i = 0; i < MESSAGES; i++) {
            long n = ids.incrementAndGet();
            portal.invitations()
                    .invite(InviteRequest.existingPatient("bench", "bench")
                            .patientId("p-" + n)
                            .name("Ada", "Lovelace")
                            .dateOfBirth(LocalDate.of(1990, 5, 17))
                            // the same 2 000 recipients every run, as the baseline has: GreenMail looks mailboxes
                            // up by a linear scan, so ever new recipients would measure GreenMail growing
                            .email("ada" + (n % MESSAGES) + "@example.org")
                            .build());
        }
    }

    /** Returns the GreenMail server, for benchmarks that reuse this set-up. */
    GreenMail greenMail() {
        return greenMail;
    }

    /** Stops GreenMail. */
    @TearDown(Level.Trial)
    public void stop() {
        portal.close();
        greenMail.stop();
    }

    /**
     * The library's whole path.
     *
     * @return messages handled
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int libraryPath() {
        int handled = portal.dispatcher().drain();
        if (handled != MESSAGES) {
            throw new IllegalStateException("expected " + MESSAGES + " messages, handled " + handled);
        }
        return handled;
    }

    /**
     * Pre-built messages over one reused connection: what the SMTP server accepts on its own.
     *
     * @return messages sent
     * @throws MessagingException when GreenMail refuses
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int bareReusedConnection() throws MessagingException {
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (MimeMessage m : prebuilt) {
                transport.sendMessage(m, m.getAllRecipients());
            }
        }
        return MESSAGES;
    }

    /**
     * Pre-built messages, a new connection for each.
     *
     * @return messages sent
     * @throws MessagingException when GreenMail refuses
     */
    @Benchmark
    @OperationsPerInvocation(NEW_CONNECTION_MESSAGES)
    public int bareNewConnectionPerMessage() throws MessagingException {
        for (MimeMessage m : prebuilt.subList(0, NEW_CONNECTION_MESSAGES)) {
            Transport.send(m);
        }
        return NEW_CONNECTION_MESSAGES;
    }

    private MimeMessage message(int i) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("no-reply@portal.invalid"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("bare" + i + "@example.org"));
        m.setSubject("Your Patient Portal invitation", "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(
                "Hello Ada,\n\nBenchmark Clinic has invited you.\nhttps://portal.example/invitation?token=x\n",
                "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(
                "<p>Hello Ada,</p><p><a href=\"https://portal.example/invitation?token=x\">Set up</a></p>",
                "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }
}
