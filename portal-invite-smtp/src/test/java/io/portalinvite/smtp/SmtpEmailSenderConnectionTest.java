package io.portalinvite.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.portalinvite.delivery.DeliveryException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the sender uses connections: one per batch and thread, replaced when full, idle, broken or
 * failed. Connections are counted by a proxy in front of GreenMail.
 */
@Timeout(20)
class SmtpEmailSenderConnectionTest {

    private GreenMail greenMail;
    private SmtpCountingProxy proxy;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        proxy = new SmtpCountingProxy(greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stop() {
        proxy.close();
        greenMail.stop();
    }

    @Test
    void sendWhenBatchOfTenThenOneSmtpConnection() throws Exception {
        try (SmtpEmailSender sender =
                new SmtpEmailSender(SmtpTestMessages.plainTo(proxy.port()).build())) {
            for (int i = 0; i < 10; i++) {
                sender.send(SmtpTestMessages.invitation("patient" + i + "@example.org"));
            }
            sender.batchFinished();

            assertThat(greenMail.waitForIncomingEmail(5_000, 10)).isTrue();
            assertThat(greenMail.getReceivedMessages()).hasSize(10);
            assertThat(proxy.accepted()).isEqualTo(1);
        }
    }

    @Test
    void sendAfterBatchFinishedThenFirstConnectionClosedAndANewOneOpened() throws Exception {
        try (SmtpEmailSender sender =
                new SmtpEmailSender(SmtpTestMessages.plainTo(proxy.port()).build())) {
            sender.send(SmtpTestMessages.invitation("ada@example.org"));
            sender.send(SmtpTestMessages.invitation("grace@example.org"));
            sender.batchFinished();

            assertThat(sender.openConnections()).isZero();
            proxy.awaitOpen(0);

            sender.send(SmtpTestMessages.invitation("alan@example.org"));

            assertThat(proxy.accepted()).isEqualTo(2);
            assertThat(greenMail.waitForIncomingEmail(5_000, 3)).isTrue();
        }
    }

    @Test
    void sendWhenMaxMessagesPerConnectionReachedThenNextMessageOpensNewConnection() {
        SmtpSettings settings = SmtpTestMessages.plainTo(proxy.port())
                .maxMessagesPerConnection(3)
                .build();
        try (SmtpEmailSender sender = new SmtpEmailSender(settings)) {
            for (int i = 0; i < 7; i++) {
                sender.send(SmtpTestMessages.invitation("patient" + i + "@example.org"));
            }
            sender.batchFinished();

            assertThat(proxy.accepted()).isEqualTo(3);
            assertThat(greenMail.waitForIncomingEmail(5_000, 7)).isTrue();
        }
    }

    @Test
    void closeIdleConnectionsWhenUnusedForIdleTimeoutThenClosedAndNextSendReconnects() throws Exception {
        AtomicLong nanos = new AtomicLong();
        SmtpSettings settings = SmtpTestMessages.plainTo(proxy.port())
                .idleTimeout(Duration.ofSeconds(30))
                .build();
        try (SmtpEmailSender sender = new SmtpEmailSender(settings, nanos::get)) {
            sender.send(SmtpTestMessages.invitation("ada@example.org"));

            nanos.addAndGet(Duration.ofSeconds(30).toNanos() - 1);
            sender.closeIdleConnections();
            assertThat(sender.openConnections()).as("not idle long enough yet").isEqualTo(1);
            assertThat(proxy.open()).isEqualTo(1);

            nanos.addAndGet(1);
            sender.closeIdleConnections();
            assertThat(sender.openConnections()).isZero();
            proxy.awaitOpen(0);

            sender.send(SmtpTestMessages.invitation("grace@example.org"));
            assertThat(proxy.accepted()).isEqualTo(2);
            assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        }
    }

    @Test
    void sendWhenBatchFinishedIsNeverCalledThenIdleCloserThreadClosesTheConnection() throws Exception {
        SmtpSettings settings = SmtpTestMessages.plainTo(proxy.port())
                .idleTimeout(Duration.ofMillis(50))
                .build();
        try (SmtpEmailSender sender = new SmtpEmailSender(settings)) {
            sender.send(SmtpTestMessages.invitation("ada@example.org"));

            // bounded by the class's @Timeout: the background thread must close it by itself
            proxy.awaitOpen(0);
            assertThat(sender.openConnections()).isZero();
        }
    }

    @Test
    void sendWhenServerDroppedTheConnectionBetweenMessagesThenReconnectsAndDelivers() throws Exception {
        try (SmtpEmailSender sender =
                new SmtpEmailSender(SmtpTestMessages.plainTo(proxy.port()).build())) {
            sender.send(SmtpTestMessages.invitation("ada@example.org"));
            proxy.dropAll();
            proxy.awaitOpen(0);

            sender.send(SmtpTestMessages.invitation("grace@example.org"));
            sender.batchFinished();

            assertThat(proxy.accepted()).isEqualTo(2);
            assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
            assertThat(greenMail.getReceivedMessages()).hasSize(2);
        }
    }

    @Test
    void sendWhenPreviousSendFailedThenNextMessageStartsOnAFreshConnection() {
        try (SmtpScriptedServer server = SmtpScriptedServer.plain()
                        .rcptReply(
                                address -> address.startsWith("unknown") ? "550 5.1.1 no such user" : "250 2.1.5 OK");
                SmtpEmailSender sender = new SmtpEmailSender(
                        SmtpTestMessages.plainTo(server.port()).build())) {
            sender.send(SmtpTestMessages.invitation("ada@example.org"));
            assertThatThrownBy(() -> sender.send(SmtpTestMessages.invitation("unknown@example.org")))
                    .isInstanceOf(DeliveryException.class);
            sender.send(SmtpTestMessages.invitation("grace@example.org"));
            sender.batchFinished();

            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.messages())
                    .extracting(m -> m.recipients().get(0))
                    .containsExactly("ada@example.org", "grace@example.org");
        }
    }

