package io.portalinvite.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import io.portalinvite.PortalInvite;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A dispatcher's JVM killed with {@code kill -9} in the middle of a batch, on a durable PostgreSQL
 * outbox sending to GreenMail; another dispatcher then takes over. Nothing is lost; the emails sent
 * again are at most one result batch, carry the same Message-ID, and are recorded as sent again
 * (attempt count and audit entry); the dead node's claimed messages go out within its short lease.
 */
@Timeout(300)
class OutboxCrashTest {

    private static final int MESSAGES = 1_000;
    private static final int RESULT_BATCH = 50;
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private GreenMail greenMail;
    private Process child;

    static java.util.function.Consumer<PortalInvite.Builder> dispatch(Duration lease, int resultBatch) {
        return b -> b.dispatcherLease(lease)
                .dispatcherBatchSize(100)
                .dispatcherResultBatches(resultBatch, 10, Duration.ofMillis(250));
    }

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void dispatcherKilledMidBatchThenNothingLostResendsAtMostOneBatchAndRecordedAsSentAgain() throws Exception {
        String url = DurableOutbox.freshDatabase("crash_test");
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        int port = greenMail.getSmtp().getPort();
        try (HikariDataSource dataSource = DurableOutbox.pool(url, 8)) {
            DurableOutbox.backlog(dataSource, MESSAGES);

            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            File log = Path.of("target", "outbox-crash-child.log").toFile();
            log.getParentFile().mkdirs();
            child = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            OutboxCrashRun.class.getName(),
                            url,
                            Integer.toString(port),
                            Long.toString(LEASE.toMillis()),
                            Integer.toString(RESULT_BATCH))
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (greenMail.getReceivedMessages().length < MESSAGES / 4 && System.nanoTime() < deadline) {
                assertThat(child.isAlive())
                        .as("the child dispatcher runs (see %s)", log)
                        .isTrue();
                Thread.sleep(2);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            int receivedBeforeKill = greenMail.getReceivedMessages().length;
            long recordedBeforeKill =
                    DurableOutbox.count(dataSource, "SELECT COUNT(*) FROM pi_outbox WHERE status = 'SENT'");
            List<String> held = DurableOutbox.strings(
                    dataSource, "SELECT id FROM pi_outbox WHERE status = 'PENDING' AND claim_id IS NOT NULL");
            long heldByDeadNode = held.size();
            String heldIds = held.isEmpty() ? "''" : "'" + String.join("', '", held) + "'";
            assertThat(receivedBeforeKill).as("killed mid-run").isLessThan(MESSAGES);

            long heldSentAt;
            long allSentAt;
            try (SmtpEmailSender sender =
                            new SmtpEmailSender(SmtpTestMessages.plainTo(port).build());
                    PortalInvite portal = DurableOutbox.portal(dataSource, sender, dispatch(LEASE, RESULT_BATCH))) {
                portal.dispatcher().start(Duration.ofMillis(50));
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (DurableOutbox.count(
                                        dataSource,
                                        "SELECT COUNT(*) FROM pi_outbox WHERE status <> 'SENT' AND id IN (" + heldIds
                                                + ")")
                                > 0
                        && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                heldSentAt = System.nanoTime();
                while (DurableOutbox.count(dataSource, "SELECT COUNT(*) FROM pi_outbox WHERE status <> 'SENT'") > 0
                        && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                allSentAt = System.nanoTime();
            }

            Map<String, Long> copies = Arrays.stream(greenMail.getReceivedMessages())
                    .collect(Collectors.groupingBy(OutboxCrashTest::messageId, Collectors.counting()));
            List<String> outboxIds = DurableOutbox.strings(dataSource, "SELECT internet_message_id FROM pi_outbox");
            long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
            Set<String> sentTwice = copies.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            Map<String, String> idByMessageId =
                    DurableOutbox.strings(dataSource, "SELECT internet_message_id || ' ' || id FROM pi_outbox").stream()
                            .map(s -> s.split(" "))
                            .collect(Collectors.toMap(a -> a[0], a -> a[1]));
            Set<String> recordedAgain = new HashSet<>();
            for (String details : DurableOutbox.strings(
                    dataSource,
                    "SELECT details FROM pi_audit WHERE action = 'DELIVERY_SENT' AND details LIKE '%sentAgain%'")) {
                Matcher m = MESSAGE_ID.matcher(details);
                if (m.find()) {
                    recordedAgain.add(m.group(1));
                }
            }
            Set<String> outboxRowsCountingTwo = new HashSet<>(DurableOutbox.strings(
                    dataSource, "SELECT id FROM pi_outbox WHERE status = 'SENT' AND attempts >= 2"));
            double takeoverSeconds = (heldSentAt - killedAt) / 1e9;
            double alone = DurableOutbox.smtpAloneRate(port, 200);
            double allSeconds = (allSentAt - killedAt) / 1e9;
            System.out.printf(
                    "CRASH outbox: killed after %d received (%d recorded, %d held by the dead node); %d duplicates "
                            + "(result batch %d), %d recorded as sent again; the dead node's messages sent %.1f s and all %.1f s "
                            + "after the kill (lease %s)%n",
                    receivedBeforeKill,
                    recordedBeforeKill,
                    heldByDeadNode,
                    duplicates,
                    RESULT_BATCH,
                    recordedAgain.size(),
                    takeoverSeconds,
                    allSeconds,
                    LEASE);

            assertThat(DurableOutbox.count(dataSource, "SELECT COUNT(*) FROM pi_outbox WHERE status <> 'SENT'"))
                    .as("every message recorded as sent")
                    .isZero();
            assertThat(copies.keySet())
                    .as("nothing lost: every outbox message arrived, under its own Message-ID")
                    .containsExactlyInAnyOrderElementsOf(outboxIds);
            assertThat(duplicates).as("sent again: at most one result batch").isLessThanOrEqualTo(RESULT_BATCH);
            assertThat(copies.values()).as("never more than two copies").allMatch(n -> n <= 2);
            for (String twice : sentTwice) {
                String id = idByMessageId.get(twice);
                assertThat(recordedAgain)
                        .as("audit says %s was sent again", twice)
                        .contains(id);
                assertThat(outboxRowsCountingTwo)
                        .as("attempts of %s count both sends", twice)
                        .contains(id);
            }
            assertThat(heldByDeadNode).as("the dead node held claimed messages").isPositive();
            // after the lease lapses, the pass under way finishes, the next one takes the dead node's
            // messages, and their results are recorded: three claim batches at the rate this node
            // delivered at, plus a second
            double nodeRate = (MESSAGES - recordedBeforeKill) / Math.max(0.001, allSeconds - LEASE.toSeconds());
            assertThat(takeoverSeconds)
                    .as(
                            "the dead node's claimed messages went out within its lease (plus three passes at %.0f/s; "
                                    + "the SMTP server alone took %.0f/s)",
                            nodeRate, alone)
                    .isLessThan(LEASE.toSeconds() + 1 + 3 * 100 / nodeRate);
        }
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
