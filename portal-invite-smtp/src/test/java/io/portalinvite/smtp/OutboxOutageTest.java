package io.portalinvite.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import io.portalinvite.PortalInvite;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The SMTP server down for a while (30 s by default; {@code -Dportal.invite.test.smtp-outage-seconds}
 * changes it) under a backlog of 2 000 invitation emails on a durable PostgreSQL outbox, with the
 * dispatcher running in the background: a handful of log lines, no audit row and no attempt for the
 * messages that could not be attempted, and every message delivered within 10 s of the server's
 * return.
 */
@Timeout(600)
class OutboxOutageTest {

    private static final int BACKLOG = 2_000;

    private final Duration outage;
    private GreenMail greenMail;
    private ListAppender<ILoggingEvent> logLines;

    OutboxOutageTest() {
        this.outage = Duration.ofSeconds(Long.getLong("portal.invite.test.smtp-outage-seconds", 30));
    }

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
        if (logLines != null) {
            ((Logger) LoggerFactory.getLogger("io.portalinvite")).detachAppender(logLines);
        }
    }

    @Test
    void smtpDownUnderBacklogThenFewLogLinesNoAttemptsNoDeferredAuditAndAllDeliveredSoonAfterReturn() throws Exception {
        String url = DurableOutbox.freshDatabase("outage_test");
        int port = SmtpTestMessages.unusedPort();
        try (HikariDataSource dataSource = DurableOutbox.pool(url, 8)) {
            DurableOutbox.backlog(dataSource, BACKLOG);
            logLines = new ListAppender<>();
            logLines.start();
            Logger portalLogs = (Logger) LoggerFactory.getLogger("io.portalinvite");
            Level levelBefore = portalLogs.getLevel();
            portalLogs.setLevel(Level.INFO); // the build's logback-test.xml logs WARN and up only
            portalLogs.addAppender(logLines);

            long returnedAt;
            long firstAt = 0;
            long longestStall = 0;
            long deliveredAt;
            try (SmtpEmailSender sender =
                            new SmtpEmailSender(SmtpTestMessages.plainTo(port).build());
                    PortalInvite portal = DurableOutbox.portal(dataSource, sender, b -> {})) {
                portal.dispatcher().start(Duration.ofMillis(200));
                Thread.sleep(outage.toMillis());
                assertThat(DurableOutbox.count(dataSource, "SELECT COUNT(*) FROM pi_outbox WHERE status = 'SENT'"))
                        .as("nothing can be sent while the server is down")
                        .isZero();

                greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                greenMail.start();
                returnedAt = System.nanoTime();
                long deadline = returnedAt + TimeUnit.SECONDS.toNanos(300);
                int seen = 0;
                long lastProgress = 0;
                while (greenMail.getReceivedMessages().length < BACKLOG && System.nanoTime() < deadline) {
                    int received = greenMail.getReceivedMessages().length;
                    if (received > seen) {
                        long t = System.nanoTime();
                        if (firstAt == 0) {
                            firstAt = t;
                        } else {
                            longestStall = Math.max(longestStall, t - lastProgress);
                        }
                        lastProgress = t;
                        seen = received;
                    }
                    Thread.sleep(20);
                }
                deliveredAt = System.nanoTime();
                while (DurableOutbox.count(dataSource, "SELECT COUNT(*) FROM pi_outbox WHERE status = 'SENT'") < BACKLOG
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            portalLogs.detachAppender(logLines);
            portalLogs.setLevel(levelBefore);

            List<String> lines = logLines.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                    .filter(e -> e.getLoggerName().startsWith("io.portalinvite.delivery")
                            || e.getLoggerName().startsWith("io.portalinvite.smtp"))
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                    .toList();
            double seconds = (deliveredAt - returnedAt) / 1e9;
            double first = (firstAt - returnedAt) / 1e9;
            assertThat(greenMail.getReceivedMessages()).hasSize(BACKLOG);
            double alone = DurableOutbox.smtpAloneRate(port, 300);
            System.out.printf(
                    "OUTAGE smtp %s under %d messages: %d log lines; first delivery %.1f s and all %.1f s after the "
                            + "server returned, longest pause %.1f s (the server alone took %.0f messages/s): %s%n",
                    outage, BACKLOG, lines.size(), first, seconds, longestStall / 1e9, alone, lines);

            assertThat(first)
                    .as("delivery resumes within the longest probe pause (5 s) of the server's return")
                    .isLessThan(6.0);
            // once resumed, delivery never pauses the way a retry back-off would (a minute and more):
            // the backlog goes out as fast as the dispatcher sends, which on a quiet machine (the server
            // alone takes 2 000 messages in under a second) is well within 10 s of the return
            assertThat(longestStall / 1e9)
                    .as("no pause in delivery after it resumed")
                    .isLessThan(3.0);
            assertThat(lines).as("a handful of log lines, not one per message").hasSizeLessThanOrEqualTo(5);
            assertThat(lines).anyMatch(l -> l.startsWith("WARN") && l.contains("unreachable since"));
            assertThat(lines).anyMatch(l -> l.startsWith("INFO") && l.contains("back after"));
            assertThat(DurableOutbox.count(dataSource, "SELECT COUNT(*) FROM pi_outbox WHERE status = 'SENT'"))
                    .isEqualTo(BACKLOG);
            assertThat(DurableOutbox.count(dataSource, "SELECT COUNT(*) FROM pi_outbox WHERE attempts <> 1"))
                    .as("no attempt used up by the outage")
                    .isZero();
            assertThat(DurableOutbox.count(
                            dataSource, "SELECT COUNT(*) FROM pi_audit WHERE action = 'DELIVERY_DEFERRED'"))
                    .as("no audit row for messages never attempted")
                    .isZero();
            assertThat(DurableOutbox.count(dataSource, "SELECT COUNT(*) FROM pi_audit WHERE action = 'DELIVERY_SENT'"))
                    .as("one exact 'sent' entry per message")
                    .isEqualTo(BACKLOG);
        }
    }
}
