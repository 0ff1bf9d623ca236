package io.portalinvite.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.portalinvite.delivery.DeliveryException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS: STARTTLS and implicit TLS succeed with a trusted certificate naming the host, and every
 * other case fails without a word of the message going out in the clear.
 *
 * <p>GreenMail speaks implicit TLS (SMTPS) with its own self-signed certificate but has no STARTTLS,
 * so STARTTLS and the successful handshakes use {@link SmtpScriptedServer} with a loopback
 * certificate from {@link SmtpTestCertificates}.
 */
@Timeout(20)
class SmtpEmailSenderTlsTest {

    @Test
    void sendWithStartTlsWhenCertificateTrustedAndNamesTheHostThenUpgradesBeforeSendingAnything() {
        try (SmtpScriptedServer server = SmtpScriptedServer.startTls(SmtpTestCertificates.loopbackServerContext());
                SmtpEmailSender sender = new SmtpEmailSender(to(server.port(), SmtpSettings.Security.STARTTLS)
                        .trustStore(SmtpTestCertificates.trustingLoopback())
                        .build())) {

            sender.send(SmtpTestMessages.invitation("ada@example.org"));
            sender.batchFinished();

            assertThat(server.messages())
                    .singleElement()
                    .satisfies(m -> assertThat(m.overTls()).isTrue());
            assertThat(server.commands().get(1)).isEqualTo("STARTTLS");
            assertThat(server.commands().subList(0, 2)).noneMatch(c -> c.startsWith("MAIL") || c.startsWith("RCPT"));
        }
    }

    @Test
    void sendWithImplicitTlsWhenCertificateTrustedAndNamesTheHostThenDelivers() {
        try (SmtpScriptedServer server = SmtpScriptedServer.implicitTls(SmtpTestCertificates.loopbackServerContext());
                SmtpEmailSender sender = new SmtpEmailSender(to(server.port(), SmtpSettings.Security.IMPLICIT_TLS)
                        .trustStore(SmtpTestCertificates.trustingLoopback())
                        .build())) {

            sender.send(SmtpTestMessages.invitation("ada@example.org"));
            sender.batchFinished();

            assertThat(server.messages())
                    .singleElement()
                    .satisfies(m -> assertThat(m.overTls()).isTrue());
        }
    }

    @Test
    void sendWithStartTlsWhenServerDoesNotOfferItThenRetryableFailureAndNothingSentInTheClear() {
        try (SmtpScriptedServer server = SmtpScriptedServer.plain();
                SmtpEmailSender sender = new SmtpEmailSender(
                        to(server.port(), SmtpSettings.Security.STARTTLS).build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("TLS");
            assertThat(server.commands())
                    .noneMatch(c -> c.startsWith("MAIL") || c.startsWith("RCPT") || c.equals("DATA"));
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void sendWithStartTlsWhenCertificateIsNotTrustedThenFailsWithoutFallingBackToPlaintext() {
        try (SmtpScriptedServer server = SmtpScriptedServer.startTls(SmtpTestCertificates.loopbackServerContext());
                SmtpEmailSender sender = new SmtpEmailSender(
                        to(server.port(), SmtpSettings.Security.STARTTLS).build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isFalse();
            assertThat(e).as("no path to a trusted CA").hasRootCauseInstanceOf(CertPathBuilderException.class);
            assertThat(server.commands())
                    .contains("STARTTLS")
                    .noneMatch(c -> c.startsWith("MAIL") || c.startsWith("RCPT") || c.equals("DATA"));
            assertThat(server.connections()).as("no second, plaintext attempt").isEqualTo(1);
        }
    }

    @Test
    void sendWithImplicitTlsToGreenMailWhenItsSelfSignedCertificateIsNotTrustedThenNothingDelivered() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        greenMail.start();
        try (SmtpCountingProxy proxy =
                        new SmtpCountingProxy(greenMail.getSmtps().getPort());
                SmtpEmailSender sender = new SmtpEmailSender(
                        to(proxy.port(), SmtpSettings.Security.IMPLICIT_TLS).build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isFalse();
            assertThat(e).as("no path to a trusted CA").hasRootCauseInstanceOf(CertPathBuilderException.class);
            assertThat(proxy.accepted())
                    .as("no second attempt with another socket factory")
                    .isEqualTo(1);
            assertThat(greenMail.getReceivedMessages()).isEmpty();
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void sendWithImplicitTlsToGreenMailWhenCertificateTrustedButNamesAnotherHostThenNothingDelivered() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        greenMail.start();
        try (SmtpEmailSender sender =
                new SmtpEmailSender(to(greenMail.getSmtps().getPort(), SmtpSettings.Security.IMPLICIT_TLS)
                        .trustStore(SmtpTestCertificates.trustingGreenMail())
                        .build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isFalse();
            assertThat(e)
                    .as("trusted, but the certificate does not name 127.0.0.1")
                    .hasRootCauseInstanceOf(CertificateException.class)
                    .hasRootCauseMessage("No subject alternative names present");
            assertThat(greenMail.getReceivedMessages()).isEmpty();
        } finally {
            greenMail.stop();
        }
    }

    private static SmtpSettings.Builder to(int port, SmtpSettings.Security security) {
        return SmtpSettings.builder()
                .host("127.0.0.1")
                .port(port)
                .security(security)
                .heloName("portal-invite.test")
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5));
    }

    private static DeliveryException sendExpectingFailure(SmtpEmailSender sender) {
        try {
            sender.send(SmtpTestMessages.invitation("ada@example.org"));
        } catch (DeliveryException e) {
            return e;
        }
        throw new AssertionError("the send was expected to fail");
    }
}