    @Test
    void sendWhenConnectingFailedEarlierInTheBatchThenLaterMessagesFailAtOnceUntilBatchFinished() {
        SmtpSettings settings;
        try (SmtpScriptedServer server = SmtpScriptedServer.hanging()) {
            settings = SmtpTestMessages.plainTo(server.port())
                    .readTimeout(Duration.ofMillis(200))
                    .build();
            try (SmtpEmailSender sender = new SmtpEmailSender(settings)) {
                assertThatThrownBy(() -> sender.send(SmtpTestMessages.invitation("ada@example.org")))
                        .isInstanceOf(DeliveryException.class);
                assertThatThrownBy(() -> sender.send(SmtpTestMessages.invitation("grace@example.org")))
                        .isInstanceOfSatisfying(DeliveryException.class, e -> {
                            assertThat(e.permanent()).isFalse();
                            assertThat(e.getMessage())
                                    .startsWith("not attempted: ")
                                    .contains("timed out");
                        });
                assertThat(server.connections())
                        .as("the second message did not wait out another timeout")
                        .isEqualTo(1);

                sender.batchFinished();
                assertThatThrownBy(() -> sender.send(SmtpTestMessages.invitation("alan@example.org")))
                        .isInstanceOf(DeliveryException.class);
                assertThat(server.connections()).as("a new batch tries again").isEqualTo(2);
            }
        }
    }

    @Test
    void sendFromTwoThreadsThenEachHasItsOwnConnectionAndCloseClosesBoth() throws Exception {
        SmtpEmailSender sender =
                new SmtpEmailSender(SmtpTestMessages.plainTo(proxy.port()).build());
        CountDownLatch bothSent = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            try {
                sender.send(SmtpTestMessages.invitation("ada@example.org"));
                bothSent.countDown();
                release.await();
            } catch (Throwable t) {
                failure.set(t);
                bothSent.countDown();
            }
        };
        Thread first = new Thread(work);
        Thread second = new Thread(work);
        first.start();
        second.start();
        bothSent.await();
        assertThat(failure.get()).isNull();
        assertThat(sender.openConnections()).isEqualTo(2);
        assertThat(proxy.accepted()).isEqualTo(2);

        sender.close();

        assertThat(sender.openConnections()).isZero();
        proxy.awaitOpen(0);
        release.countDown();
        first.join();
        second.join();
        assertThatThrownBy(() -> sender.send(SmtpTestMessages.invitation("ada@example.org")))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
        assertThat(proxy.accepted()).as("a closed sender opens nothing").isEqualTo(2);
    }
}
