package io.portalinvite.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.portalinvite.delivery.DefaultMessageComposer;
import io.portalinvite.delivery.DeliveryException;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.party.EmailAddress;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** How SMTP failures become permanent or retryable {@link DeliveryException}s, and what they say. */
@Timeout(20)
class SmtpEmailSenderFailureTest {

    @Test
    void sendWhenRecipientRejectedWith550ThenPermanentFailureNamingTheReply() {
        try (SmtpScriptedServer server = SmtpScriptedServer.plain()
                        .rcptReply(address -> "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                SmtpEmailSender sender = new SmtpEmailSender(
                        SmtpTestMessages.plainTo(server.port()).build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage()).contains("550").contains("User unknown");
            assertThat(server.commands()).noneMatch("DATA"::equals);
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void sendWhenRecipientDeferredWith450ThenRetryable() {
        try (SmtpScriptedServer server =
                        SmtpScriptedServer.plain().rcptReply(address -> "450 4.2.1 mailbox busy, try later");
                SmtpEmailSender sender = new SmtpEmailSender(
                        SmtpTestMessages.plainTo(server.port()).build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("450");
        }
    }

    @Test
    void sendWhenMessageRejectedAfterDataWith554ThenPermanent() {
        try (SmtpScriptedServer server = SmtpScriptedServer.plain().dataReply("554 5.7.1 message refused by policy");
                SmtpEmailSender sender = new SmtpEmailSender(
                        SmtpTestMessages.plainTo(server.port()).build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage()).contains("554");
        }
    }

    @Test
    void sendWhenMessageDeferredAfterDataWith451ThenRetryable() {
        try (SmtpScriptedServer server = SmtpScriptedServer.plain().dataReply("451 4.3.0 local error, try again");
                SmtpEmailSender sender = new SmtpEmailSender(
                        SmtpTestMessages.plainTo(server.port()).build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("451");
        }
    }

    @Test
    void sendWhenServerQuotesTheLinkInItsRejectionThenTheErrorCarriesNeitherLinkNorTokenNorBody() {
        try (SmtpScriptedServer server = SmtpScriptedServer.plain()
                        .dataReply("554 5.7.1 Message rejected: URL " + SmtpTestMessages.LINK + " is listed; token "
                                + SmtpTestMessages.TOKEN);
                SmtpEmailSender sender = new SmtpEmailSender(
                        SmtpTestMessages.plainTo(server.port()).build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage())
                    .contains("554")
                    .contains("[link removed]")
                    .doesNotContain(SmtpTestMessages.TOKEN)
                    .doesNotContain("portal.sunrise.example")
                    .doesNotContain("Hello Ada");
            assertThat(e.getCause())
                    .as("the unfiltered reply is not kept as the cause")
                    .isNull();
        }
    }

    @Test
    void sendWhenNothingListensOnThePortThenRetryable() {
        try (SmtpEmailSender sender = new SmtpEmailSender(
                SmtpTestMessages.plainTo(SmtpTestMessages.unusedPort()).build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("connection refused");
        }
    }

    @Test
    @Timeout(10)
    void sendWhenServerAcceptsButNeverAnswersThenRetryableFailureInsteadOfHanging() {
        try (SmtpScriptedServer server = SmtpScriptedServer.hanging();
                SmtpEmailSender sender = new SmtpEmailSender(SmtpTestMessages.plainTo(server.port())
                        .readTimeout(Duration.ofMillis(300))
                        .build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("timed out");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(10)
    void sendWhenServerGoesSilentAfterTheMessageContentThenRetryableFailureInsteadOfHanging() {
        try (SmtpScriptedServer server = SmtpScriptedServer.plain().silentAfterData();
                SmtpEmailSender sender = new SmtpEmailSender(SmtpTestMessages.plainTo(server.port())
                        .readTimeout(Duration.ofMillis(300))
                        .build())) {

            DeliveryException e = sendExpectingFailure(sender);

            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("timed out").doesNotContain(SmtpTestMessages.TOKEN);
            assertThat(sender.openConnections())
                    .as("a connection in an unknown state is dropped")
                    .isZero();
        }
    }

    @Test
    void sendWhenPasswordIsWrongThenRetryableAndLoggedAsConfigurationErrorWithoutThePassword() {
        String password = "wrong-but-secret-Pa55";
        try (SmtpScriptedServer server = SmtpScriptedServer.implicitTls(SmtpTestCertificates.loopbackServerContext())
                        .requireAuth("portal", "right-password");
                SmtpEmailSender sender = new SmtpEmailSender(
                        tlsTo(server.port()).credentials("portal", password).build())) {

            ListAppender<ILoggingEvent> logged = capture(appender -> {
                DeliveryException e = sendExpectingFailure(sender);
                assertThat(e.permanent()).isFalse();
                assertThat(e.getMessage()).contains("authentication").doesNotContain(password);
            });

            assertThat(logged.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains("username or password");
            });
            assertThat(logged.list)
                    .noneMatch(event -> event.getFormattedMessage().contains(password));
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void sendWhenServerRequiresAuthenticationButNoneIsConfiguredThenRetryableAndLoggedAsConfigurationError() {
        try (SmtpScriptedServer server = SmtpScriptedServer.implicitTls(SmtpTestCertificates.loopbackServerContext())
                        .requireAuth("portal", "right-password");
                SmtpEmailSender sender =
                        new SmtpEmailSender(tlsTo(server.port()).build())) {

            ListAppender<ILoggingEvent> logged = capture(appender -> {
                DeliveryException e = sendExpectingFailure(sender);
                assertThat(e.permanent())
                        .as("530 is about our configuration, not this message")
                        .isFalse();
                assertThat(e.getMessage()).contains("530");
            });

            assertThat(logged.list).anyMatch(event -> event.getLevel() == Level.ERROR);
        }
    }

    @Test
    void sendWhenCredentialsAreRightThenAuthenticatesInsideTlsAndDelivers() {
        try (SmtpScriptedServer server = SmtpScriptedServer.implicitTls(SmtpTestCertificates.loopbackServerContext())
                        .requireAuth("portal", "right-password");
                SmtpEmailSender sender = new SmtpEmailSender(tlsTo(server.port())
                        .credentials("portal", "right-password")
                        .build())) {

            sender.send(SmtpTestMessages.invitation("ada@example.org"));
            sender.batchFinished();

            assertThat(server.messages())
                    .singleElement()
                    .satisfies(m -> assertThat(m.overTls()).isTrue());
            assertThat(server.commands()).contains("AUTH");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<é@portal-invite.test>", "<a@b.test><c@d.test>", "<no-at-sign>", "<@portal-invite.test>"})
    void sendWhenMessageIdIsNotPlainAsciiAddrSpecThenRefusedPermanentlyBeforeConnecting(String messageId) {
        try (SmtpScriptedServer server = SmtpScriptedServer.plain();
                SmtpEmailSender sender = new SmtpEmailSender(
                        SmtpTestMessages.plainTo(server.port()).build())) {
            EmailMessage message = new EmailMessage(
                    messageId,
                    EmailAddress.of("no-reply@sunrise.example"),
                    null,
                    null,
                    EmailAddress.of("ada@example.org"),
                    DefaultMessageComposer.SUBJECT,
                    "text",
                    "<p>html</p>");

            assertThatThrownBy(() -> sender.send(message))
                    .isInstanceOfSatisfying(
                            DeliveryException.class,
                            e -> assertThat(e.permanent()).isTrue());
            assertThat(server.connections()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Invite\r\nBcc: attacker@evil.example",
                "Invite\nX-Evil: 1",
                "Invite\rX",
                "Invite\u0000",
                "Invite\t",
                "Invite\u007f",
                "Invite\u0085",
                "Invite\u2028X",
                "Invite\u2029X"
            })
    void requireSafeHeaderWhenValueHasLineBreakOrControlCharacterThenPermanentFailureNamingOnlyTheHeader(String value) {
        assertThatThrownBy(() -> SmtpEmailSender.requireSafeHeader("Subject", value))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).contains("Subject").doesNotContain("Invite");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Your Patient Portal invitation", "Zoë O'Brien", "Praxis Süd – Team"})
    void requireSafeHeaderWhenValueIsOrdinaryTextThenAccepted(String value) {
        SmtpEmailSender.requireSafeHeader("Subject", value);
    }

    private static SmtpSettings.Builder tlsTo(int port) {
        return SmtpSettings.builder()
                .host("127.0.0.1")
                .port(port)
                .security(SmtpSettings.Security.IMPLICIT_TLS)
                .trustStore(SmtpTestCertificates.trustingLoopback())
                .heloName("portal-invite.test")
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5));
    }

    private static DeliveryException sendExpectingFailure(SmtpEmailSender sender) {
        try {
            sender.send(SmtpTestMessages.invitation("ada@example.org"));
        } catch (DeliveryException e) {
            assertThat(e.getMessage()).doesNotContain(SmtpTestMessages.TOKEN);
            return e;
        }
        throw new AssertionError("the send was expected to fail");
    }

    private static ListAppender<ILoggingEvent> capture(Consumer<ListAppender<ILoggingEvent>> action) {
        Logger logger = (Logger) LoggerFactory.getLogger(SmtpEmailSender.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.accept(appender);
        } finally {
            logger.detachAppender(appender);
        }
        return appender;
    }
}
