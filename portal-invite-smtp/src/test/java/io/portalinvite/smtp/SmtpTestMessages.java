package io.portalinvite.smtp;

import io.portalinvite.delivery.DefaultMessageComposer;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.party.EmailAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

/** Messages and settings shared by the SMTP sender's tests. */
final class SmtpTestMessages {

    /** The one-time token carried in every test message's link; must never appear in an error. */
    static final String TOKEN = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr";

    static final String LINK = "https://portal.sunrise.example/invitation?token=" + TOKEN;

    private SmtpTestMessages() {}

    /** An invitation email to the given address with a fresh Message-ID. */
    static EmailMessage invitation(String to) {
        return invitation("<" + UUID.randomUUID() + "@portal-invite.test>", to);
    }

    /** An invitation email with the given Message-ID. */
    static EmailMessage invitation(String messageId, String to) {
        return new EmailMessage(
                messageId,
                EmailAddress.of("no-reply@sunrise.example"),
                "Sunrise Family Clinic",
                EmailAddress.of("front-desk@sunrise.example"),
                EmailAddress.of(to),
                DefaultMessageComposer.SUBJECT,
                "Hello Ada,\n\nOpen this link to set up your account:\n" + LINK + "\n",
                "<p>Hello Ada,</p><p><a href=\"" + LINK + "\">Set up your account</a></p>");
    }

    /** Plain SMTP to loopback with timeouts short enough for tests and an explicit EHLO name. */
    static SmtpSettings.Builder plainTo(int port) {
        return SmtpSettings.builder()
                .host("127.0.0.1")
                .port(port)
                .security(SmtpSettings.Security.NONE)
                .heloName("portal-invite.test")
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .writeTimeout(Duration.ofSeconds(5));
    }

    /** A loopback port nothing listens on at the moment of the call. */
    static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
